/**
 * `npm run soak [-- --minutes N]` (default 20; needs TEST_MYSQL_URL, and root for the database
 * restart): two instances of the demo DAM with the plugin, separate processes on different
 * ports and ONE MariaDB database, under a steady mix of gallery visitors, ZIP downloads (each
 * checked), interrupted downloads resumed on the other instance, wrong passwords and the
 * owner's edits, through an instance killed and a database restarted (schedule.ts). What must
 * hold is printed (report.ts) and written to test-output/soak/summary.json; the exit code is
 * 1 when anything does not.
 */
import { mkdir, rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createKnex } from '../../demo/database.js';
import { describeMachine } from '../bench/print.js';
import { createTestDatabase } from '../helpers/databases.js';
import { freePort } from '../package/server-process.js';
import { createClients } from './clients.js';
import { createInstance, type LogLine } from './instances.js';
import { Ledger, type InstanceName } from './ledger.js';
import { createSoakLinks } from './links.js';
import { LoopControl } from './loop-control.js';
import { startMariaDb } from './mariadb.js';
import { sampleProcess, type ProcessSample } from './process-sample.js';
import { reportSoak } from './report.js';
import { runSchedule } from './schedule.js';

const OUTPUT_DIR = fileURLToPath(new URL('../../test-output/soak/', import.meta.url));
/** The instances' shared DAM files: the sample catalog is rendered on the first run only. */
const DATA_DIR = fileURLToPath(new URL('../../test-output/soak-data/', import.meta.url));
const TIMELINE_EVERY_MS = 10_000;

if (!process.env.TEST_MYSQL_URL) {
  console.error('npm run soak runs on MariaDB: set TEST_MYSQL_URL, e.g. TEST_MYSQL_URL=mysql://root@127.0.0.1:3306/test npm run soak');
  process.exit(1);
}
const { values } = parseArgs({ options: { minutes: { type: 'string', default: '20' } } });
const minutes = Number(values.minutes);
if (!(minutes >= 1)) {
  console.error(`--minutes must be a number of minutes, at least 1 (got "${values.minutes}")`);
  process.exit(1);
}
const totalMs = minutes * 60_000;

console.log(describeMachine());
await rm(OUTPUT_DIR, { recursive: true, force: true });
await mkdir(OUTPUT_DIR, { recursive: true });
const database = await createTestDatabase('mysql');
const databaseUrl = database.url!;
// A pool of its own that keeps quiet: while MariaDB is away, each failed attempt would print a stack.
const probe = createKnex({ databaseUrl, dataDir: OUTPUT_DIR, log: { warn: () => {} } });
const databasePort = Number(new URL(databaseUrl).port || 3306);
const instance = async (name: InstanceName) => createInstance({ name, port: await freePort(), databaseUrl, dataDir: DATA_DIR, logDir: OUTPUT_DIR });
const instances = { a: await instance('a'), b: await instance('b') };
const loops = new LoopControl();
let exitCode = 1;
try {
  // One after the other: the first start on a new database runs the host's migrations.
  await instances.a.start();
  await instances.b.start();
  const ledger = new Ledger();
  const links = await createSoakLinks(instances.a.baseUrl);
  console.log(`${minutes} minutes; instances a (${instances.a.baseUrl}) and b (${instances.b.baseUrl}) on MariaDB database ${new URL(databaseUrl).pathname.slice(1)}; logs in ${OUTPUT_DIR}`);
  const clients = createClients({ ledger, baseUrls: { a: instances.a.baseUrl, b: instances.b.baseUrl }, links, scratchDir: OUTPUT_DIR });
  const startedAt = performance.now();
  const sample = (name: InstanceName) => sampleProcess(instances[name].pid, databasePort, Math.round((performance.now() - startedAt) / 100) / 10);

  const logLines: LogLine[] = [];
  const readLogs = async () => {
    for (const name of ['a', 'b'] as const) logLines.push(...(await instances[name].readLog()));
  };
  const timeline: (ProcessSample & { instance: InstanceName })[] = [];
  const logReader = setInterval(() => void readLogs(), 1000);
  const sampler = setInterval(() => {
    for (const name of ['a', 'b'] as const) {
      // An instance killed since it was asked about has no /proc entry left: no sample then.
      if (instances[name].running) void sample(name).then((taken) => timeline.push({ ...taken, instance: name }), () => {});
    }
  }, TIMELINE_EVERY_MS);

  const schedule = await runSchedule({
    startedAt, totalMs, warmUpMs: Math.min(60_000, totalMs / 6), instances, links, clients, loops, ledger, sample, probeDatabase: () => probe.raw('select 1'),
  });
  clearInterval(sampler);
  clearInterval(logReader);
  // SIGTERM: each instance writes its buffered events before it exits; what it prints then counts too.
  await instances.a.stop();
  await instances.b.stop();
  await readLogs();
  const recorded: { kind: string; n: number | string }[] = await database.knex('sc_events').select('kind').count({ n: '*' }).groupBy('kind');
  const passed = await reportSoak({
    ...schedule, minutes, startedAt, ledger, checks: clients.checks, logLines, timeline, outputDir: OUTPUT_DIR,
    recorded: Object.fromEntries(recorded.map((row) => [row.kind, Number(row.n)])),
  });
  exitCode = passed ? 0 : 1;
} finally {
  await loops.stop().catch(() => {});
  for (const name of ['a', 'b'] as const) if (instances[name].running) await instances[name].stop();
  // Whatever happened above, the machine's other users need their database server back.
  await startMariaDb().catch((error: Error) => console.error(error.message));
  await probe.destroy();
  await database.destroy();
}
process.exit(exitCode);
