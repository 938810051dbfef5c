/**
 * `npm run bench`: every benchmark of issues 5 and 13, one line per figure with its budget and
 * PASS or MISS. Figures are information, not tests: a MISS does not fail the run, a
 * benchmark that crashes does (exit code 1). A benchmark whose file is absent prints a MISS
 * line naming it, so an incomplete run never looks complete.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { TEST_ENGINES } from '../helpers/databases.js';
import { runCollection100kBenchmarks } from './collection-100k.js';
import type { BenchFigure } from './figures.js';
import { runDownloadFloodBenchmark } from './download-flood.js';
import { runGalleryCrowdBenchmark } from './gallery-crowd.js';
import { describeLoad, describeMachine, formatFigure } from './print.js';
import { runServerBenchmarks } from './server.js';
import { runZipFirstByteBenchmark } from './zip-first-byte.js';
import { runZipRouteBenchmarks } from './zip-route.js';

interface Suite {
  label: string;
  run(): Promise<BenchFigure[]>;
}

/** A benchmark module that is not there (yet): reported, not crashed on. */
class MissingBenchmark extends Error {
  override readonly name = 'MissingBenchmark';
}

/** Benchmarks other files own, loaded by name so a missing one is reported rather than breaking the import. */
async function runModule(file: string, exportName: string): Promise<BenchFigure[]> {
  const url = new URL(file, import.meta.url);
  if (!existsSync(url)) throw new MissingBenchmark(`test/bench/${file.slice(2)} does not exist`);
  const run = ((await import(url.href)) as Record<string, unknown>)[exportName];
  if (typeof run !== 'function') throw new MissingBenchmark(`test/bench/${file.slice(2)} exports no ${exportName}()`);
  return (await run()) as BenchFigure[];
}

const allSuites: Suite[] = [
  { label: 'ZIP downloads (budgets 1-3)', run: () => runModule('./zip.ts', 'runZipBenchmarks') },
  ...TEST_ENGINES.map((engine) => ({ label: `public page, owner API, passwords on ${engine} (budgets 4-6)`, run: () => runServerBenchmarks(engine) })),
  ...TEST_ENGINES.map((engine) => ({ label: `download flood on ${engine} (issue 14)`, run: () => runDownloadFloodBenchmark(engine) })),
  ...TEST_ENGINES.map((engine) => ({ label: `gallery under 100 viewers on ${engine} (issue 13, budget 1)`, run: () => runGalleryCrowdBenchmark(engine) })),
  ...TEST_ENGINES.map((engine) => ({ label: `zip first byte on ${engine} (issue 13, budget 2)`, run: () => runZipFirstByteBenchmark(engine) })),
  { label: 'zip throughput through the real route on sqlite (issue 13, budget 3)', run: () => runZipRouteBenchmarks() },
  ...TEST_ENGINES.map((engine) => ({ label: `collection of 100,000 on ${engine} (issue 13, budget 4)`, run: () => runCollection100kBenchmarks(engine) })),
  { label: 'extension (budget 7)', run: () => runModule('./extension.ts', 'runExtensionBenchmarks') },
];
/** `npm run bench -- --only <text>`: only the suites whose label contains the text (e.g. `zip`, `mysql`, `flood`, `extension`, `issue 13`). */
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? undefined : process.argv[onlyAt + 1]?.toLowerCase();
const suites = only === undefined ? allSuites : allSuites.filter((suite) => suite.label.toLowerCase().includes(only));
if (suites.length === 0) {
  console.error(`--only ${only ?? ''}: no suite matches; the suites are: ${allSuites.map((suite) => suite.label).join('; ')}`);
  process.exit(1);
}

const started = performance.now();
const seconds = (since: number) => `${Math.round((performance.now() - since) / 1000)} s`;
const figures: BenchFigure[] = [];
const missing: string[] = [];
const crashed: string[] = [];

console.log(describeMachine());
if (!TEST_ENGINES.includes('mysql')) console.log('MariaDB: not measured (set TEST_MYSQL_URL to include it)');
for (const suite of suites) {
  const suiteStarted = performance.now();
  console.log(`\n== ${suite.label}`);
  try {
    const results = await suite.run();
    for (const figure of results) console.log(formatFigure(figure));
    figures.push(...results);
    console.log(`   (${seconds(suiteStarted)})`);
  } catch (error) {
    if (error instanceof MissingBenchmark) {
      missing.push(suite.label);
      console.log(`MISS  ${suite.label}: not measured (${error.message})`);
    } else {
      crashed.push(suite.label);
      console.log(`CRASH ${suite.label}: ${(error as Error)?.stack ?? String(error)}`);
    }
  }
}

const passed = figures.filter((figure) => figure.pass).length;
console.log(
  `\nsummary: ${figures.length} figures, ${passed} PASS, ${figures.length - passed} MISS; ` +
    `${missing.length} benchmarks not measured${missing.length > 0 ? ` (${missing.join('; ')})` : ''}; ` +
    `${crashed.length} crashed${crashed.length > 0 ? ` (${crashed.join('; ')})` : ''}; ` +
    `${seconds(started)}; load average now ${describeLoad()}`,
);
// Explicitly: a benchmark that leaves a handle open (a browser, a pool) must not keep the run alive.
process.exit(crashed.length > 0 ? 1 : 0);
