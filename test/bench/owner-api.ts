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
  await settle(host);
  const created = await createThroughApi(host, cookie, assetIds);
  await settle(host);
  const changed = await callApi(host, cookie, 'PATCH', `/${created.id}/assets`, { remove: removed }, 200);
  if (changed.json.removed.length !== removed.length) throw new Error(`removed ${changed.json.removed.length} assets, not ${removed.length}`);
  return { create: created.elapsed, remove: changed.elapsed };
}

/** `POST /api/shared-collections` with `assetIds`, as the user of `cookie`: the new collection's id and the call's milliseconds. */
export async function createThroughApi(host: BenchHost, cookie: string, assetIds: readonly string[]): Promise<{ id: number; elapsed: number }> {
  const created = await callApi(host, cookie, 'POST', '', { title: 'Bench owner API', assetIds }, 201);
  if (created.json.assetCount !== assetIds.length) throw new Error(`created ${created.json.assetCount} assets, not ${assetIds.length}`);
  return { id: created.json.id, elapsed: created.elapsed };
}

async function callApi(host: BenchHost, cookie: string, method: string, path: string, body: unknown, expected: number) {
  const start = performance.now();
  const response = await fetch(`${host.baseUrl}${host.plugin.apiPrefix}${path}`, {
    method, headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, any>;
  const elapsed = performance.now() - start;
  if (response.status !== expected) throw new Error(`${method} ${path || '/'} answered ${response.status}: ${JSON.stringify(json)}`);
  return { json, elapsed };
}

/**
 * Starts a timed operation with SQLite's write-ahead log empty. SQLite checkpoints the log in
 * whichever commit takes it past 1,000 pages (8-12 ms here), and each round writes the same
 * amount in the same order, so that commit was the same operation's every round: the API's
 * removal read 1.2-2.25 x bare depending on where it fell. MariaDB needs nothing of the kind.
 */
export async function settle(host: BenchHost): Promise<void> {
  if (host.engine === 'sqlite') await host.knex.raw('PRAGMA wal_checkpoint(RESTART)');
}

/** The same rows the API writes and deletes, into a collection of their own. */
async function bareStatements(host: BenchHost, assetIds: readonly string[], removed: readonly string[]): Promise<Timings> {
  const { knex, plugin } = host;
  const table = tableNames(plugin.tablePrefix).collectionAssets;
  const { collectionId, elapsed: create } = await insertBare(host, assetIds);

  await settle(host);
  const start = performance.now();
  await knex.transaction(async (trx) => {
    for (const ids of chunk(removed, IN_CHUNK)) await trx(table).where({ collection_id: collectionId }).whereIn('asset_id', ids).delete();
  });
  return { create, remove: performance.now() - start };
}

/**
 * The rows the API writes for a collection of `assetIds`, inserted by knex into a new, empty
 * collection in the store's chunks, in one transaction, timed from a settled database: that
 * collection's id and the insert's milliseconds.
 */
export async function insertBare(host: BenchHost, assetIds: readonly string[]): Promise<{ collectionId: number; elapsed: number }> {
  const table = tableNames(host.plugin.tablePrefix).collectionAssets;
  const collectionId = (await host.collections.findByToken(await host.share([])))!.id;
  const now = Date.now();
  const rows = assetIds.map((assetId, position) => ({ collection_id: collectionId, asset_id: assetId, position, added_at: now }));
  await settle(host);
  const start = performance.now();
  await host.knex.transaction(async (trx) => {
    for (const batch of chunk(rows, INSERT_CHUNK)) await trx(table).insert(batch);
  });
  return { collectionId, elapsed: performance.now() - start };
}
