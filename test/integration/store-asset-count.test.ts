/**
 * The stored asset count (migration 20261127000000_asset_count): filled in for collections
 * that existed before it, and kept equal to the collection's rows by every write, even
 * under concurrent changes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnexCollectionStore } from '../../server-plugin/store/collection-store.js';
import * as assetCount from '../../server-plugin/store/migrations/20261127000000_asset_count.js';
import * as init from '../../server-plugin/store/migrations/20261126000000_init.js';
import type { NewCollection } from '../../server-plugin/store/types.js';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../helpers/databases.js';

const NOW = new Date('2026-11-27T10:00:00Z');

function newCollection(token: string, assetIds: string[]): NewCollection {
  return {
    token: token.padEnd(32, 'x'), title: 'Counted', description: '', isPublic: true, passwordHash: null, expiresAt: null,
    allowDownload: false, ownerId: 'o', ownerName: 'O', assetIds, now: NOW,
  };
}

describe.each(TEST_ENGINES)('stored asset count on %s', (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase(engine);
  });
  afterEach(() => db.destroy());

  const rowsOf = async (id: number) => Number((await db.knex('sc_collection_assets').where({ collection_id: id }).count({ n: '*' }))[0]!.n);

  it('is filled in for collections that existed before the migration', async () => {
    await init.up(db.knex, 'sc_');
    const [full] = await db.knex('sc_collections').insert({
      token: 'f'.repeat(32), title: 'Old', description: '', is_public: true, allow_download: false,
      owner_id: 'o', owner_name: 'O', created_at: 0, updated_at: 0,
    });
    await db.knex('sc_collection_assets').insert(['a', 'b', 'c'].map((asset_id, position) => ({ collection_id: full, asset_id, position, added_at: 0 })));
    await db.knex('sc_collections').insert({
      token: 'e'.repeat(32), title: 'Empty', description: '', is_public: true, allow_download: false,
      owner_id: 'o', owner_name: 'O', created_at: 0, updated_at: 0,
    });
    await assetCount.up(db.knex, 'sc_');
    const counts = await db.knex('sc_collections').orderBy('id').pluck('asset_count');
    expect(counts.map(Number)).toEqual([3, 0]);
  });

  it('follows every create, add and remove, one at a time and concurrently', async () => {
    const store = await KnexCollectionStore.create({ knex: db.knex, tablePrefix: 'sc_' });
    const created = await store.create(newCollection('c', ['a', 'b', 'a', 'c']));
    expect(created.assetCount).toBe(3);
    const changed = await store.changeAssets(created.id, { add: ['c', 'd', 'e'], remove: ['a', 'zz', 'e'] }, NOW);
    expect(changed.collection.assetCount).toBe(await rowsOf(created.id));
    expect(changed.collection.assetCount).toBe(3);
    const all = await store.changeAssets(created.id, { add: [], remove: ['b', 'c', 'd'] }, NOW);
    expect(all.collection.assetCount).toBe(0);

    const ids = Array.from({ length: 40 }, (_, i) => `x${i}`);
    await Promise.all(ids.map((id, i) => store.changeAssets(created.id, i % 3 === 2 ? { add: [], remove: [ids[i - 1]!] } : { add: [id], remove: [] }, NOW)));
    expect((await store.findById(created.id))!.assetCount).toBe(await rowsOf(created.id));
  });
});
