/**
 * Budget 4, the public page: the queries one gallery page or data.json costs (the same at
 * 100 and 10,000 assets, at most 4), and the gallery's throughput against a trivial route
 * of the same server and between the two sizes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { runAlternating } from './autocannon.js';
import { FOUR_QUERIES_PATH, PING_PATH, type BenchHost, type QueryCount } from './bench-host.js';
import type { BenchFigure } from './figures.js';

const SIZES = [100, 10_000] as const;
const CONNECTIONS = 10;
const SECONDS = 3;
const ROUNDS = 2;
const MAX_QUERIES = 4;
/** The plugin's default `publicCacheSeconds` (1 s), with a margin. */
const CACHE_LIFETIME_MS = 1100;

export async function runPublicPageBenchmarks(host: BenchHost, tokens: Record<(typeof SIZES)[number], string>): Promise<BenchFigure[]> {
  const engine = host.engine;
  const figures: BenchFigure[] = [];
  for (const [label, suffix] of [['gallery page', ''], ['data.json', '/data.json']] as const) {
    const misses: QueryCount[] = [];
    const hits: QueryCount[] = [];
    for (const size of SIZES) {
      await host.countQueries(`/s/${tokens[size]}${suffix}`); // the first request of a route may warm other caches
      // The budget is what a request costs when the public cache cannot answer it.
      await sleep(CACHE_LIFETIME_MS);
      misses.push(await host.countQueries(`/s/${tokens[size]}${suffix}`));
      hits.push(await host.countQueries(`/s/${tokens[size]}${suffix}`));
    }
    const [small, large] = misses as [QueryCount, QueryCount];
    const [smallHit, largeHit] = hits as [QueryCount, QueryCount];
    figures.push({
      name: `public page, DB queries per request, ${label} (${engine})`,
      value: Math.max(small.plugin, large.plugin),
      unit: 'queries',
      budget: `<= ${MAX_QUERIES}, same for both sizes`,
      pass: small.plugin === large.plugin && small.host === large.host && Math.max(small.plugin, large.plugin) <= MAX_QUERIES,
      detail:
        `uncached: plugin ${small.plugin} at 100 assets, ${large.plugin} at 10,000, plus the host's metadata lookup ${small.host} and ${large.host}; ` +
        `again within the cache's second: ${smallHit.plugin + smallHit.host} and ${largeHit.plugin + largeHit.host}` +
        (label === 'gallery page' ? '; views are written in batches, one insert for up to 500' : ''),
    });
  }

  const targets = { ping: PING_PATH, queries: FOUR_QUERIES_PATH, small: `/s/${tokens[100]}`, large: `/s/${tokens[10_000]}` };
  const { best: runs, failures } = await runAlternating(host.baseUrl, targets, { connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS });
  const best = { ping: runs.ping.requestsPerSecond, queries: runs.queries.requestsPerSecond, small: runs.small.requestsPerSecond, large: runs.large.requestsPerSecond };
  const rps = (value: number) => `${Math.round(value)} req/s`;
  const failed = failures > 0 ? `; ${failures} failed requests` : '';
  const ratio = (part: number, whole: number) => Math.round((part / whole) * 1000) / 1000;
  figures.push(
    {
      name: `public page throughput, gallery of 100 vs trivial route (${engine})`,
      value: ratio(best.small, best.ping),
      unit: 'x trivial',
      budget: '>= 0.25',
      pass: best.small / best.ping >= 0.25 && failures === 0,
      detail:
        `gallery ${rps(best.small)}, ${PING_PATH} ${rps(best.ping)} (best of ${ROUNDS} x ${SECONDS} s, ${CONNECTIONS} connections); ` +
        `a route making 4 primary-key queries and nothing else: ${rps(best.queries)} = ${ratio(best.queries, best.ping)} x trivial${failed}`,
    },
    {
      name: `public page throughput, gallery of 10,000 vs trivial route (${engine})`,
      value: ratio(best.large, best.ping),
      unit: 'x trivial',
      budget: '>= 0.25',
      pass: best.large / best.ping >= 0.25 && failures === 0,
      detail: `gallery ${rps(best.large)}, ${PING_PATH} ${rps(best.ping)}${failed}`,
    },
    {
      name: `public page throughput, gallery of 10,000 vs of 100 (${engine})`,
      value: ratio(best.large, best.small),
      unit: 'x 100-asset',
      budget: '>= 0.667 (within 1.5x)',
      pass: best.large / best.small >= 1 / 1.5 && failures === 0,
      detail: `10,000 assets ${rps(best.large)}, 100 assets ${rps(best.small)}${failed}`,
    },
  );
  return figures;
}
