/**
 * No N+1: the public gate's lookup and one page of assets cost the same queries at any size;
 * memberships go by the asset_id index, whatever the size of the collections that hold them, and
 * once cached cost one read of the generation row.
 */
import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnexCollectionStore } from '../../server-plugin/store/collection-store.js';
import { countQueries, createTestDatabase, TEST_ENGINES, type TestDatabase } from '../helpers/databases.js';

describe.each(TEST_ENGINES)('query counts on %s', (engine) => {
  let db: TestDatabase;
  let store: KnexCollectionStore;
  beforeEach(async () => {
    db = await createTestDatabase(engine);
    store = await KnexCollectionStore.create({ knex: db.knex, tablePrefix: 'sc_' });
  });
  afterEach(() => db.destroy());

  it.each([100, 10_000])('reads a collection of %i assets, a page and stats in a constant number of queries', async (size) => {
    const assetIds = Array.from({ length: size }, (_, i) => `asset-${i}`);
    const base = { title: 'T', description: '', isPublic: true, passwordHash: null, expiresAt: null, allowDownload: true, ownerId: 'o', ownerName: 'O', now: new Date() };
    const created = await store.create({ ...base, token: `${'t'.repeat(26)}${String(size).padStart(6, '0')}`, assetIds });
    const queries = await countQueries(db.knex, async () => {
      const found = await store.findByToken(created.token);
      expect(found?.assetCount).toBe(size);
      const page = await store.listAssets(created.id, { page: 1, limit: 100 });
      expect(page).toHaveLength(100);
      await store.stats([created.id]);
      await store.list({});
    });
    expect(queries).toBe(4);
  });

  it('answers memberships in 3 queries that read by key, never through a large collection, then 1 from the cache', async () => {
    const base = { title: 'T', description: '', isPublic: true, passwordHash: null, expiresAt: null, allowDownload: true, ownerId: 'o', ownerName: 'O', now: new Date() };
    const assetIds = Array.from({ length: 20_000 }, (_, i) => `asset-${i}`);
    await store.create({ ...base, token: 'l'.repeat(32), assetIds });
    await store.create({ ...base, title: 'S', token: 's'.repeat(32), assetIds: assetIds.slice(0, 100) });
    for (const count of [10, 1000]) {
      const asked = assetIds.slice(0, count);
      const queries: { sql: string; bindings: readonly unknown[] }[] = [];
      const listen = (query: { sql: string; bindings: readonly unknown[] }) => queries.push(query);
      db.knex.on('query', listen);
      const memberships = await store.memberships(asked, {}).finally(() => db.knex.off('query', listen));
      expect(memberships.get('asset-0')?.map((collection) => collection.title)).toEqual(['S', 'T']);
      // The generation row, then the ids the cache lacks (all 10, then the other 990).
      expect(queries).toHaveLength(3);
      for (const query of queries) {
        const sql = db.knex.raw(query.sql, query.bindings as Knex.RawBinding[]).toQuery();
        // Rows and index entries the statement reads: about one per id asked or row found.
        if (engine === 'mysql') expect(await indexReads(db.knex, sql)).toBeLessThanOrEqual(3 * count + 10);
        else {
          const plan = await explainSqlite(db.knex, sql);
          // The ids asked for are read from their JSON parameter; no table is read whole.
          expect(plan.filter((step) => /^SCAN/.test(step) && !/^SCAN json_each/.test(step))).toEqual([]);
          expect(plan.some((step) => /^SEARCH/.test(step))).toBe(true);
        }
      }
    }
    expect(await countQueries(db.knex, () => store.memberships(assetIds.slice(0, 1000), {}))).toBe(1);
  });
});

/** SQLite's plan, one line per step: `SEARCH` goes by an index, `SCAN` reads a whole table (or list). */
async function explainSqlite(knex: Knex, sql: string): Promise<string[]> {
  const steps: { detail: string }[] = await knex.raw(`EXPLAIN QUERY PLAN ${sql}`);
  return steps.map((step) => step.detail);
}

/** MariaDB's handler counters around one statement, on one connection: how many rows and index entries it read. */
async function indexReads(knex: Knex, sql: string): Promise<number> {
  return knex.transaction(async (trx) => {
    const reads = async () => {
      const [rows] = (await trx.raw("SHOW SESSION STATUS LIKE 'Handler_read%'")) as [{ Variable_name: string; Value: string }[]];
      return rows.reduce((sum, row) => sum + Number(row.Value), 0);
    };
    const before = await reads();
    await trx.raw(sql);
    return (await reads()) - before;
  });
}
