/** No N+1: the public gate's lookup and one page of assets cost the same queries at any size. */
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
});
