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
import { describeRounds, describeStatuses, measureVisitorRounds } from './visitor-rounds.js';

/** Page views per second from ordinary visitors: steady traffic, far below what the server can take. */
const VISITS_PER_SECOND = 80;
const ATTACKERS = 50;
/** 320 visits a round: its p95 is the 16th slowest. */
const SECONDS = 4;
/** Idle and attacked alternate, each attack on a fresh collection (see visitor-rounds.ts for why five). */
const ROUNDS = 5;
const BUDGET = 2;

export async function runPasswordAttackBenchmark(host: BenchHost, galleryToken: string, sampleIds: readonly string[]): Promise<BenchFigure> {
  const visit = { kind: 'visit', urls: [`${host.baseUrl}/s/${galleryToken}`], perSecond: VISITS_PER_SECOND, seconds: SECONDS } as const;
  const result = await measureVisitorRounds({
    visit,
    rounds: ROUNDS,
    async disturb(seconds) {
      const victim = await host.share(sampleIds, { password: 'correct horse battery staple' });
      return { finished: runClient({ kind: 'attack', url: `${host.baseUrl}/s/${victim}/unlock`, clients: ATTACKERS, seconds }) };
    },
  });
  return {
    name: `passwords under attack, gallery p95 with ${ATTACKERS} attackers vs idle (${host.engine})`,
    value: Math.round(result.ratio * 100) / 100,
    unit: 'x idle',
    budget: `<= ${BUDGET}`,
    pass: result.ratio <= BUDGET && result.visitorErrors === 0,
    detail:
      `${describeRounds(result, visit, 'views')}; attack answers: ${describeStatuses(result.statuses)}` +
      (result.visitorErrors > 0 ? `; ${result.visitorErrors} visitor errors` : ''),
  };
}
