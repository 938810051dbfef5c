/**
 * What the soak must show, one PASS/MISS line each in the benchmarks' format, and the whole
 * record as JSON (test-output/soak/summary.json): no failed request outside the fault
 * windows, every archive valid, no access event lost but those the faults can take, the
 * faults themselves done, no complaint in the servers' logs outside the windows, and for each
 * instance no more files or sockets open at the end than at its first quiet moment, and its
 * memory not doubled.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EventKind } from '../../server-plugin/store/types.js';
import type { BenchFigure } from '../bench/figures.js';
import { describeLoad, formatFigure } from '../bench/print.js';
import type { LogLine } from './instances.js';
import type { InstanceName, Ledger, Outcome } from './ledger.js';
import type { ProcessSample } from './process-sample.js';
import type { QuietSamples, ScheduleResult } from './schedule.js';
import { describeEvents, describeFaults, describeRequests } from './report-details.js';

/**
 * Events wait in memory at most a second (plugin.ts, EVENT_DELAY_MS) before a batch is
 * written; a batch being written at the kill dies with it. Answers of the last 2 s may be lost.
 */
const EVENT_BUFFER_MS = 2000;
/**
 * Resident memory moves by tens of MiB either way with no leak at all: V8 grows its heap in
 * steps and the allocator keeps or returns freed pages as it likes (20-minute runs: one
 * instance +79 MiB over the run, another -61 MiB within 80 s). A leak worth the name, an
 * archive's buffer kept per download say, doubles it well within the run; a small one hides
 * in that noise and needs a heap snapshot to be seen.
 */
const RSS_GROWTH_FACTOR = 2;
const EVENT_KINDS: readonly EventKind[] = ['view', 'zip', 'unlock_failed'];

export interface SoakRecord extends ScheduleResult {
  minutes: number;
  startedAt: number;
  ledger: Ledger;
  checks: { archives: number; unzipTested: number; resumes: number };
  logLines: LogLine[];
  timeline: (ProcessSample & { instance: InstanceName })[];
  outputDir: string;
  /** Access events in the database, by kind, once both instances have stopped. */
  recorded: Record<string, number>;
}

/** Prints the figures, writes the JSON summary; true when every figure passed. */
export async function reportSoak(run: SoakRecord): Promise<boolean> {
  const figures = [
    requestsFigure(run), archivesFigure(run), eventsFigure(run), faultsFigure(run), logFigure(run),
    ...(['a', 'b'] as const).flatMap((name) => processFigures(name, run.quiet)),
  ];
  for (const figure of figures) console.log(formatFigure(figure));
  const passed = figures.every((figure) => figure.pass);
  const summaryFile = path.join(run.outputDir, 'summary.json');
  console.log(`summary: ${figures.length} figures, ${figures.filter((figure) => figure.pass).length} PASS; ${passed ? 'every invariant holds' : 'FAILED'}; load average now ${describeLoad()}; ${summaryFile}`);
  const { ledger, logLines, ...rest } = run;
  await writeFile(summaryFile, JSON.stringify({ ...rest, windows: ledger.windows, figures, unexcused: ledger.unexcusedErrors(), complaints: complaints(run) }, null, 2));
  return passed;
}

/** A count whose budget is nothing at all. */
function noneAllowed(name: string, value: number, unit: string, detail: string): BenchFigure {
  return { name, value, unit, budget: '0', pass: value === 0, detail };
}

function requestsFigure({ ledger, startedAt }: SoakRecord): BenchFigure {
  return noneAllowed('soak, failed requests outside the fault windows', ledger.unexcusedErrors().length, 'errors', describeRequests(ledger, startedAt));
}

function archivesFigure({ ledger, checks }: SoakRecord): BenchFigure {
  const figure = noneAllowed(
    'soak, archives that arrived whole but were not valid',
    ledger.count((outcome) => outcome.invalid === true),
    'archives',
    `${checks.archives} archives read to the end and checked (length against Content-Length, central directory, CRC-32), ${checks.unzipTested} also by unzip -t; ` +
      `${checks.resumes} downloads cut at a random byte and resumed with Range on the other instance, byte-identical`,
  );
  // No archive checked at all would pass vacuously.
  return { ...figure, pass: figure.pass && checks.archives > 0 && checks.resumes > 0 };
}

function eventsFigure({ ledger, kill, recorded, logLines }: SoakRecord): BenchFigure {
  const lostOf = (kind: EventKind) => ledger.eventsServed(kind) - (recorded[kind] ?? 0);
  const lost = EVENT_KINDS.reduce((sum, kind) => sum + lostOf(kind), 0);
  const inFlightAtKill = (outcome: Outcome) => outcome.instance === kill.instance && outcome.start <= kill.at && outcome.end >= kill.at - EVENT_BUFFER_MS;
  const atKill = EVENT_KINDS.reduce((sum, kind) => sum + ledger.eventsServed(kind, inFlightAtKill), 0);
  // The plugin logs each batch it could not write: "shared-collections: N access events could not be stored".
  const refused = logLines.reduce((sum, line) => sum + Number(/(\d+) access events could not be stored/.exec(line.text)?.[1] ?? 0), 0);
  return {
    name: 'soak, access events lost (served but not in the database)',
    value: lost,
    unit: 'events',
    budget: `<= ${atKill + refused} (answered by instance ${kill.instance} in the ${EVENT_BUFFER_MS / 1000} s before its kill, or in batches the database refused)`,
    pass: EVENT_KINDS.every((kind) => lostOf(kind) >= 0) && lost <= atKill + refused,
    detail: describeEvents(EVENT_KINDS.map((kind) => ({ kind, served: ledger.eventsServed(kind), recorded: recorded[kind] ?? 0 })), atKill, refused),
  };
}

function faultsFigure(run: SoakRecord): BenchFigure {
  const done = 1 + ('error' in run.databaseRestart ? 0 : 1);
  return { name: 'soak, faults injected', value: done, unit: 'of 2', budget: '2', pass: done === 2, detail: describeFaults(run) };
}

/** Lines the instances printed outside the fault windows other than the plugin's JSON event lines. */
function complaints({ ledger, logLines }: SoakRecord): LogLine[] {
  return logLines.filter((line) => !line.text.startsWith('{"event":') && !ledger.isExcused(line.instance, line.at, line.at));
}

function logFigure(run: SoakRecord): BenchFigure {
  const lines = complaints(run);
  const first = lines.slice(0, 3).map((line) => `${line.instance}: ${line.text.slice(0, 200)}`);
  return noneAllowed('soak, server log lines outside the fault windows (errors, warnings)', lines.length, 'lines', lines.length === 0 ? 'none' : `first: ${first.join(' | ')}`);
}

/**
 * The instance's last process, at the end against its first quiet moment (after the warm-up,
 * or after its own start): the files and sockets it holds (see process-sample.ts for what else
 * comes and goes) and its resident memory.
 */
function processFigures(name: InstanceName, quiet: QuietSamples[]): BenchFigure[] {
  const own = quiet.filter((samples) => samples[name].pid === quiet.at(-1)![name].pid);
  const [first, end] = [own[0]![name], own.at(-1)![name]];
  const label = `instance ${name} (pid ${end.pid}${own.length < quiet.length ? ', started again after the kill' : ''})`;
  const held = (sample: ProcessSample) => sample.files + sample.otherSockets;
  return [
    {
      name: `soak, files and sockets ${label} holds open at the end vs its first quiet moment, database connections aside`,
      value: held(end) - held(first),
      unit: 'more',
      budget: '<= 0',
      pass: held(end) <= held(first),
      detail: own
        .map(({ moment, [name]: sample }) => {
          const others = sample.fds - held(sample) - sample.databaseSockets;
          return `${moment} ${sample.files} files + ${sample.otherSockets} sockets (besides ${sample.databaseSockets} database connections and ${others} others)`;
        })
        .join('; '),
    },
    {
      name: `soak, resident memory of ${label} at the end vs its first quiet moment`,
      value: Math.round((end.rssMiB / first.rssMiB) * 100) / 100,
      unit: 'x',
      budget: `< ${RSS_GROWTH_FACTOR}`,
      pass: end.rssMiB < RSS_GROWTH_FACTOR * first.rssMiB,
      detail: own.map(({ moment, [name]: sample }) => `${moment} ${sample.rssMiB} MiB`).join(', '),
    },
  ];
}
