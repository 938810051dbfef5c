/**
 * Concurrency over real HTTP on every engine (issue 6, item 6): two owners saving the same
 * revision at once; a delete racing edits and asset changes; changes, creates and deletes
 * across neighbouring collections; and 100 simultaneous add/remove requests on one
 * collection, where each request must act as one step in some serial order: its answer
 * carries the revision its step produced, and replaying the steps in that order must
 * reproduce every answer and the final, ordered contents exactly. On MariaDB these are also
 * the deadlock hunts: a deadlock surfaces as a 503.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../helpers/databases.js';
import { createFakeDamHost } from '../helpers/fake-dam-host.js';
import { API, type PluginServer, startPluginServer } from '../helpers/plugin-server.js';
import { createSeededRandom } from '../helpers/seeded-random.js';

const ADMIN = 'admin1:administrator';
const OWNER = 'editor1:editor';
const POOL = Array.from({ length: 30 }, (_, i) => `p${i}`);
const SEED = 20261126;

interface AssetsChange {
  add: string[];
  remove: string[];
}

/** The store's rules for one request, applied to an ordered list: add (new ids appended in order), then remove. */
function applyChange(list: string[], change: AssetsChange) {
  const added = [...new Set(change.add)].filter((id) => !list.includes(id));
  const duplicates = [...new Set(change.add)].filter((id) => list.includes(id));
  const afterAdd = [...list, ...added];
  const removed = [...new Set(change.remove)].filter((id) => afterAdd.includes(id));
  const notInCollection = [...new Set(change.remove)].filter((id) => !afterAdd.includes(id));
  return { list: afterAdd.filter((id) => !removed.includes(id)), result: { added, duplicates, removed, notInCollection } };
}

describe.each(TEST_ENGINES)('concurrent owners on %s', (engine) => {
  let server: PluginServer;

  beforeEach(async () => {
    server = await startPluginServer({ engine, host: createFakeDamHost({ assetIds: POOL }) });
  });
  afterEach(() => server.close());

  async function create(assetIds: string[]): Promise<{ id: number; revision: number }> {
    const created = await server.as(OWNER).post(API, { title: 'Launch', description: 'first draft', assetIds });
    expect(created.status).toBe(201);
    return created.json;
  }

  it('lets exactly one of two owners saving the same revision win, and keeps exactly the winner\'s edit', async () => {
    for (let round = 0; round < 5; round++) {
      const { id, revision } = await create(['p0']);
      const edits = {
        admin: { title: `Admin title ${round}`, description: 'admin notes', allowDownload: true },
        owner: { title: `Owner title ${round}`, description: 'owner notes', isPublic: false },
      };
      const [admin, owner] = await Promise.all([
        server.as(ADMIN).patch(`${API}/${id}`, { ...edits.admin, revision }),
        server.as(OWNER).patch(`${API}/${id}`, { ...edits.owner, revision }),
      ]);
      expect([admin.status, owner.status].sort()).toEqual([200, 409]);
      const loser = admin.status === 409 ? admin : owner;
      expect(loser.json.error).toMatchObject({ code: 'conflict' });
      const winner = admin.status === 200 ? 'admin' : 'owner';
      const stored = (await server.as(OWNER).get(`${API}/${id}`)).json;
      const expected = { isPublic: true, allowDownload: false, ...edits[winner] };
      expect(stored).toMatchObject({ ...expected, revision: revision + 1 });

      // Nothing is lost: the loser reloads and saves again on top of the winner's edit.
      const retry = await server.as(winner === 'admin' ? OWNER : ADMIN).patch(`${API}/${id}`, { description: 'merged', revision: stored.revision });
      expect(retry.status).toBe(200);
      expect(retry.json).toMatchObject({ title: expected.title, description: 'merged', revision: revision + 2 });
    }
  });

  it('lets a delete racing edits and asset changes win cleanly: every answer 200, 204 or 404', async () => {
    for (let round = 0; round < 5; round++) {
      const { id } = await create(POOL.slice(0, 10));
      const racing = [
        ...POOL.slice(10, 20).map((asset, i) => server.as(OWNER).patch(`${API}/${id}/assets`, { add: [asset], remove: [POOL[i]!] })),
        server.as(ADMIN).delete(`${API}/${id}`),
        ...POOL.slice(20, 25).map((_, i) => server.as(OWNER).patch(`${API}/${id}`, { title: `Title ${i}` })),
      ];
      const statuses = (await Promise.all(racing)).map((response) => response.status);
      expect(statuses.filter((status) => ![200, 204, 404].includes(status))).toEqual([]);
      expect(statuses.filter((status) => status === 204)).toHaveLength(1);
      expect((await server.as(OWNER).get(`${API}/${id}`)).status).toBe(404);
      expect(await server.knex('sc_collection_assets').where({ collection_id: id })).toEqual([]);
    }
  });

  it('keeps neighbouring collections apart: simultaneous changes, creates and deletes across them never fail', async () => {
    const random = createSeededRandom(SEED + 1);
    const ids = await Promise.all(Array.from({ length: 6 }, async () => (await create(random.sample(POOL, 8))).id));
    const requests = Array.from({ length: 90 }, (_, i) => {
      const id = ids[random.int(ids.length)]!;
      if (i % 30 === 29) return server.as(OWNER).delete(`${API}/${id}`);
      if (i % 10 === 9) return server.as(OWNER).post(API, { title: `New ${i}`, assetIds: random.sample(POOL, 5) });
      const picked = random.sample(POOL, 4);
      return server.as(OWNER).patch(`${API}/${id}/assets`, { add: picked.slice(0, 2), remove: picked.slice(2) });
    });
    const statuses = (await Promise.all(requests)).map((response) => response.status);
    // 404 only for requests that came after their collection's delete.
    expect(statuses.filter((status) => ![200, 201, 204, 404].includes(status))).toEqual([]);
    const orphans = await server.knex('sc_collection_assets').whereNotIn('collection_id', server.knex('sc_collections').select('id'));
    expect(orphans).toEqual([]);
    const duplicates = await server.knex('sc_collection_assets').select('collection_id', 'asset_id').count({ n: '*' })
      .groupBy('collection_id', 'asset_id').havingRaw('count(*) > 1');
    expect(duplicates).toEqual([]);
  });

  it(`applies 100 simultaneous add/remove requests as one serial order (seed ${SEED})`, async () => {
    const random = createSeededRandom(SEED);
    const initial = POOL.slice(0, 10);
    const { id, revision } = await create(initial);
    const changes: AssetsChange[] = Array.from({ length: 100 }, () => {
      const picked = random.sample(POOL, 2 + random.int(4));
      const split = random.int(3);
      if (split === 0) return { add: picked, remove: [] };
      if (split === 1) return { add: [], remove: picked };
      const half = Math.ceil(picked.length / 2);
      return { add: picked.slice(0, half), remove: picked.slice(half) };
    });
    const responses = await Promise.all(changes.map((change) => server.as(OWNER).patch(`${API}/${id}/assets`, change)));
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 200));

    // Every request is one step: its answer names the revision it produced, each exactly once.
    const revisions = responses.map((response) => response.json.collection.revision as number);
    expect([...revisions].sort((x, y) => x - y)).toEqual(changes.map((_, i) => revision + 1 + i));

    let list = [...initial];
    const order = changes.map((_, i) => i).sort((x, y) => revisions[x]! - revisions[y]!);
    for (const i of order) {
      const step = applyChange(list, changes[i]!);
      list = step.list;
      const { added, duplicates, removed, notInCollection } = responses[i]!.json;
      expect({ added, duplicates, removed, notInCollection }, `request ${i}: ${JSON.stringify(changes[i])}`).toEqual(step.result);
      expect(responses[i]!.json.collection.assetCount).toBe(list.length);
    }

    const rows: { asset_id: string; position: number }[] = await server.knex('sc_collection_assets').where({ collection_id: id }).orderBy('position');
    expect(rows.map((row) => row.asset_id)).toEqual(list);
    const positions = rows.map((row) => Number(row.position));
    expect(positions.every((position, i) => i === 0 || position > positions[i - 1]!)).toBe(true);
    const perAsset: { asset_id: string; n: number | string }[] = await server.knex('sc_collection_assets')
      .where({ collection_id: id }).select('asset_id').count({ n: '*' }).groupBy('asset_id');
    expect(perAsset.filter((row) => Number(row.n) !== 1)).toEqual([]);
    const page = (await server.as(OWNER).get(`${API}/${id}?limit=100`)).json;
    expect(page.assets.items.map((item: { id: string }) => item.id)).toEqual(list);
  });
});
