/** The knex stores on every engine: CRUD, ordering, precision, case, scale and concurrency. */
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKnex, createSqliteKnex } from '../../demo/database.js';
import { KnexCollectionStore } from '../../server-plugin/store/collection-store.js';
import { migrateLatest, migrateRollbackAll } from '../../server-plugin/store/migrate.js';
import { KnexThrottleStore } from '../../server-plugin/store/throttle-store.js';
import type { NewCollection } from '../../server-plugin/store/types.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { countQueries, createTestDatabase, TEST_ENGINES, type TestDatabase } from '../helpers/databases.js';

const NOW = new Date('2026-11-26T10:00:00.123Z');
const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

function newCollection(overrides: Partial<NewCollection> = {}): NewCollection {
  return {
    token: `tok${Math.random().toString(36).slice(2).padEnd(29, 'x')}`.slice(0, 32),
    title: 'Summer', description: '', isPublic: true, passwordHash: null, expiresAt: null,
    allowDownload: false, ownerId: 'editor1', ownerName: 'Editor One', assetIds: ['a', 'b', 'c'], now: NOW,
    ...overrides,
  };
}

describe.each(TEST_ENGINES)('collection store on %s', (engine) => {
  let db: TestDatabase;
  let store: KnexCollectionStore;
  beforeEach(async () => {
    db = await createTestDatabase(engine);
    store = await KnexCollectionStore.create({ knex: db.knex, tablePrefix: 'sc_' });
  });
  afterEach(() => db.destroy());

  it('creates, finds, lists, updates and deletes', async () => {
    const created = await store.create(newCollection({ expiresAt: new Date('2027-01-01T22:59:59.999Z') }));
    expect(created).toMatchObject({ title: 'Summer', assetCount: 3, coverAssetId: 'a', revision: 1, isPublic: true, passwordVersion: 0 });
    expect(created.createdAt.toISOString()).toBe('2026-11-26T10:00:00.123Z');
    expect(created.expiresAt?.toISOString()).toBe('2027-01-01T22:59:59.999Z');
    expect(await store.findByToken(created.token)).toEqual(created);
    expect(await store.findById(created.id)).toEqual(created);
    const other = await store.create(newCollection({ ownerId: 'editor2', now: new Date(NOW.getTime() + 1) }));
    expect((await store.list({})).map((c) => c.id)).toEqual([other.id, created.id]);
    expect((await store.list({ ownerId: 'editor1' })).map((c) => c.id)).toEqual([created.id]);

    const later = new Date(NOW.getTime() + 5);
    const updated = await store.update(created.id, { title: 'Winter', passwordHash: 'h' }, { expectedRevision: 1, now: later });
    expect(updated).toMatchObject({ title: 'Winter', passwordHash: 'h', passwordVersion: 1, revision: 2, updatedAt: later });
    await expect(store.update(created.id, { title: 'x' }, { expectedRevision: 1, now: later })).rejects.toBeInstanceOf(ConflictError);
    expect((await store.update(created.id, { passwordHash: null }, { now: later })).passwordVersion).toBe(2);

    await store.recordEvents([{ collectionId: created.id, kind: 'view', at: NOW }]);
    expect(await store.delete(created.id)).toBe(true);
    expect(await store.delete(created.id)).toBe(false);
    expect(await store.findById(created.id)).toBeUndefined();
    await expect(store.update(created.id, { title: 'x' }, { now: later })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.knex('sc_collection_assets').where({ collection_id: created.id })).toHaveLength(0);
  });

  it('keeps asset order, appends after the last position and reports per id', async () => {
    const c = await store.create(newCollection());
    expect(await store.changeAssets(c.id, { add: ['d', 'a', 'e'], remove: [] }, NOW)).toMatchObject({ added: ['d', 'e'], duplicates: ['a'] });
    const { collection, ...result } = await store.changeAssets(c.id, { add: ['f'], remove: ['a', 'zz', 'f'] }, NOW);
    expect(result).toEqual({ added: ['f'], duplicates: [], removed: ['a', 'f'], notInCollection: ['zz'] });
    expect(collection).toMatchObject({ revision: 3, assetCount: 4 });
    expect(await store.listAllAssetIds(c.id)).toEqual(['b', 'c', 'd', 'e']);
    expect(await store.listAssets(c.id, { page: 2, limit: 3 })).toEqual(['e']);
    expect(await store.filterMembers(c.id, ['b', 'x', 'e'])).toEqual(new Set(['b', 'e']));
    expect((await store.findById(c.id))?.revision).toBe(3);
    await expect(store.changeAssets(c.id + 99, { add: ['x'], remove: [] }, NOW)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('compares tokens and asset ids case-sensitively', async () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
    await store.create(newCollection({ token, assetIds: ['img', 'IMG'] }));
    expect(await store.findByToken(token.toLowerCase())).toBeUndefined();
    expect((await store.findByToken(token))?.assetCount).toBe(2);
    await expect(store.create(newCollection({ token: token.toLowerCase() }))).resolves.toBeDefined();
  });

  it('answers memberships and stats for many ids in bulk', async () => {
    const one = await store.create(newCollection({ title: 'One' }));
    const two = await store.create(newCollection({ title: 'Two', ownerId: 'editor2', assetIds: ['b', 'z'] }));
    const all = await store.memberships(['a', 'b', 'nope'], {});
    expect(all.get('b')).toEqual([{ id: one.id, title: 'One' }, { id: two.id, title: 'Two' }]);
    expect(all.get('nope')).toEqual([]);
    expect((await store.memberships(['b'], { ownerId: 'editor2' })).get('b')).toEqual([{ id: two.id, title: 'Two' }]);

    const at = (ms: number) => new Date(NOW.getTime() + ms);
    const deleted = await store.create(newCollection({ token: 'D'.repeat(32) }));
    await store.delete(deleted.id);
    await store.recordEvents([
      { collectionId: one.id, kind: 'view', at: at(1) },
      // A collection deleted while its events waited in the buffer: its events are dropped, not the batch.
      { collectionId: deleted.id, kind: 'view', at: at(1) },
      { collectionId: one.id, kind: 'download', assetId: 'a', at: at(2) },
      { collectionId: one.id, kind: 'zip', at: at(3) },
      { collectionId: one.id, kind: 'unlock_failed', at: at(9) },
    ]);
    const stats = await store.stats([one.id, two.id, deleted.id]);
    expect(stats.get(one.id)).toEqual({ views: 1, downloads: 2, failedUnlocks: 1, lastAccessAt: at(3) });
    expect(stats.get(two.id)).toEqual({ views: 0, downloads: 0, failedUnlocks: 0, lastAccessAt: null });
    expect(await db.knex('sc_events').where({ collection_id: deleted.id })).toHaveLength(0);
  });

  it('answers memberships from its cache, and never stale after a change through another instance', async () => {
    // Two instances of the plugin over one database: each keeps its own memberships cache.
    const other = KnexCollectionStore.open({ knex: db.knex, tablePrefix: 'sc_' });
    const one = await store.create(newCollection({ title: 'One' }));
    const titles = async (assetId: string) => (await store.memberships([assetId, 'b'], {})).get(assetId)!.map((c) => c.title);
    expect(await titles('a')).toEqual(['One']);
    expect(await titles('a')).toEqual(['One']);

    const two = await other.create(newCollection({ title: 'Two', assetIds: ['a'] }));
    expect(await titles('a')).toEqual(['One', 'Two']);
    await other.update(two.id, { title: 'A first' }, { now: NOW });
    expect(await titles('a')).toEqual(['A first', 'One']);
    await other.changeAssets(one.id, { add: ['x'], remove: ['a'] }, NOW);
    expect(await titles('a')).toEqual(['A first']);
    expect(await titles('x')).toEqual(['One']);
    await other.delete(two.id);
    expect(await titles('a')).toEqual([]);
    // An edit that changes no answer keeps the cache: the next call reads the generation only.
    await other.update(one.id, { description: 'Same memberships' }, { now: NOW });
    await other.changeAssets(one.id, { add: ['x'], remove: ['not-there'] }, NOW);
    const queries = await countQueries(db.knex, async () => expect(await titles('a')).toEqual([]));
    expect(queries).toBe(1);
    expect((await store.memberships(['x'], { ownerId: 'editor2' })).get('x')).toEqual([]);
  });

  it('creates a 100,000-asset collection in one transaction of batched statements', async () => {
    const assetIds = ids('asset-', 100_000);
    const statements: string[] = [];
    const count = (query: { sql: string }) => statements.push(query.sql);
    db.knex.on('query', count);
    const c = await store.create(newCollection({ assetIds })).finally(() => db.knex.off('query', count));
    // One insert per 500 rows, and a handful of statements around them; nothing per asset.
    const inserts = statements.filter((sql) => /^insert into .sc_collection_assets./i.test(sql));
    expect(inserts).toHaveLength(100_000 / 500);
    expect(statements.length - inserts.length).toBeLessThanOrEqual(8);
    expect(c).toMatchObject({ assetCount: 100_000, coverAssetId: 'asset-0' });
    expect((await store.listAssets(c.id, { page: 1000, limit: 100 })).at(-1)).toBe('asset-99999');
    expect((await store.memberships(assetIds.slice(0, 10_000), {})).size).toBe(10_000);
    await expect(store.changeAssets(c.id, { add: ['one-too-many'], remove: [] }, NOW)).rejects.toThrow('at most 100000');
  }, 120_000);

  it('applies 100 concurrent add/remove requests exactly once each', async () => {
    const c = await store.create(newCollection({ assetIds: ids('old', 50) }));
    const results = await Promise.all([
      ...ids('old', 50).map((id) => store.changeAssets(c.id, { add: [], remove: [id] }, NOW)),
      ...ids('new', 50).map((id, i) => store.changeAssets(c.id, { add: [id, `new${(i + 1) % 50}`], remove: [] }, NOW)),
    ]);
    const addedTotal = results.reduce((sum, r) => sum + r.added.length, 0);
    expect(addedTotal).toBe(50);
    const rows: { asset_id: string; position: number }[] = await db.knex('sc_collection_assets').where({ collection_id: c.id }).orderBy('position');
    expect(new Set(rows.map((r) => r.asset_id))).toEqual(new Set(ids('new', 50)));
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.position)).size).toBe(50);
    expect((await store.findById(c.id))?.revision).toBe(101);
  });

  it('lets only one of two edits with the same revision win', async () => {
    const c = await store.create(newCollection());
    const outcomes = await Promise.allSettled([
      store.update(c.id, { title: 'A' }, { expectedRevision: 1, now: NOW }),
      store.update(c.id, { title: 'B' }, { expectedRevision: 1, now: NOW }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((o) => o.status === 'rejected')?.reason).toBeInstanceOf(ConflictError);
  });

  it('counts throttle failures atomically, resets and prunes them', async () => {
    const throttle = await KnexThrottleStore.create({ knex: db.knex, tablePrefix: 'sc_' });
    const counts = await Promise.all(Array.from({ length: 10 }, () => throttle.recordFailure('unlock:1.2.3.4:1', NOW)));
    expect(counts.sort((a, b) => a - b).at(-1)).toBe(10);
    expect(await throttle.find('unlock:1.2.3.4:1')).toEqual({ failures: 10, lastFailureAt: NOW });
    expect(await throttle.find('UNLOCK:1.2.3.4:1')).toBeUndefined();
    await throttle.reset('unlock:1.2.3.4:1');
    expect(await throttle.find('unlock:1.2.3.4:1')).toBeUndefined();
    await throttle.recordFailure('probe:5.6.7.8', NOW);
    expect(await throttle.prune(new Date(NOW.getTime() + 1))).toBe(1);
  });

  it('lets exactly one of simultaneous compare-and-sets of a throttle counter win', async () => {
    const throttle = await KnexThrottleStore.create({ knex: db.knex, tablePrefix: 'sc_' });
    const first = { failures: 1, lastFailureAt: NOW };
    const created = await Promise.all(Array.from({ length: 5 }, () => throttle.replaceIf('probe:9.9.9.9', undefined, first)));
    expect(created.filter(Boolean)).toHaveLength(1);
    const next = { failures: 2, lastFailureAt: new Date(NOW.getTime() + 1) };
    const updated = await Promise.all(Array.from({ length: 5 }, () => throttle.replaceIf('probe:9.9.9.9', first, next)));
    expect(updated.filter(Boolean)).toHaveLength(1);
    expect(await throttle.find('probe:9.9.9.9')).toEqual(next);
  });

  it('lets two instances migrate the same fresh database at once', async () => {
    const otherPrefix = 'two_';
    const second = engine === 'mysql' ? createKnex({ databaseUrl: db.url, dataDir: tmpdir() }) : createSqliteKnex(db.filename!);
    try {
      await Promise.all([migrateLatest(db.knex, otherPrefix), migrateLatest(second, otherPrefix), migrateLatest(db.knex, otherPrefix)]);
      // Each migration recorded once: none ran twice.
      expect(await db.knex('two_migrations').orderBy('name').pluck('name')).toEqual(['20261126000000_init', '20261127000000_asset_count', '20261203000000_generations']);
    } finally {
      await second.destroy();
    }
  });

  it('repairs the duplicate lock row an earlier concurrent start left, instead of staying locked', async () => {
    await migrateLatest(db.knex, 'two_');
    await db.knex('two_migrations_lock').insert({ is_locked: 0 });
    await migrateLatest(db.knex, 'two_');
    expect(await db.knex('two_migrations_lock').count({ n: '*' }).first()).toMatchObject({ n: 1 });
  });

  it('migrates idempotently with its own migrations table and rolls back', async () => {
    await KnexCollectionStore.create({ knex: db.knex, tablePrefix: 'sc_' });
    expect(await db.knex.schema.hasTable('sc_migrations')).toBe(true);
    await migrateRollbackAll(db.knex, 'sc_');
    expect(await db.knex.schema.hasTable('sc_collections')).toBe(false);
  });
});
