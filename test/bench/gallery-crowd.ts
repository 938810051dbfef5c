/**
 * Issue 13, budget 1: a gallery page under 100 concurrent viewers. autocannon holds 100
 * connections on the page of a 10,000-asset collection and, alternately, on the trivial route
 * (`/bench/ping`); each target keeps its best round. Beside throughput and p99: every request
 * answered, every view stored (views recorded in the database after a flush against the pages
 * the server sent), and the plugin's queries per second for the link while viewers wait: one
 * load of the link per public cache lifetime, however many viewers share it.
 */
import type { Engine } from '../helpers/databases.js';
import { tableNames } from '../../server-plugin/store/table-names.js';
import { runAlternating } from './autocannon.js';
import { PING_PATH, startBenchHost } from './bench-host.js';
import type { BenchFigure } from './figures.js';

const VIEWERS = 100;
const SECONDS = 5;
const ROUNDS = 2;
const ASSETS = 10_000;
const THROUGHPUT_BUDGET = 0.5;
const P99_BUDGET = 3;
const QUERIES_PER_SECOND_BUDGET = 5;

export async function runGalleryCrowdBenchmark(engine: Engine): Promise<BenchFigure[]> {
  const host = await startBenchHost(engine);
  try {
    const token = await host.share(await host.seedAssets(ASSETS));
    const gallery = `/s/${token}`;
    const watch = host.watchQueries();
    const { best, failures } = await runAlternating(
      host.baseUrl,
      { ping: PING_PATH, gallery },
      { connections: VIEWERS, seconds: SECONDS, rounds: ROUNDS },
    ).finally(() => watch.stop());
    await host.flushEvents();
    const collectionId = (await host.collections.findByToken(token))!.id;
    const [row] = await host.knex(tableNames(host.plugin.tablePrefix).events).where({ collection_id: collectionId, kind: 'view' }).count({ views: '*' });
    const views = Number(row?.views);
    const served = host.answered(gallery);
    const lost = Math.max(0, served - views);
    // Ping rounds cost no query: the link is loaded only while its viewers wait (and for the warm-up second).
    const viewerSeconds = ROUNDS * SECONDS + 1;
    const perSecond = (count: number) => Math.round((count / viewerSeconds) * 10) / 10;
    const { plugin, host: hostQueries, transactions } = watch.count;
    const ratio = (part: number, whole: number) => Math.round((part / whole) * 100) / 100;
    const label = `gallery under ${VIEWERS} viewers`;
    return [
      {
        name: `${label}, throughput vs trivial route (${engine})`,
        value: ratio(best.gallery.requestsPerSecond, best.ping.requestsPerSecond),
        unit: 'x trivial',
        budget: `>= ${THROUGHPUT_BUDGET}`,
        pass: best.gallery.requestsPerSecond >= THROUGHPUT_BUDGET * best.ping.requestsPerSecond,
        detail:
          `gallery of ${ASSETS.toLocaleString('en')} ${Math.round(best.gallery.requestsPerSecond)} req/s, ${PING_PATH} ${Math.round(best.ping.requestsPerSecond)} req/s ` +
          `(best of ${ROUNDS} x ${SECONDS} s each, ${VIEWERS} connections)`,
      },
      {
        name: `${label}, p99 vs trivial route (${engine})`,
        value: ratio(best.gallery.p99, best.ping.p99),
        unit: 'x trivial',
        budget: `<= ${P99_BUDGET}`,
        pass: best.gallery.p99 <= P99_BUDGET * best.ping.p99,
        detail: `p99 ${best.gallery.p99} ms vs ${best.ping.p99} ms, p50 ${best.gallery.p50} ms vs ${best.ping.p50} ms (the same rounds)`,
      },
      {
        name: `${label}, failed requests and lost view events (${engine})`,
        value: failures + lost,
        unit: 'errors',
        budget: '0',
        pass: failures + lost === 0,
        detail: `${failures} failed requests; ${served} gallery pages sent, ${views} views stored after a flush`,
      },
      {
        name: `${label}, plugin queries per second for the link (${engine})`,
        value: perSecond(plugin),
        unit: 'queries/s',
        budget: `<= ${QUERIES_PER_SECOND_BUDGET}`,
        pass: perSecond(plugin) <= QUERIES_PER_SECOND_BUDGET,
        detail:
          `${plugin} plugin queries in ${viewerSeconds} s of viewers (${served} pages), plus the host's metadata lookups ${perSecond(hostQueries)}/s; ` +
          `the views themselves, written in batches of up to 500: ${perSecond(transactions)} statements/s`,
      },
    ];
  } finally {
    await host.close();
  }
}
