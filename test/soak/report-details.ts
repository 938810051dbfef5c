/**
 * The bracketed details of the soak's lines: the numbers behind each figure, in words, with
 * times in seconds since the soak's clients started.
 */
import type { EventKind } from '../../server-plugin/store/types.js';
import type { Ledger, Outcome, Workload } from './ledger.js';
import type { SoakRecord } from './report.js';

const WORKLOADS: readonly Workload[] = ['gallery', 'thumbnail', 'zip', 'resume', 'password', 'edit'];
const EVENT_NAMES: Record<EventKind, string> = { view: 'gallery views', download: 'originals', zip: 'ZIP downloads', unlock_failed: 'wrong passwords' };

const seconds = (at: number, startedAt: number) => `${((at - startedAt) / 1000).toFixed(1)} s`;

export function describeRequests(ledger: Ledger, startedAt: number): string {
  const failed = (outcome: Outcome) => outcome.problem !== undefined;
  const perWorkload = WORKLOADS.map((workload) => `${workload} ${ledger.count((outcome) => outcome.workload === workload)}`).join(', ');
  const excused = ledger.outcomes.filter((outcome) => failed(outcome) && !outcome.invalid && ledger.isExcused(outcome.instance, outcome.start, outcome.end));
  const windows = ledger.windows.map((window) => `${window.name} ${seconds(window.start, startedAt)}-${seconds(window.end, startedAt)}`).join('; ');
  // What the faults did to the requests they caught: refused connections, 503s, ...
  const byProblem = new Map<string, number>();
  for (const { workload, problem } of excused) byProblem.set(`${workload} ${problem}`, (byProblem.get(`${workload} ${problem}`) ?? 0) + 1);
  const caught = [...byProblem].map(([what, count]) => `${count} ${what}`).join(', ');
  const first = ledger
    .unexcusedErrors()
    .slice(0, 3)
    .map((outcome) => `${outcome.workload} on ${outcome.instance} at ${seconds(outcome.start, startedAt)}: ${outcome.problem}`);
  return (
    `${ledger.outcomes.length} requests (${perWorkload}); ${excused.length} failed inside the fault windows (${windows}): ${caught}` +
    (first.length > 0 ? `; first failures: ${first.join(' | ')}` : '')
  );
}

export function describeEvents(kinds: { kind: EventKind; served: number; recorded: number }[], atKill: number, refused: number): string {
  return (
    kinds.map(({ kind, served, recorded }) => `${EVENT_NAMES[kind]} ${served} answered, ${recorded} recorded`).join('; ') +
    `; ${atKill} answered by the killed instance in the moments before its kill; ${refused} in batches the database refused (the plugin's warnings)`
  );
}

export function describeFaults({ kill, databaseRestart, startedAt }: SoakRecord): string {
  const killed =
    `instance ${kill.instance} killed (SIGKILL) at ${seconds(kill.at, startedAt)} and answering again ${((kill.answered - kill.at) / 1000).toFixed(1)} s later`;
  if ('error' in databaseRestart) return `${killed}; MariaDB not restarted: ${databaseRestart.error}`;
  const { stopping, stopped, answered, recovered } = databaseRestart;
  return (
    `${killed}; MariaDB stopped at ${seconds(stopping, startedAt)} (shut down in ${((stopped - stopping) / 1000).toFixed(1)} s), ` +
    `answering ${((answered - stopped) / 1000).toFixed(1)} s after it had stopped, both instances answering a database request ${((recovered - answered) / 1000).toFixed(1)} s after that`
  );
}
