/**
 * The public side as a host gets it from `mount()`, next to the owner API: a password
 * change made through the owner API revokes earlier unlocks, and an expired link answers
 * 410 to recipients while its owner still sees and edits it.
 */
import Keygrip from 'keygrip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../helpers/databases.js';
import { API, startPluginServer, type PluginServer } from '../helpers/plugin-server.js';

const EDITOR = 'editor1:editor';

describe.each(TEST_ENGINES)('mounted public side on %s', (engine) => {
  let server: PluginServer;
  const visit = (path: string, cookie = '') =>
    fetch(`${server.baseUrl}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const unlock = (path: string, password: string) =>
    fetch(`${server.baseUrl}${path}/unlock`, { method: 'POST', body: new URLSearchParams({ password }), redirect: 'manual' });

  beforeEach(async () => {
    server = await startPluginServer({ engine });
  });
  afterEach(() => server.close());

  it('a password changed through the owner API revokes earlier unlocks', async () => {
    const created = await server.as(EDITOR).post(API, { title: 'Proofs', password: 'first', assetIds: ['a1', 'a2'] });
    expect(created.status).toBe(201);
    const path = new URL(created.json.url as string).pathname;
    expect((await visit(path)).status).toBe(401);
    const unlocked = await unlock(path, 'first');
    expect(unlocked.status).toBe(303);
    const cookie = unlocked.headers.get('set-cookie')!.split(';')[0]!;
    expect((await visit(`${path}/assets/a1/thumbnail`, cookie)).status).toBe(200);
    expect((await server.as(EDITOR).patch(`${API}/${created.json.id}`, { password: 'second' })).status).toBe(200);
    for (const route of ['', '/data.json', '/assets/a1/thumbnail']) expect((await visit(`${path}${route}`, cookie)).status).toBe(401);
    expect((await unlock(path, 'second')).status).toBe(303);
  });

  it('an expired link answers 410 while the owner still sees and edits the collection', async () => {
    const expiresAt = new Date(Date.now() + 60_000).toISOString();
    const created = await server.as(EDITOR).post(API, { title: 'Soon gone', expiresAt, assetIds: ['a1'] });
    const path = new URL(created.json.url as string).pathname;
    expect((await visit(path)).status).toBe(200);
    server.advanceClock(61_000);
    for (const route of ['', '/data.json', '/assets/a1/preview', '/download']) {
      const response = await visit(`${path}${route}`);
      expect(response.status).toBe(410);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await response.text()).not.toContain('Soon gone');
    }
    const owner = await server.as(EDITOR).get(`${API}/${created.json.id}`);
    expect(owner.status).toBe(200);
    expect(owner.json.expired).toBe(true);
    expect(owner.json.title).toBe('Soon gone');
  });

  it("signs unlocks with the Koa app's keys when they are a Keygrip the host made", async () => {
    await server.close();
    server = await startPluginServer({ engine, options: { keys: undefined }, appKeys: new Keygrip(['host-key'], 'sha512') });
    const created = await server.as(EDITOR).post(API, { title: 'Keyed', password: 'open sesame', assetIds: ['a1'] });
    const path = new URL(created.json.url as string).pathname;
    const unlocked = await unlock(path, 'open sesame');
    expect(unlocked.status).toBe(303);
    const cookie = unlocked.headers.get('set-cookie')!.split(';')[0]!;
    expect((await visit(path, cookie)).status).toBe(200);
    const [name, value] = cookie.split('=') as [string, string];
    const [payload] = value.split('.');
    const forged = `${name}=${payload}.${new Keygrip(['another-key'], 'sha512').sign(`${name}=${payload}`)}`;
    expect((await visit(path, forged)).status).toBe(401);
  });
});
