/**
 * The soak's database fault: this machine's MariaDB stopped and started again as its init
 * script does it, with start-stop-daemon on /usr/sbin/mariadbd (as root; the server drops to
 * its own user from my.cnf), then waited for until it answers a query again.
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const DAEMON = '/usr/sbin/mariadbd';
const ANSWER_TIMEOUT_MS = 120_000;
const START_ATTEMPTS = 3;

export interface DatabaseRestart {
  /** On the soak's clock: when the stop began, when the server had exited, when it answered again. */
  stopping: number;
  stopped: number;
  answered: number;
}

/** Restarts MariaDB; `answers` makes one query and rejects while the server is away. */
export async function restartMariaDb(answers: () => Promise<unknown>): Promise<DatabaseRestart> {
  const stopping = performance.now();
  // --retry: SIGTERM, then wait until the server has exited (SIGKILL after 60 s), so the start
  // below does not find the old one still shutting down and do nothing.
  await daemon(['--stop', '--retry', '60', '--exec', DAEMON]);
  const stopped = performance.now();
  await startMariaDb();
  for (const deadline = performance.now() + ANSWER_TIMEOUT_MS; ; await sleep(200)) {
    if (await answers().then(() => true, () => false)) return { stopping, stopped, answered: performance.now() };
    if (performance.now() > deadline) throw new Error(`MariaDB was started again but did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`);
  }
}

/** Starts MariaDB unless it runs (`--oknodo`); tried again, since the machine's other users need it back. */
export async function startMariaDb(): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await daemon(['--start', '--oknodo', '--background', '--exec', DAEMON]);
      return;
    } catch (error) {
      if (attempt === START_ATTEMPTS) throw new Error(`${(error as Error).message}; start it by hand: start-stop-daemon --start --oknodo --background --exec ${DAEMON}`);
      await sleep(1000);
    }
  }
}

async function daemon(args: string[]): Promise<void> {
  try {
    await promisify(execFile)('start-stop-daemon', args);
  } catch (error) {
    const { stderr, code } = error as { stderr?: string; code?: number | string };
    throw new Error(`start-stop-daemon ${args.join(' ')} failed (${code}): ${String(stderr ?? (error as Error).message).trim()}`);
  }
}
