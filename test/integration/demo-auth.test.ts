import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../demo/user-store.js';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../helpers/databases.js';
import { type DemoServer, cookieHeaderOf, login, startDemoServer } from '../helpers/demo-server.js';
import { connectThroughProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

describe.each(TEST_ENGINES)('demo sign-in on %s', (engine) => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer({ engine });
  });
  afterAll(() => demo.close());

  it.each(DEMO_ACCOUNTS.map((account) => [account.username, account.role, account.displayName] as const))(
    'signs %s in with role %s, which reaches DamHost, and signs out again',
    async (username, role, displayName) => {
      const cookie = await login(demo.baseUrl, username);
      expect(cookie).toMatch(/^dam\.sess=[^;]+; dam\.sess\.sig=/);

      const me = await fetch(`${demo.baseUrl}/api/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(await me.json()).toEqual({ id: expect.stringMatching(/^\d+$/), name: displayName, role });

      const page = await fetch(`${demo.baseUrl}/`, { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`data-role="${role}"`);

      const logout = await fetch(`${demo.baseUrl}/logout`, { method: 'POST', headers: { cookie }, redirect: 'manual' });
      expect(logout.status).toBe(303);
      expect(logout.headers.get('location')).toBe('/login');
      const afterLogout = await fetch(`${demo.baseUrl}/api/me`, { headers: { cookie: cookieHeaderOf(logout) } });
      expect(afterLogout.status).toBe(401);
    },
  );

  it('ends the session on the server at sign-out: a copy of the cookie taken before no longer works', async () => {
    const cookie = await login(demo.baseUrl, 'editor');
    expect((await fetch(`${demo.baseUrl}/api/me`, { headers: { cookie } })).status).toBe(200);
    await fetch(`${demo.baseUrl}/logout`, { method: 'POST', headers: { cookie }, redirect: 'manual' });
    expect((await fetch(`${demo.baseUrl}/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('refuses sign-in posts from other sites', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${demo.baseUrl}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: 'username=editor&password=demo',
        redirect: 'manual',
      });
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await post({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'same-origin', origin: demo.baseUrl })).status).toBe(303);
  });

  it('serves the process and plugin metrics to administrators only', async () => {
    const metrics = await fetch(`${demo.baseUrl}/metrics`, { headers: { cookie: await login(demo.baseUrl, 'admin') } });
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    for (const name of ['process_cpu_seconds_total', 'shared_collections_views_total', 'shared_collections_active_downloads']) expect(text).toContain(name);
    expect((await fetch(`${demo.baseUrl}/metrics`, { headers: { cookie: await login(demo.baseUrl, 'editor') } })).status).toBe(403);
    expect((await fetch(`${demo.baseUrl}/metrics`)).status).toBe(401);
  });

  it('lets no other site frame its pages', async () => {
    const cookie = await login(demo.baseUrl, 'editor');
    for (const path of ['/login', '/']) {
      const response = await fetch(`${demo.baseUrl}${path}`, { headers: { cookie } });
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    }
  });

  it('sets a signed, HttpOnly, SameSite=Lax host cookie and redirects to the catalog', async () => {
    const response = await fetch(`${demo.baseUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=editor&password=demo',
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const [session] = response.headers.getSetCookie().filter((cookie) => cookie.startsWith('dam.sess='));
    expect(session).toMatch(/httponly/i);
    expect(session).toMatch(/samesite=lax/i);
  });

  it('re-renders the form with a message and 401 for a wrong password or an unknown user', async () => {
    for (const [username, password] of [['editor', 'wrong'], ['nobody', 'demo']] as const) {
      const response = await fetch(`${demo.baseUrl}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username, password }),
        redirect: 'manual',
      });
      expect(response.status).toBe(401);
      expect(response.headers.getSetCookie()).toEqual([]);
      const html = await response.text();
      expect(html).toContain('Wrong user name or password.');
      expect(html).toContain('name="password"');
    }
  });

  it('answers 400, never 500, to malformed sign-in requests', async () => {
    const empty = await fetch(`${demo.baseUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=&password=',
    });
    expect(empty.status).toBe(400);
    const json = await fetch(`${demo.baseUrl}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(400);
    const huge = await fetch(`${demo.baseUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=${'a'.repeat(100_000)}`,
    });
    expect(huge.status).toBe(413);
  });

  it('sends anonymous page requests to the sign-in page and refuses anonymous APIs and files', async () => {
    const page = await fetch(`${demo.baseUrl}/`, { redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login');
    const form = await fetch(`${demo.baseUrl}/login`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('action="/login"');
    for (const url of ['/api/me', '/api/assets', '/api/assets/tags?ids=1', '/assets/1/thumbnail', '/assets/1/original']) {
      const response = await fetch(`${demo.baseUrl}${url}`);
      expect(response.status, url).toBe(401);
    }
    const api = await fetch(`${demo.baseUrl}/api/assets`);
    expect(await api.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  });

  it('ignores a session cookie whose signature does not match', async () => {
    const cookie = await login(demo.baseUrl, 'admin');
    const forged = cookie.replace(/dam\.sess\.sig=[^;]+/, 'dam.sess.sig=AAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const response = await fetch(`${demo.baseUrl}/api/me`, { headers: { cookie: forged } });
    expect(response.status).toBe(401);
  });
});

describe.each(TEST_ENGINES.filter((engine) => engine === 'mysql'))('the demo with its %s connection cut by a TCP proxy', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let demo: DemoServer;
  beforeAll(async () => {
    database = await createTestDatabase('mysql');
    const proxied = await connectThroughProxy(database.url!, { acquireConnectionTimeout: 2000 });
    proxy = proxied.proxy;
    demo = await startDemoServer({ database: { ...database, knex: proxied.knex } });
  });
  afterAll(async () => {
    await demo?.close();
    await demo?.knex.destroy();
    await proxy?.close();
    await database?.destroy();
  });

  it('answers a signed-in user 503 with Retry-After, not 500, while its session store is unreachable', async () => {
    const cookie = await login(demo.baseUrl, 'editor');
    proxy.sever();
    const api = await fetch(`${demo.baseUrl}/api/me`, { headers: { cookie } });
    expect([api.status, api.headers.get('retry-after')]).toEqual([503, '5']);
    expect(await api.json()).toEqual({ error: { code: 'unavailable', message: expect.stringMatching(/unavailable/) } });
    const page = await fetch(`${demo.baseUrl}/`, { headers: { cookie } });
    expect([page.status, await page.text()]).toEqual([503, expect.stringMatching(/unavailable/)]);
    proxy.restore();
    expect((await fetch(`${demo.baseUrl}/api/me`, { headers: { cookie } })).status).toBe(200);
  });
});
