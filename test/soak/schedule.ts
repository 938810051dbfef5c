/**
 * The soak's timeline. The clients' loops start; after a warm-up both instances are measured
 * at a quiet moment; at a third of the run instance b is killed (SIGKILL) and started again;
 * at two thirds MariaDB is restarted; after each fault, once the instances have warmed up
 * again, another quiet measurement; at the end the loops stop and the last one is taken.
 * Each fault opens a window in the ledger, from the fault until the instances answer again
 * plus a grace for requests already under way.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_API_PREFIX } from '../../shared/constants.js';
import type { SoakClients, SoakLinks } from './clients.js';
import type { Instance } from './instances.js';
import type { InstanceName, Ledger } from './ledger.js';
import type { LoopControl } from './loop-control.js';
import { restartMariaDb, type DatabaseRestart } from './mariadb.js';
import type { ProcessSample } from './process-sample.js';

/** Past the demo's 5 s keep-alive timeout: the clients' idle connections are closed by then. */
const QUIET_MS = 6000;
/** After an instance or the database answers again, requests already under way may still fail. */
const GRACE_MS = 5000;
const RECOVERY_TIMEOUT_MS = 120_000;

export interface ScheduleParts {
  /** The soak's clock when the clients start (performance.now()). */
  startedAt: number;
  totalMs: number;
  warmUpMs: number;
  instances: Record<InstanceName, Instance>;
  links: SoakLinks;
  clients: SoakClients;
  loops: LoopControl;
  ledger: Ledger;
  /** One query on the database: rejects while MariaDB is away. */
  probeDatabase(): Promise<unknown>;
  sample(name: InstanceName): Promise<ProcessSample>;
}

/** Both instances at a quiet moment, and which one. */
export interface QuietSamples extends Record<InstanceName, ProcessSample> {
  moment: 'after the warm-up' | 'after the kill' | 'after the database restart' | 'at the end';
}

export interface ScheduleResult {
  quiet: QuietSamples[];
  kill: { instance: InstanceName; at: number; answered: number };
  databaseRestart: (DatabaseRestart & { recovered: number }) | { error: string };
}

export async function runSchedule(parts: ScheduleParts): Promise<ScheduleResult> {
  const { instances, clients, loops, ledger, warmUpMs, startedAt } = parts;
  const until = (fraction: number) => sleep(Math.max(0, startedAt + fraction * parts.totalMs - performance.now()));
  // Twenty minutes of silence would look like a hang: each step is announced.
  const say = (message: string) => console.log(`[soak ${((performance.now() - startedAt) / 1000).toFixed(1)} s] ${message}`);
  const quiet: QuietSamples[] = [];
  const measureQuietly = async (moment: QuietSamples['moment']) => {
    await loops.pause();
    await sleep(QUIET_MS);
    quiet.push({ moment, a: await parts.sample('a'), b: await parts.sample('b') });
    say(`measured both instances at a quiet moment ${moment}`);
    loops.resume();
  };
  startLoops(clients, loops);
  say('clients started');

  await sleep(warmUpMs);
  await measureQuietly('after the warm-up');

  await until(1 / 3);
  say('killing instance b (SIGKILL) and starting it again');
  const killedAt = performance.now();
  await instances.b.kill();
  await instances.b.start();
  const kill = { instance: 'b' as const, at: killedAt, answered: performance.now() };
  ledger.windows.push({ name: 'instance b killed and started again', instances: ['b'], start: kill.at, end: kill.answered + GRACE_MS });
  say('instance b answers again');
  await sleep(warmUpMs);
  await measureQuietly('after the kill');

  await until(2 / 3);
  say('restarting MariaDB');
  const databaseRestart = await restartDatabase(parts);
  say('error' in databaseRestart ? `MariaDB was not restarted: ${databaseRestart.error}` : 'MariaDB and both instances answer again');
  await sleep(warmUpMs);
  await measureQuietly('after the database restart');

  await until(1);
  await loops.stop();
  clients.close();
  say('clients stopped');
  await sleep(QUIET_MS);
  quiet.push({ moment: 'at the end', a: await parts.sample('a'), b: await parts.sample('b') });
  return { quiet, kill, databaseRestart };
}

/** Every kind of client, each loop alternating between the instances as a load balancer would. */
function startLoops(clients: SoakClients, loops: LoopControl): void {
  const side = (round: number, offset = 0): InstanceName => ((round + offset) % 2 === 0 ? 'a' : 'b');
  // Two of the busiest kinds, starting on different instances.
  for (const offset of [0, 1]) {
    loops.run((round) => clients.viewGallery(side(round, offset)), 200);
    loops.run(async (round) => void (await clients.downloadZip(side(round, offset))), 500);
  }
  loops.run((round) => clients.resumeZip(side(round), side(round, 1)), 1000);
  loops.run((round) => clients.guessPassword(side(round), round), 500);
  loops.run((round) => clients.editCollection(side(round), round), 2000);
}

/** Restarts MariaDB and waits until both instances answer a request that needs it again. */
async function restartDatabase(parts: ScheduleParts): Promise<ScheduleResult['databaseRestart']> {
  const stopping = performance.now();
  let restart: DatabaseRestart | { error: string };
  try {
    restart = await restartMariaDb(parts.probeDatabase);
  } catch (error) {
    restart = { error: (error as Error).message };
  }
  const recovered = await untilAnswering(Object.values(parts.instances), `${DEFAULT_API_PREFIX}/${parts.links.edited.id}`, parts.links.ownerCookie);
  parts.ledger.windows.push({ name: 'MariaDB restarted', instances: ['a', 'b'], start: stopping, end: recovered + GRACE_MS });
  return 'error' in restart ? restart : { ...restart, recovered };
}

/** When every instance answers a request that needs the database (its pool has reconnected). */
async function untilAnswering(targets: Instance[], path: string, cookie: string): Promise<number> {
  const deadline = performance.now() + RECOVERY_TIMEOUT_MS;
  for (const target of targets) {
    const answers = () => fetch(`${target.baseUrl}${path}`, { headers: { cookie } }).then((response) => response.ok, () => false);
    while (!(await answers()) && performance.now() < deadline) await sleep(200);
  }
  return performance.now();
}
