/**
 * The public cache (server-plugin/public/public-cache.ts), over real HTTP on every engine:
 * a repeat visit and its thumbnails cost no query, changes through this instance show at
 * once, changes through another instance within the cache's lifetime (1 s), and nothing
 * the gate checks per request (expiry, the unlock cookie, sign-in, unknown tokens) is ever
 * answered from memory.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countQueries, TEST_ENGINES } from '../helpers/databases.js';
import { startPluginServer } from '../helpers/plugin-server.js';
import { addPngAssets, FAKE_USER_HEADER, startPublicHarness, type PublicHarness } from './public-harness.js';

const NOW = () => new Date();

describe.each(TEST_ENGINES)('public cache on %s', (engine) => {
  let h: PublicHarness;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${h.baseUrl}${path}`, { headers, redirect: 'manual' });
  const queriesFor = (run: () => Promise<unknown>) => countQueries(h.knex, run);

  beforeEach(async () => {
    h = await startPublicHarness(engine);
    await addPngAssets(h.assets, ['beach.png', 'dinner.png', 'other.png']);
  });
  afterEach(() => h.close());

  it('serves a repeat visit and the page’s thumbnails without a query, and counts every view', async () => {
    const { token } = await h.share({ assetIds: ['a1', 'a2'] });
    expect((await get(`/s/${token}`)).status).toBe(200);
    const repeat = await queriesFor(async () => {
      expect(await (await get(`/s/${token}`)).text()).toContain('beach.png');
      for (const id of ['a1', 'a2']) expect((await get(`/s/${token}/assets/${id}/thumbnail`)).status).toBe(200);
    });
    expect(repeat).toBe(0);
    // An asset outside the collection is asked for every time: only members are remembered.
    for (let round = 0; round < 2; round += 1) {
      expect(await queriesFor(async () => expect((await get(`/s/${token}/assets/a3/thumbnail`)).status).toBe(404))).toBeGreaterThan(0);
    }
    expect(await h.countEvents('view')).toBe(2);
  });

  it('lets 100 concurrent visitors of a link whose entry expired cost what one visitor costs', async () => {
    const { token } = await h.share({ assetIds: ['a1', 'a2'] });
    const page = async () => expect((await get(`/s/${token}`)).status).toBe(200);
    await page();
    // Past the cache's lifetime (1 s): the next visit loads the link and renders its page again.
    h.clock.advance(2);
    const one = await countQueries(h.knex, page, { ignoreTransactions: true });
    h.clock.advance(2);
    const hundred = await countQueries(h.knex, () => Promise.all(Array.from({ length: 100 }, page)), { ignoreTransactions: true });
    expect(one).toBeGreaterThan(0);
    expect(hundred).toBe(one);
  });

  it('shows what this instance changes at once: edits, removed files, a new password, deletion', async () => {
    const collection = await h.share({ assetIds: ['a1', 'a2'], title: 'Before' });
    const base = `/s/${collection.token}`;
    await get(base);
    await get(`${base}/assets/a2/thumbnail`);
    const store = h.plugin.collections;
    await store.update(collection.id, { title: 'After' }, { now: NOW() });
    expect(await (await get(base)).text()).toContain('<h1>After</h1>');
    await store.changeAssets(collection.id, { add: [], remove: ['a2'] }, NOW());
    expect((await get(`${base}/assets/a2/thumbnail`)).status).toBe(404);
    expect(await (await get(base)).text()).not.toContain('dinner.png');
    await store.update(collection.id, { passwordHash: '$2b$04$abcdefghijklmnopqrstuu5Vhe0mJ0bW4vE.9oG0bCq3M5O7sZx6u' }, { now: NOW() });
    const locked = await get(base);
    expect(locked.status).toBe(401);
    expect(await locked.text()).not.toContain('After');
    await store.delete(collection.id);
    expect((await get(base)).status).toBe(404);
  });

  it('shows what another instance changes once the cache lifetime (1 s) has passed', async () => {
    const other = await startPluginServer({ knex: h.knex, host: h.plugin.options.host, now: () => h.clock.now, migrate: false });
    try {
      const collection = await h.share({ assetIds: ['a1'], title: 'Shared' });
      const base = `/s/${collection.token}`;
      expect((await get(base)).status).toBe(200);
      await other.plugin.collections.delete(collection.id);
      h.clock.advance(0.999);
      expect((await get(base)).status).toBe(200);
      h.clock.advance(0.001);
      expect((await get(base)).status).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('checks expiry, the unlock cookie and sign-in on every request, never from memory', async () => {
    const expiring = await h.share({ assetIds: ['a1'], expiresAt: new Date(h.clock.now.getTime() + 500) });
    expect((await get(`/s/${expiring.token}`)).status).toBe(200);
    h.clock.advance(0.5);
    expect((await get(`/s/${expiring.token}`)).status).toBe(410);

    const secret = await h.share({ assetIds: ['a1'], title: 'Secret trip', password: 'pw' });
    const unlocked = await fetch(`${h.baseUrl}/s/${secret.token}/unlock`, { method: 'POST', body: new URLSearchParams({ password: 'pw' }), redirect: 'manual' });
    const cookie = unlocked.headers.get('set-cookie')!.split(';')[0]!;
    expect(await (await get(`/s/${secret.token}`, { cookie })).text()).toContain('Secret trip');
    const stranger = await get(`/s/${secret.token}`);
    expect(stranger.status).toBe(401);
    expect(await stranger.text()).not.toContain('Secret trip');
    expect((await get(`/s/${secret.token}/assets/a1/thumbnail`)).status).toBe(401);

    const internal = await h.share({ assetIds: ['a1'], title: 'Internal', isPublic: false });
    expect((await get(`/s/${internal.token}`, { [FAKE_USER_HEADER]: 'colleague' })).status).toBe(200);
    expect((await get(`/s/${internal.token}`)).status).toBe(401);
  });

  it('never remembers an unknown token: every probe reaches the database and its throttle', async () => {
    const unknown = `/s/${'x'.repeat(32)}`;
    for (let round = 0; round < 2; round += 1) {
      expect(await queriesFor(async () => expect((await get(unknown)).status).toBe(404))).toBeGreaterThan(0);
    }
  });
});

describe.each(TEST_ENGINES)('public cache turned off on %s', (engine) => {
  it('publicCacheSeconds 0 reads the collection on every request', async () => {
    const h = await startPublicHarness(engine, { options: { publicCacheSeconds: 0 } });
    try {
      await addPngAssets(h.assets, ['beach.png']);
      const { token } = await h.share({ assetIds: ['a1'] });
      await fetch(`${h.baseUrl}/s/${token}`);
      const again = await countQueries(h.knex, async () => expect((await fetch(`${h.baseUrl}/s/${token}`)).status).toBe(200));
      expect(again).toBeGreaterThan(0);
    } finally {
      await h.close();
    }
  });
});
