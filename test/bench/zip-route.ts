/**
 * Issue 13, budget 3: a ZIP's throughput through the real route (the demo host with the
 * plugin, `GET /s/<token>/download`), against the same files sent by the same server one
 * after another, each file's read stream piped into the response, and, for reference,
 * against a ceiling: synchronous reads written to the socket itself (file-baselines.ts).
 * Two shapes: 1 GiB in 50 files (the bytes are the work) and 10,000 files of 20 KB (the
 * files are). The three alternate in each round, and the figure is the median of the
 * rounds' ratios: rounds back to back see the same neighbours on the machine.
 */
import type { CatalogFiles } from '../helpers/demo-catalog.js';
import { startBenchHost, type BenchHost } from './bench-host.js';
import { catalogFiles, LARGE_FILES, SMALL_FILES } from './catalog-fixtures.js';
import { runClient } from './client-process.js';
import { CEILING_PATH, PIPELINE_PATH } from './file-baselines.js';
import type { BenchFigure } from './figures.js';
import { median } from './latency.js';

/** Three, not more: a round of the 1 GiB set moves 3 GiB, and `npm run bench` must stay under 15 minutes. */
const ROUNDS = 3;
const BUDGET = 0.9;
const KINDS = ['route', 'pipeline', 'ceiling'] as const;
type Kind = (typeof KINDS)[number];

interface Measured {
  /** Bytes per second. */
  speed: number;
  /** The server's CPU seconds per GiB sent. */
  cpu: number;
}

export async function runZipRouteBenchmarks(): Promise<BenchFigure[]> {
  const host = await startBenchHost('sqlite');
  try {
    return [
      await throughputFigure(host, LARGE_FILES, '1 GiB in 50 files'),
      await throughputFigure(host, SMALL_FILES, '10,000 files of 20 KB'),
    ];
  } finally {
    await host.close();
  }
}

async function throughputFigure(host: BenchHost, files: CatalogFiles, label: string): Promise<BenchFigure> {
  const { ids, paths } = await catalogFiles(host.knex, files);
  await host.addFileSet(files.folder, paths);
  const token = await host.share(ids, { allowDownload: true });
  const urls: Record<Kind, string> = {
    route: `${host.baseUrl}/s/${token}/download`,
    pipeline: `${host.baseUrl}${PIPELINE_PATH}/${files.folder}`,
    ceiling: `${host.baseUrl}${CEILING_PATH}/${files.folder}`,
  };
  // Not counted: the route's first download computes every CRC (later ones find them in the
  // plugin's cache, as a repeated download does), and the first reads fill the page cache.
  const first = await measure(urls.route);
  await measure(urls.pipeline);
  await measure(urls.ceiling);
  const rounds: Record<Kind, Measured>[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const measured: Partial<Record<Kind, Measured>> = {};
    for (const kind of KINDS) measured[kind] = await measure(urls[kind]);
    rounds.push(measured as Record<Kind, Measured>);
  }
  const ratio = median(rounds.map(({ route, pipeline }) => route.speed / pipeline.speed));
  const toCeiling = median(rounds.map(({ route, ceiling }) => route.speed / ceiling.speed));
  const pipelineToCeiling = median(rounds.map(({ pipeline, ceiling }) => pipeline.speed / ceiling.speed));
  const speed = (kind: Kind) => `${Math.round(median(rounds.map((round) => round[kind].speed)) / 1e6)} MB/s`;
  const cpu = (kind: Kind) => median(rounds.map((round) => round[kind].cpu)).toFixed(2);
  return {
    name: `zip throughput, real route, ${label} (sqlite)`,
    value: round2(ratio),
    unit: 'x direct pipeline',
    budget: `>= ${BUDGET}`,
    pass: ratio >= BUDGET,
    detail:
      `median of ${ROUNDS}: route ${speed('route')}, pipeline ${speed('pipeline')}, ceiling ${speed('ceiling')} (synchronous reads written to the socket); ` +
      `route vs ceiling ${round2(toCeiling)}, pipeline vs ceiling ${round2(pipelineToCeiling)}; ` +
      `server CPU s/GiB: route ${cpu('route')}, pipeline ${cpu('pipeline')}, ceiling ${cpu('ceiling')}; ` +
      `first download, computing the CRCs: ${Math.round(first.speed / 1e6)} MB/s`,
  };
}

/** One download by a client process; the server is this process, so its CPU time is the server's. */
async function measure(url: string): Promise<Measured> {
  const before = process.cpuUsage();
  const [download] = await runClient({ kind: 'download', urls: [url] });
  const { user, system } = process.cpuUsage(before);
  return { speed: download!.bytes / download!.seconds, cpu: (user + system) / 1e6 / (download!.bytes / 2 ** 30) };
}

const round2 = (value: number): number => Math.round(value * 100) / 100;
