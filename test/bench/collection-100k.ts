/**
 * Issue 13, budget 4: a collection of 100,000 files (a whole archive, 1 KB each) on the real
 * demo host with the plugin, on one engine:
 * - its gallery page and data.json against a 100-asset collection's (autocannon, alternating);
 * - its ZIP: the first byte, and the server's memory while the archive streams
 *   (zip-first-byte.ts);
 * - `GET /memberships?assetIds=` for 1,000 of its ids against 10, one request at a time (and,
 *   for reference, right after a change, when the memberships cache starts over);
 * - created through the owner API as the administrator, against the same rows inserted by
 *   knex in the store's chunks in one transaction (owner-api.ts), best of each.
 */
import type { Engine } from '../helpers/databases.js';
import { login } from '../helpers/demo-server.js';
import { runAlternating } from './autocannon.js';
import { startBenchHost, type BenchHost } from './bench-host.js';
import { ARCHIVE_FILES, catalogFiles } from './catalog-fixtures.js';
import type { BenchFigure } from './figures.js';
import { formatMs, median } from './latency.js';
import { createThroughApi, insertBare, settle } from './owner-api.js';
import { describeDownloads, describeRss, measureZipDownloads } from './zip-first-byte.js';

const LABEL = 'collection of 100,000';
const CREATE_ROUNDS = 2;
const CREATE_BUDGET = 2;
/** Within 1.2x of the 100-asset collection's throughput. */
const PAGE_BUDGET = 1 / 1.2;
const FIRST_BYTE_BUDGET_MS = 1000;
/** What the archive may add to the server's memory after the first quarter of its stream: flat, within the tolerance of issue 5's budget 3. */
const STREAMING_GROWTH_BUDGET_MIB = 16;
const MEMBERSHIPS_BUDGET = 2;
/**
 * autocannon, 10 connections as for the other public page figures. Each pair is measured back
 * to back and the figure is the median of many short rounds' ratios: one 3-second run of a
 * page against another of the very same page read 0.6 to 1.5 here while neighbours worked,
 * and with each target's best of two rounds one run read 0.66 and the next 1.25 for data.json.
 * Single rounds still read 0.58-1.81 on the tenth session's machine, and with 7 rounds three
 * of eight figures in two full runs fell under the budget (0.755-0.827) where separate runs
 * read 0.88-1.01: 13 rounds narrow the median's spread by about a quarter, for 24 s an engine.
 */
const RUNS = { connections: 10, seconds: 1, rounds: 13 };
/** One request at a time: the time a request takes, without queueing behind others. */
const SERIAL_RUNS = { connections: 1, seconds: 2, rounds: 2 };
/** Requests of each size right after a change, for the figure's uncached reference. */
const AFTER_CHANGE_REQUESTS = 15;
const ZIP_DOWNLOADS = 3;
/**
 * After its first byte the archive's stream reads files, not the database: its memory is
 * measured on one engine (SQLite, always run), which spares the run a minute on the other.
 */
const WHOLE_ZIP_ENGINE: Engine = 'sqlite';

export async function runCollection100kBenchmarks(engine: Engine): Promise<BenchFigure[]> {
  const host = await startBenchHost(engine);
  try {
    const { ids } = await catalogFiles(host.knex, ARCHIVE_FILES);
    const cookie = await login(host.baseUrl, 'admin');
    const large = await host.share(ids, { allowDownload: true });
    const figures = await pageFigures(host, large, await host.share(ids.slice(0, 100)));
    figures.push(...(await zipFigures(host, large)));
    figures.push(await membershipsFigure(host, cookie, ids, large));
    // Last: deleting 200,000 rows a round leaves MariaDB purging them in the background for a while.
    figures.push(await createFigure(host, cookie, ids));
    return figures;
  } finally {
    await host.close();
  }
}

async function createFigure(host: BenchHost, cookie: string, ids: readonly string[]): Promise<BenchFigure> {
  let api = Infinity;
  let bare = Infinity;
  for (let round = 0; round < CREATE_ROUNDS; round += 1) {
    await settle(host);
    const created = await createThroughApi(host, cookie, ids);
    const inserted = await insertBare(host, ids);
    api = Math.min(api, created.elapsed);
    bare = Math.min(bare, inserted.elapsed);
    // Not timed: 100,000 rows more per round would make every later round slower.
    await host.collections.delete(created.id);
    await host.collections.delete(inserted.collectionId);
  }
  return {
    name: `${LABEL}, create through the owner API vs bare batched SQL (${host.engine})`,
    value: Math.round((api / bare) * 100) / 100,
    unit: 'x bare',
    budget: `<= ${CREATE_BUDGET}`,
    pass: api <= CREATE_BUDGET * bare,
    detail: `HTTP ${Math.round(api)} ms, ${Math.ceil(ids.length / 500)} INSERTs in one transaction ${Math.round(bare)} ms (best of ${CREATE_ROUNDS})`,
  };
}

async function pageFigures(host: BenchHost, large: string, small: string): Promise<BenchFigure[]> {
  const targets = { largePage: `/s/${large}`, smallPage: `/s/${small}`, largeData: `/s/${large}/data.json`, smallData: `/s/${small}/data.json` };
  const { rounds, failures } = await runAlternating(host.baseUrl, targets, RUNS);
  const failed = failures > 0 ? `; ${failures} failed requests` : '';
  const figure = (what: string, big: 'largePage' | 'largeData', hundred: 'smallPage' | 'smallData'): BenchFigure => {
    const ratios = rounds.map((round) => round[big].requestsPerSecond / round[hundred].requestsPerSecond);
    const ratio = median(ratios);
    const rps = (target: keyof typeof targets) => `${Math.round(median(rounds.map((round) => round[target].requestsPerSecond)))} req/s`;
    return {
      name: `${LABEL}, ${what} throughput vs a 100-asset collection's (${host.engine})`,
      value: Math.round(ratio * 1000) / 1000,
      unit: 'x 100-asset',
      budget: `>= ${PAGE_BUDGET.toFixed(3)} (within 1.2x)`,
      pass: ratio >= PAGE_BUDGET && failures === 0,
      detail:
        `median of ${RUNS.rounds} rounds' ratios (${ratios.map((value) => value.toFixed(2)).join(', ')}); medians 100,000 assets ${rps(big)}, 100 assets ${rps(hundred)} ` +
        `(${RUNS.seconds} s each, ${RUNS.connections} connections)${failed}`,
    };
  };
  return [figure('gallery page', 'largePage', 'smallPage'), figure('data.json', 'largeData', 'smallData')];
}

async function zipFigures(host: BenchHost, token: string): Promise<BenchFigure[]> {
  const cost = await measureZipDownloads(host, token, { downloads: ZIP_DOWNLOADS, whole: host.engine === WHOLE_ZIP_ENGINE });
  const firstByte = median(cost.firstByteMs);
  const figures: BenchFigure[] = [
    {
      name: `${LABEL}, ZIP first byte (${host.engine})`,
      value: Math.round(firstByte),
      unit: 'ms',
      budget: `<= ${FIRST_BYTE_BUDGET_MS}`,
      pass: firstByte <= FIRST_BYTE_BUDGET_MS,
      detail: describeDownloads(cost),
    },
  ];
  if (!cost.whole) return figures;
  const growth = (cost.whole.rss.peak - cost.whole.rss.firstQuarterPeak) / 2 ** 20;
  figures.push({
    name: `${LABEL}, ZIP server RSS growth after the stream's first quarter (${host.engine})`,
    value: Math.round(growth * 10) / 10,
    unit: 'MiB',
    budget: `<= ${STREAMING_GROWTH_BUDGET_MIB}`,
    pass: growth <= STREAMING_GROWTH_BUDGET_MIB,
    detail: `RSS ${describeRss(cost.whole)}`,
  });
  return figures;
}

async function membershipsFigure(host: BenchHost, cookie: string, ids: readonly string[], large: string): Promise<BenchFigure> {
  const path = (count: number) => `${host.plugin.apiPrefix}/memberships?assetIds=${ids.slice(0, count).join(',')}`;
  const { best, failures } = await runAlternating(host.baseUrl, { few: path(10), many: path(1000) }, { ...SERIAL_RUNS, headers: { cookie } });
  // One connection: a request's mean time is the inverse of the throughput (autocannon's percentiles are whole milliseconds).
  const ms = (result: { requestsPerSecond: number }) => 1000 / result.requestsPerSecond;
  const ratio = ms(best.many) / ms(best.few);
  const afterChange = await membershipsAfterChange(host, cookie, large, { few: path(10), many: path(1000) });
  return {
    name: `${LABEL}, memberships of 1,000 ids vs 10 (${host.engine})`,
    value: Math.round(ratio * 100) / 100,
    unit: 'x the time',
    budget: `< ${MEMBERSHIPS_BUDGET}`,
    pass: ratio < MEMBERSHIPS_BUDGET && failures === 0,
    detail:
      `10 ids ${formatMs(ms(best.few))}, 1,000 ids ${formatMs(ms(best.many))} (a query string of ${path(1000).length.toLocaleString('en')} characters) per request ` +
      `as the administrator, one at a time for ${SERIAL_RUNS.seconds} s, best of ${SERIAL_RUNS.rounds}${failures > 0 ? `; ${failures} failed requests` : ''}; ` +
      `for reference, right after a change (the memberships cache emptied) 10 ids ${formatMs(afterChange.few)}, 1,000 ids ${formatMs(afterChange.many)} ` +
      `(${(afterChange.many / afterChange.few).toFixed(2)} x; fetch, median of ${AFTER_CHANGE_REQUESTS})`,
  };
}

/**
 * What the cache saves: each request follows a retitle of the large collection, made by another
 * store over the same tables as another instance would, so the server reads a new generation.
 */
async function membershipsAfterChange(host: BenchHost, cookie: string, token: string, paths: { few: string; many: string }): Promise<{ few: number; many: number }> {
  const { id } = (await host.collections.findByToken(token))!;
  const times = { few: [] as number[], many: [] as number[] };
  for (let request = 0; request < AFTER_CHANGE_REQUESTS; request += 1) {
    for (const size of ['few', 'many'] as const) {
      await host.collections.update(id, { title: `Archive ${size} ${request}` }, { now: new Date() });
      const started = performance.now();
      const response = await fetch(`${host.baseUrl}${paths[size]}`, { headers: { cookie } });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`GET /memberships after a change answered ${response.status}`);
      times[size].push(performance.now() - started);
    }
  }
  return { few: median(times.few), many: median(times.many) };
}
