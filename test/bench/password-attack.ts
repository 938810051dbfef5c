/**
 * Budget 6, passwords under attack: the p95 latency of a gallery page for ordinary
 * visitors, idle and then while 50 clients post wrong passwords to a protected collection
 * as fast as they get answers. The password uses the plugin's default bcrypt cost, as a
 * host that sets nothing gets; each attacker has its own address, as a botnet would, so the
 * per-address throttle alone cannot absorb the attack.
 */
import type { BenchHost } from './bench-host.js';
import { runClient } from './client-process.js';
import type { BenchFigure } from './figures.js';
import { formatMs } from './latency.js';

/** Page views per second from ordinary visitors: steady traffic, far below what the server can take. */
const VISITS_PER_SECOND = 40;
const ATTACKERS = 50;
const SECONDS = 8;
/** The attack starts this long before visitors are measured, so they meet it at full strength. */
const RAMP_MS = 500;
const BUDGET = 2;

export async function runPasswordAttackBenchmark(host: BenchHost, galleryToken: string, sampleIds: readonly string[]): Promise<BenchFigure> {
  const victim = await host.share(sampleIds, { password: 'correct horse battery staple' });
  const visit = { kind: 'visit', url: `${host.baseUrl}/s/${galleryToken}`, perSecond: VISITS_PER_SECOND, seconds: SECONDS } as const;

  await runClient({ ...visit, seconds: 1 });
  const idle = await runClient(visit);
  const attack = runClient({ kind: 'attack', url: `${host.baseUrl}/s/${victim}/unlock`, clients: ATTACKERS, seconds: SECONDS + 1 });
  await new Promise((resolve) => setTimeout(resolve, RAMP_MS));
  const attacked = await runClient(visit);
  const { requests, statuses } = await attack;

  const ratio = attacked.latency.p95 / idle.latency.p95;
  const errors = idle.errors + attacked.errors;
  const answers = Object.entries(statuses).map(([status, count]) => `${count} x ${status}`).join(', ');
  return {
    name: `passwords under attack, gallery p95 with ${ATTACKERS} attackers vs idle (${host.engine})`,
    value: Math.round(ratio * 100) / 100,
    unit: 'x idle',
    budget: `<= ${BUDGET}`,
    pass: ratio <= BUDGET && errors === 0,
    detail:
      `p95 ${formatMs(attacked.latency.p95)} vs ${formatMs(idle.latency.p95)} idle (p50 ${formatMs(attacked.latency.p50)} vs ${formatMs(idle.latency.p50)}; ` +
      `${VISITS_PER_SECOND} views/s for ${SECONDS} s); attack: ${requests} posts, ${answers}${errors > 0 ? `; ${errors} visitor errors` : ''}`,
  };
}
