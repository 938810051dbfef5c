/** The owner API over real HTTP on every engine: every route, role, validation rule and guard. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/constants.js';
import { TEST_ENGINES } from '../helpers/databases.js';
import { API, type PluginServer, startPluginServer } from '../helpers/plugin-server.js';

const EDITOR = 'editor1:editor';
const future = () => new Date(Date.now() + 86_400_000).toISOString();

describe.each(TEST_ENGINES)('owner API on %s', (engine) => {
  let server: PluginServer;
  beforeEach(async () => {
    server = await startPluginServer({ engine });
  });
  afterEach(() => server.close());

  const create = async (user = EDITOR, body: Record<string, unknown> = {}) => {
    const res = await server.as(user).post(API, { title: 'Summer', assetIds: ['a1', 'a2', 'a3'], ...body });
    expect(res.status).toBe(201);
    return res.json;
  };

  it('answers the session with permissions derived from the role', async () => {
    const expectations = {
      'boss:administrator': { create: true, manageAll: true },
      [EDITOR]: { create: true, manageAll: false },
      'v:viewer': { create: false, manageAll: false },
      'g:guest': { create: false, manageAll: false },
    };
    for (const [user, permissions] of Object.entries(expectations)) {
      const res = await server.as(user).get(`${API}/session`);
      expect(res.json).toEqual({ user: { id: user.split(':')[0], name: `Name of ${user.split(':')[0]}`, role: user.split(':')[1] }, permissions });
    }
    const anonymous = await server.as(null).get(`${API}/session`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toEqual({ error: { code: 'unauthenticated', message: 'Sign in to continue.' } });
  });

  it('creates, reads, lists, edits and deletes a collection', async () => {
    const created = await create(EDITOR, { description: 'Beach', password: 'pw', expiresAt: '2099-12-31T22:59:59.999Z', allowDownload: true });
    expect(created).toMatchObject({
      title: 'Summer', description: 'Beach', isPublic: true, hasPassword: true, expiresAt: '2099-12-31T22:59:59.999Z',
      expired: false, allowDownload: true, assetCount: 3, coverAssetId: 'a1', owner: { id: 'editor1', name: 'Name of editor1' },
      revision: 1, stats: { views: 0, downloads: 0, failedUnlocks: 0, lastAccessAt: null },
    });
    expect(created.url).toMatch(new RegExp(`^${server.baseUrl}/s/[A-Za-z0-9_-]{32}$`));
    expect(JSON.stringify(created)).not.toMatch(/passwordHash|password_hash|\$2b\$/);

    server.host.assets.delete('a2');
    const detail = await server.as(EDITOR).get(`${API}/${created.id}?page=1&limit=2`);
    expect(detail.json.assets).toEqual({
      items: [{ id: 'a1', name: 'a1.jpg', mime: 'image/jpeg', size: 14, width: 640, height: 480, position: 0 }],
      page: 1, limit: 2, total: 3,
    });
    expect((await server.as(EDITOR).get(API)).json.items.map((c: { id: number }) => c.id)).toEqual([created.id]);

    const edited = await server.as(EDITOR).patch(`${API}/${created.id}`, { title: '  Winter ', password: null, revision: 1 });
    expect(edited.json).toMatchObject({ title: 'Winter', hasPassword: false, revision: 2 });
    expect((await server.as(EDITOR).patch(`${API}/${created.id}`, { title: 'Late', revision: 1 })).status).toBe(409);

    const deleted = await server.as(EDITOR).delete(`${API}/${created.id}`);
    expect(deleted.status).toBe(204);
    expect((await server.as(EDITOR).get(`${API}/${created.id}`)).status).toBe(404);
    expect([...server.host.assets.keys()]).toEqual(['a1', 'a3', 'a4', 'a5']);
  });

  it('lets administrators manage all, editors their own, and nobody else anything', async () => {
    const mine = await create(EDITOR);
    const theirs = await create('editor2:editor', { title: 'Theirs' });
    const admin = server.as('boss:administrator');
    expect((await admin.get(API)).json.items).toHaveLength(2);
    expect((await admin.patch(`${API}/${mine.id}`, { title: 'By admin' })).status).toBe(200);

    const editor = server.as(EDITOR);
    expect((await editor.get(API)).json.items.map((c: { id: number }) => c.id)).toEqual([mine.id]);
    for (const res of [
      await editor.get(`${API}/${theirs.id}`),
      await editor.patch(`${API}/${theirs.id}`, { title: 'x' }),
      await editor.patch(`${API}/${theirs.id}/assets`, { add: ['a4'] }),
      await editor.delete(`${API}/${theirs.id}`),
    ]) {
      expect(res.status).toBe(404);
    }
    for (const user of ['v:viewer', 'g:guest']) {
      const as = server.as(user);
      const statuses = [
        (await as.get(API)).status, (await as.post(API, { title: 'x', assetIds: ['a1'] })).status,
        (await as.get(`${API}/${mine.id}`)).status, (await as.patch(`${API}/${mine.id}`, { title: 'x' })).status,
        (await as.delete(`${API}/${mine.id}`)).status, (await as.get(`${API}/memberships?assetIds=a1`)).status,
      ];
      expect(statuses).toEqual([403, 403, 403, 403, 403, 403]);
    }
    expect((await server.as(null).post(API, { title: 'x', assetIds: ['a1'] })).status).toBe(401);
    expect((await server.as(null).get(`${API}/${mine.id}`)).status).toBe(401);
    expect((await admin.get(`${API}/${theirs.id}`)).json.title).toBe('Theirs');
  });

  it('rejects every invalid field with 400 and names it', async () => {
    server.host.unreadable.add('a5');
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '   ' }, 'title'],
      [{ title: 'x'.repeat(201) }, 'title'],
      [{ description: 'x'.repeat(2001) }, 'description'],
      [{ password: '' }, 'password'],
      [{ password: 'x'.repeat(129) }, 'password'],
      [{ expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
      [{ expiresAt: '2026-02-30T00:00:00Z' }, 'expiresAt'],
      [{ isPublic: 'yes' }, 'isPublic'],
      [{ allowDownload: 1 }, 'allowDownload'],
      [{ assetIds: [] }, 'assetIds'],
      [{ assetIds: ['../etc/passwd'] }, 'assetIds'],
      [{ assetIds: ['nope'] }, 'assetIds'],
      [{ assetIds: ['a1', 'a5'] }, 'assetIds'],
      [{ owner: 'me' }, 'owner'],
    ];
    for (const [body, field] of cases) {
      const res = await server.as(EDITOR).post(API, { title: 'T', assetIds: ['a1'], ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('validation_failed');
      expect(res.json.error.issues.map((issue: { field: string }) => issue.field)).toContain(field);
    }
    const c = await create();
    expect((await server.as(EDITOR).patch(`${API}/${c.id}`, {})).status).toBe(400);
    expect((await server.as(EDITOR).patch(`${API}/${c.id}`, { revision: 0, title: 'x' })).status).toBe(400);
    expect((await server.as(EDITOR).patch(`${API}/${c.id}`, { isPublic: false })).status).toBe(200);
    expect((await server.as(EDITOR).patch(`${API}/${c.id}`, { password: 'pw' })).json.error.issues[0].field).toBe('password');
    expect((await server.as(EDITOR).patch(`${API}/${c.id}/assets`, { add: ['a5'] })).status).toBe(400);
    expect((await server.as(EDITOR).get(`${API}/${c.id}?limit=501`)).status).toBe(400);
    expect((await server.as(EDITOR).get(`${API}/memberships?assetIds=`)).status).toBe(400);
    for (const id of ['0', '-1', 'abc', '1.5', '99999999999', '%00']) {
      expect((await server.as(EDITOR).get(`${API}/${id}`)).status, id).toBe(404);
    }
  });

  it('shares a whole archive of 100,000 files in one request, and refuses one more', async () => {
    const assetIds = Array.from({ length: LIMITS.maxAssetsPerCollection }, (_, i) => `x${i}`);
    for (const id of assetIds) server.host.addAsset(id, Buffer.alloc(0));
    const created = await server.as(EDITOR).post(API, { title: 'Archive', assetIds });
    expect(created.status).toBe(201);
    expect(created.json.assetCount).toBe(100_000);
    const tooMany = await server.as(EDITOR).post(API, { title: 'Archive', assetIds: [...assetIds, 'a1'] });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.issues).toEqual([{ field: 'assetIds', message: 'At most 100000 files can be shared at once.' }]);
    const full = await server.as(EDITOR).request('PATCH', `${API}/${created.json.id}/assets`, { json: { add: ['a1'] } });
    expect(full.status).toBe(400);
  }, 120_000);

  it('refuses bodies it cannot read and cross-site requests, and never grants CORS', async () => {
    const editor = server.as(EDITOR);
    const huge = JSON.stringify({ title: 'T', assetIds: ['a1'], description: 'x'.repeat(LIMITS.jsonBodyMaxBytes) });
    expect((await editor.request('POST', API, { body: huge })).status).toBe(413);
    expect((await editor.request('POST', API, { body: '{"title":' })).status).toBe(400);
    expect((await editor.request('POST', API, { body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) })).status).toBe(400);
    expect((await editor.request('POST', API, { body: '['.repeat(500_000) + ']'.repeat(500_000) })).status).toBe(400);
    expect((await editor.request('POST', API, { body: '' })).status).toBe(400);
    const form = await editor.request('POST', API, { body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(403);
    expect((await editor.request('POST', API, { body: '{}', headers: { 'content-type': 'text/plain' } })).status).toBe(403);
    const body = { title: 'T', assetIds: ['a1'] };
    const crossSite = await editor.post(API, body, { headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('access-control-allow-origin')).toBeNull();
    expect((await editor.post(API, body, { headers: { origin: 'null' } })).status).toBe(403);
    expect((await editor.post(API, body, { headers: { origin: server.baseUrl } })).status).toBe(201);
    const c = (await editor.get(API)).json.items[0];
    expect((await editor.request('DELETE', `${API}/${c.id}`, { headers: { 'content-type': 'text/plain' } })).status).toBe(403);
    expect((await editor.request('DELETE', `${API}/${c.id}`, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await editor.request('DELETE', `${API}/${c.id}`, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    const bare = await fetch(`${server.baseUrl}${API}/${c.id}`, { method: 'DELETE', headers: { 'x-test-user': EDITOR } });
    expect(bare.status).toBe(204);
    const preflight = await editor.request('OPTIONS', API, { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect((await editor.get(`${API}/no/such/route`)).json.error.code).toBe('not_found');
  });

  it('adds and removes assets with a result per id, safely under 100 concurrent requests', async () => {
    for (let i = 0; i < 50; i += 1) server.host.addAsset(`n${i}`);
    const c = await create();
    const first = await server.as(EDITOR).patch(`${API}/${c.id}/assets`, { add: ['a4', 'a1'], remove: ['a2', 'zz'] });
    expect(first.json).toMatchObject({ added: ['a4'], duplicates: ['a1'], removed: ['a2'], notInCollection: ['zz'] });
    expect(first.json.collection).toMatchObject({ assetCount: 3, revision: 2 });

    const requests = Array.from({ length: 100 }, (_, i) =>
      i % 2 === 0
        ? server.as(EDITOR).patch(`${API}/${c.id}/assets`, { add: [`n${i / 2}`, `n${(i / 2 + 1) % 50}`] })
        : server.as(EDITOR).patch(`${API}/${c.id}/assets`, { remove: [['a1', 'a3', 'a4'][i % 3]!] }),
    );
    const responses = await Promise.all(requests);
    expect(responses.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const detail = await server.as(EDITOR).get(`${API}/${c.id}?limit=500`);
    const ids = detail.json.assets.items.map((a: { id: string }) => a.id);
    expect(new Set(ids)).toEqual(new Set(Array.from({ length: 50 }, (_, i) => `n${i}`)));
    expect(ids).toHaveLength(50);
    expect(detail.json.revision).toBe(102);
  });

  it('gives exactly one of two editors with the same revision a 409', async () => {
    const c = await create();
    const [a, b] = await Promise.all([
      server.as('boss:administrator').patch(`${API}/${c.id}`, { title: 'A', revision: 1 }),
      server.as(EDITOR).patch(`${API}/${c.id}`, { title: 'B', revision: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)?.json.error.code).toBe('conflict');
  });

  it('answers memberships per asset and statistics per collection', async () => {
    const mine = await create(EDITOR, { title: 'Mine' });
    const theirs = await create('editor2:editor', { title: 'Theirs', assetIds: ['a1'] });
    const res = await server.as(EDITOR).get(`${API}/memberships?assetIds=a1,a4`);
    expect(res.json).toEqual({ memberships: { a1: [{ id: mine.id, title: 'Mine' }], a4: [] } });
    const all = await server.as('boss:administrator').get(`${API}/memberships?assetIds=a1`);
    expect(all.json.memberships.a1).toEqual([{ id: mine.id, title: 'Mine' }, { id: theirs.id, title: 'Theirs' }]);
    // The answer is written out by hand (owner-router.ts): every character an id or a title may hold survives.
    const title = 'Say "cheese"\u2028\\ <ünï> 🎉';
    await server.as(EDITOR).patch(`${API}/${mine.id}`, { title });
    const odd = await server.as(EDITOR).get(`${API}/memberships?assetIds=a1,__proto__,Az_-09,a1`);
    expect(odd.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Object.entries(odd.json.memberships)).toEqual([['a1', [{ id: mine.id, title }]], ['__proto__', []], ['Az_-09', []]]);

    const at = new Date('2026-11-26T10:00:00.123Z');
    await server.plugin.collections.recordEvents([
      { collectionId: mine.id, kind: 'view', at },
      { collectionId: mine.id, kind: 'zip', at },
      { collectionId: mine.id, kind: 'unlock_failed', at: new Date(at.getTime() + 1000) },
      { collectionId: mine.id, kind: 'unlock_failed', at: new Date(at.getTime() + 2000) },
    ]);
    const listed = (await server.as(EDITOR).get(API)).json.items[0];
    expect(listed.stats).toEqual({ views: 1, downloads: 1, failedUnlocks: 2, lastAccessAt: '2026-11-26T10:00:00.123Z' });
  });

  it('keeps an expired collection visible and editable for its owner', async () => {
    const c = await create(EDITOR, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
    server.advanceClock(120_000);
    const seen = await server.as(EDITOR).get(`${API}/${c.id}`);
    expect(seen.json).toMatchObject({ expired: true });
    const renewed = await server.as(EDITOR).patch(`${API}/${c.id}`, { expiresAt: new Date(Date.now() + 86_400_000 * 2).toISOString() });
    expect(renewed.json.expired).toBe(false);
    expect((await server.as(EDITOR).patch(`${API}/${c.id}`, { expiresAt: future(), password: 'x'.repeat(128) })).json.hasPassword).toBe(true);
  });
});
