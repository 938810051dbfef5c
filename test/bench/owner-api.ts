/**
 * Budget 5, the owner API: creating a collection of 10,000 assets and removing 5,000 of
 * them over HTTP, as the administrator, each against the bare batched statements that
 * work needs (the store's chunk sizes, one transaction) run on the same database.
 */
import { performance } from 'node:perf_hooks';
import { chunk, IN_CHUNK, INSERT_CHUNK } from '../../server-plugin/store/rows.js';
import { tableNames } from '../../server-plugin/store/table-names.js';
import { login } from '../helpers/demo-server.js';
import type { BenchHost } from './bench-host.js';
import type { BenchFigure } from './figures.js';

const ROUNDS = 5;
const BUDGET = 2;

interface Timings {
  create: number;
  remove: number;
}

export async function runOwnerApiBenchmarks(host: BenchHost, assetIds: readonly string[]): Promise<BenchFigure[]> {
  const cookie = await login(host.baseUrl, 'admin');
  // Every other asset: removals scattered through the collection, as a hand-picked selection is.
  const removed = assetIds.filter((_, index) => index % 2 === 1);
  const api: Timings = { create: Infinity, remove: Infinity };
  const bare: Timings = { create: Infinity, remove: Infinity };
  for (let round = 0; round < ROUNDS; round += 1) {
    const viaApi = await throughApi(host, cookie, assetIds, removed);
    const direct = await bareStatements(host, assetIds, removed);
    for (const key of ['create', 'remove'] as const) {
      api[key] = Math.min(api[key], viaApi[key]);
      bare[key] = Math.min(bare[key], direct[key]);
    }
  }
  const ms = (value: number) => `${Math.round(value)} ms`;
  const figure = (key: keyof Timings, label: string, statements: string): BenchFigure => ({
    name: `owner API, ${label} vs bare batched statements (${host.engine})`,
    value: Math.round((api[key] / bare[key]) * 100) / 100,
    unit: 'x bare',
    budget: `<= ${BUDGET}`,
    pass: api[key] <= BUDGET * bare[key],
    detail: `HTTP ${ms(api[key])}, ${statements} ${ms(bare[key])} (best of ${ROUNDS})`,
  });
  return [
    figure('create', `create with ${assetIds.length.toLocaleString('en')} assets`, `${Math.ceil(assetIds.length / INSERT_CHUNK)} INSERTs`),
    figure('remove', `remove ${removed.length.toLocaleString('en')} assets`, `${Math.ceil(removed.length / IN_CHUNK)} DELETEs`),
  ];
}

async function throughApi(host: BenchHost, cookie: string, assetIds: readonly string[], removed: readonly string[]): Promise<Timings> {
  const api = `${host.baseUrl}${host.plugin.apiPrefix}`;
  const call = async (method: string, path: string, body: unknown, expected: number) => {
    const start = performance.now();
    const response = await fetch(`${api}${path}`, {
      method, headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, any>;
    const elapsed = performance.now() - start;
    if (response.status !== expected) throw new Error(`${method} ${path || '/'} answered ${response.status}: ${JSON.stringify(json)}`);
    return { json, elapsed };
  };
  await settle(host);
  const created = await call('POST', '', { title: 'Bench owner API', assetIds }, 201);
  if (created.json.assetCount !== assetIds.length) throw new Error(`created ${created.json.assetCount} assets, not ${assetIds.length}`);
  await settle(host);
  const changed = await call('PATCH', `/${created.json.id}/assets`, { remove: removed }, 200);
  if (changed.json.removed.length !== removed.length) throw new Error(`removed ${changed.json.removed.length} assets, not ${removed.length}`);
  return { create: created.elapsed, remove: changed.elapsed };
}

/**
 * Starts a timed operation with SQLite's write-ahead log empty. SQLite checkpoints the log in
 * whichever commit takes it past 1,000 pages (8-12 ms here), and each round writes the same
 * amount in the same order, so that commit was the same operation's every round: the API's
 * removal read 1.2-2.25 x bare depending on where it fell. MariaDB needs nothing of the kind.
 */
async function settle(host: BenchHost): Promise<void> {
  if (host.engine === 'sqlite') await host.knex.raw('PRAGMA wal_checkpoint(RESTART)');
}

/** The same rows the API writes and deletes, into a collection of their own. */
async function bareStatements(host: BenchHost, assetIds: readonly string[], removed: readonly string[]): Promise<Timings> {
  const { knex, plugin, collections } = host;
  const table = tableNames(plugin.tablePrefix).collectionAssets;
  const token = await host.share([]);
  const collectionId = (await collections.findByToken(token))!.id;
  const now = Date.now();
  const rows = assetIds.map((assetId, position) => ({ collection_id: collectionId, asset_id: assetId, position, added_at: now }));

  await settle(host);
  let start = performance.now();
  await knex.transaction(async (trx) => {
    for (const batch of chunk(rows, INSERT_CHUNK)) await trx(table).insert(batch);
  });
  const create = performance.now() - start;

  await settle(host);
  start = performance.now();
  await knex.transaction(async (trx) => {
    for (const ids of chunk(removed, IN_CHUNK)) await trx(table).where({ collection_id: collectionId }).whereIn('asset_id', ids).delete();
  });
  return { create, remove: performance.now() - start };
}
