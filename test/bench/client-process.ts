/**
 * Load clients in a child process of their own, so their work never shares an event loop
 * with the server they measure (or with other clients). `runClient` forks this file,
 * sends it one job, and resolves with its result.
 *
 * @example
 * const idle = await runClient({ kind: 'visit', urls: [url], perSecond: 80, seconds: 6 });
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runAttack, runFlood, runVisits, type AttackJob, type AttackResult, type FloodJob, type FloodResult, type VisitJob, type VisitResult } from './client-jobs.js';
import { runDownloads, type DownloadJob, type TimedDownload } from './timed-downloads.js';
import { runZipDownloads, type ZipJob, type ZipResult } from './zip-downloads.js';

export type ClientJob = VisitJob | AttackJob | FloodJob | ZipJob | DownloadJob;
type ResultOf<J extends ClientJob> = J extends VisitJob
  ? VisitResult
  : J extends AttackJob
    ? AttackResult
    : J extends FloodJob
      ? FloodResult
      : J extends DownloadJob
        ? TimedDownload[]
        : ZipResult;
type Reply = { ok: true; result: unknown } | { ok: false; error: string };

export function runClient<J extends ClientJob>(job: J): Promise<ResultOf<J>> {
  const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (reply: Reply) => (reply.ok ? resolve(reply.result as ResultOf<J>) : reject(new Error(`${job.kind} client: ${reply.error}`))));
    child.once('exit', (code) => reject(new Error(`${job.kind} client exited with code ${code} before answering`)));
    child.once('error', reject);
    child.send(job);
  });
}

async function perform(job: ClientJob): Promise<unknown> {
  if (job.kind === 'visit') return runVisits(job);
  if (job.kind === 'attack') return runAttack(job);
  if (job.kind === 'flood') return runFlood(job);
  if (job.kind === 'download') return runDownloads(job);
  return runZipDownloads(job);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  process.once('message', (job: ClientJob) => {
    perform(job)
      .then((result): Reply => ({ ok: true, result }), (error: unknown): Reply => ({ ok: false, error: String((error as Error)?.stack ?? error) }))
      .then((reply) => process.send!(reply, () => process.exit(0)));
  });
}
