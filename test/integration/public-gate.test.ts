/**
 * The one gate, over real HTTP on every engine: locked collections leak nothing on any
 * route, unlock and its throttle, revocation by a password change, expiry, internal
 * (non-public) collections, unknown tokens, downloads off, and the headers on every answer.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../helpers/databases.js';
import { addPngAssets, FAKE_USER_HEADER, startPublicHarness, type PublicHarness } from './public-harness.js';

const PASSWORD = 'correct horse';
const responses: Response[] = [];

describe.each(TEST_ENGINES)('public gate on %s', (engine) => {
  let h: PublicHarness;
  let base: string;

  async function call(path: string, init: RequestInit & { ip?: string } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('X-Forwarded-For', init.ip ?? '203.0.113.1');
    const response = await fetch(`${h.baseUrl}${path}`, { redirect: 'manual', ...init, headers });
    responses.push(response.clone());
    return response;
  }
  const unlock = (password: string, ip?: string) =>
    call(`${base}/unlock`, { method: 'POST', body: new URLSearchParams({ password }), ...(ip ? { ip } : {}) });
  const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0]!;

  beforeEach(async () => {
    h = await startPublicHarness(engine, { proxy: true });
    await addPngAssets(h.assets, ['secret-beach.png', 'secret-dinner.png']);
  });
  afterEach(() => h.close());

  const routes = (b: string) => [`${b}`, `${b}/data.json`, `${b}/assets/a1/thumbnail`, `${b}/assets/a1/preview`, `${b}/assets/a1/original`, `${b}/download`];

  it('a locked collection answers 401 on every route and names nothing', async () => {
    const collection = await h.share({ assetIds: ['a1', 'a2'], title: 'Secret trip', description: 'Top secret', password: PASSWORD });
    base = `/s/${collection.token}`;
    for (const path of routes(base)) {
      const response = await call(path);
      const body = await response.text();
      expect(response.status, path).toBe(401);
      expect(body).not.toMatch(/Secret trip|Top secret|secret-beach|secret-dinner|og:|twitter:/);
    }
    const page = await (await call(base)).text();
    expect(page).toContain('<label for="password">Password</label>');
    expect(page).toContain('>Unlock</button>');
  });

  it('unlocks with the right password into a cookie scoped to the public prefix', async () => {
    base = `/s/${(await h.share({ assetIds: ['a1'], title: 'Secret trip', password: PASSWORD })).token}`;
    const wrong = await unlock('nope');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Wrong password');
    expect(await (await call(`${base}/unlock?password=${encodeURIComponent(PASSWORD)}`, { method: 'POST' })).status).toBe(400);
    const right = await unlock(PASSWORD);
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe(base);
    const setCookie = right.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^sc_access=/);
    expect(setCookie).toMatch(/; path=\/s;/);
    expect(setCookie).toMatch(/; samesite=lax/);
    expect(setCookie).toMatch(/; httponly/);
    expect(setCookie).not.toMatch(/; secure/);
    const cookie = cookieOf(right);
    for (const path of routes(base)) expect((await call(path, { headers: { cookie } })).status, path).toBe(200);
    expect(await (await call(base, { headers: { cookie } })).text()).toContain('<h1>Secret trip</h1>');
    const tampered = cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await call(base, { headers: { cookie: tampered } })).status).toBe(401);
  });

  it('refuses unlock posts from other sites, and charges the visitor nothing for them', async () => {
    base = `/s/${(await h.share({ assetIds: ['a1'], title: 'Secret trip', password: PASSWORD })).token}`;
    const form = () => new URLSearchParams({ password: 'guess' });
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const crossSite = await call(`${base}/unlock`, { method: 'POST', body: form(), headers: { 'sec-fetch-site': 'cross-site' } });
      expect(crossSite.status).toBe(403);
      expect(await crossSite.text()).not.toContain('Secret trip');
      const sameSite = await call(`${base}/unlock`, { method: 'POST', body: form(), headers: { 'sec-fetch-site': 'same-site' } });
      expect(sameSite.status).toBe(403);
      const foreignOrigin = await call(`${base}/unlock`, { method: 'POST', body: form(), headers: { origin: 'https://evil.example' } });
      expect(foreignOrigin.status).toBe(403);
    }
    // Our own page's post: its no-referrer policy makes the browser send `Origin: null`.
    const ownPage = { 'sec-fetch-site': 'same-origin', origin: 'null' };
    expect((await call(`${base}/unlock`, { method: 'POST', body: form(), headers: ownPage })).status).toBe(401);
    const right = await call(`${base}/unlock`, { method: 'POST', body: new URLSearchParams({ password: PASSWORD }), headers: ownPage });
    expect(right.status).toBe(303);
  });

  it('answers a reload of the unlock address with the password form, or the page once unlocked', async () => {
    base = `/s/${(await h.share({ assetIds: ['a1'], title: 'Secret trip', password: PASSWORD })).token}`;
    const locked = await call(`${base}/unlock`);
    expect(locked.status).toBe(401);
    const form = await locked.text();
    expect(form).toContain('<label for="password">Password</label>');
    expect(form).not.toContain('Secret trip');
    const cookie = cookieOf(await unlock(PASSWORD));
    const open = await call(`${base}/unlock`, { headers: { cookie } });
    expect(open.status).toBe(303);
    expect(open.headers.get('location')).toBe(base);
    expect((await call(`/s/${'x'.repeat(32)}/unlock`)).status).toBe(404);
  });

  it('marks the cookie Secure behind a TLS-terminating proxy', async () => {
    base = `/s/${(await h.share({ assetIds: ['a1'], password: PASSWORD })).token}`;
    const response = await call(`${base}/unlock`, {
      method: 'POST',
      body: new URLSearchParams({ password: PASSWORD }),
      headers: { 'X-Forwarded-Proto': 'https' },
    });
    expect(response.headers.get('set-cookie')).toMatch(/; secure/);
  });

  it('backs off an address after repeated failures, without locking out other addresses', async () => {
    base = `/s/${(await h.share({ assetIds: ['a1'], password: PASSWORD })).token}`;
    for (let i = 0; i < 5; i++) expect((await unlock('guess')).status).toBe(401);
    expect((await unlock(PASSWORD)).headers.get('retry-after')).toBe('1');
    h.clock.advance(1);
    expect((await unlock('guess')).status).toBe(401);
    const limited = await unlock(PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBe(2);
    expect((await unlock(PASSWORD, '198.51.100.7')).status).toBe(303);
    h.clock.advance(2);
    expect((await unlock(PASSWORD)).status).toBe(303);
    expect(await h.countEvents('unlock_failed')).toBe(6);
  });

  it('lets no set of addresses lock out a recipient who knows the password (many addresses, then a fresh one)', async () => {
    base = `/s/${(await h.share({ assetIds: ['a1'], password: PASSWORD })).token}`;
    // The attack that closed a link for an hour: 22 addresses x 5 wrong passwords. After the
    // collection's 100th failure, the last two addresses are held back after their first.
    for (let address = 0; address < 22; address++) {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await unlock('guess', `198.51.100.${address}`)).status);
      expect(statuses).toEqual(address < 20 ? [401, 401, 401, 401, 401] : [401, 429, 429, 429, 429]);
    }
    expect((await unlock(PASSWORD, '192.0.2.200')).status).toBe(303);
    expect((await unlock(PASSWORD, '2001:db8:77::1')).status).toBe(303);
    // Under attack, an attacking address waits a minute and more after each failure.
    const attacker = await unlock('guess', '198.51.100.0');
    expect(attacker.status).toBe(429);
    expect(Number(attacker.headers.get('retry-after'))).toBeGreaterThanOrEqual(60);
    // A recipient who mistypes it once is back in after a minute.
    expect((await unlock('typo', '192.0.2.201')).status).toBe(401);
    expect((await unlock(PASSWORD, '192.0.2.201')).headers.get('retry-after')).toBe('60');
    h.clock.advance(60);
    expect((await unlock(PASSWORD, '192.0.2.201')).status).toBe(303);
  });

  it('counts IPv6 clients per /64', async () => {
    base = `/s/${(await h.share({ assetIds: ['a1'], password: PASSWORD })).token}`;
    for (let i = 1; i <= 5; i++) expect((await unlock('guess', `2001:db8:1:2::${i}`)).status).toBe(401);
    expect((await unlock(PASSWORD, '2001:db8:1:2:abcd::1')).status).toBe(429);
    expect((await unlock(PASSWORD, '2001:db8:1:3::1')).status).toBe(303);
  });

  it('a password change revokes earlier unlocks', async () => {
    const collection = await h.share({ assetIds: ['a1'], password: PASSWORD });
    base = `/s/${collection.token}`;
    const cookie = cookieOf(await unlock(PASSWORD));
    expect((await call(base, { headers: { cookie } })).status).toBe(200);
    await h.plugin.collections.update(collection.id, { passwordHash: collection.passwordHash }, { now: h.clock.now });
    for (const path of routes(base)) expect((await call(path, { headers: { cookie } })).status, path).toBe(401);
  });

  it('an expired link answers 410 everywhere, is not counted as a probe, and stays in the store', async () => {
    const collection = await h.share({ assetIds: ['a1'], title: 'Old trip', expiresAt: new Date(h.clock.now.getTime() + 1000) });
    base = `/s/${collection.token}`;
    h.clock.advance(1);
    for (let round = 0; round < 6; round++) {
      for (const path of routes(base)) {
        const response = await call(path);
        expect(response.status, path).toBe(410);
        expect(await response.text()).not.toContain('Old trip');
      }
    }
    expect((await unlock('x')).status).toBe(410);
    expect((await call('/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await h.plugin.collections.findById(collection.id))?.title).toBe('Old trip');
  });

  it('an internal collection is only for people signed in to the DAM', async () => {
    base = `/s/${(await h.share({ assetIds: ['a1'], title: 'Internal plans', isPublic: false })).token}`;
    for (const path of routes(base)) {
      const response = await call(path);
      expect(response.status, path).toBe(401);
      expect(await response.text()).not.toContain('Internal plans');
      expect((await call(path, { headers: { [FAKE_USER_HEADER]: 'ann' } })).status, path).toBe(200);
    }
  });

  it('answers 404 to unknown and malformed tokens, then 429 to a prober, never to known links', async () => {
    base = `/s/${(await h.share({ assetIds: ['a1'] })).token}`;
    const probes = ['/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/s/short', '/s/%00%27', '/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/data.json'];
    for (let i = 0; i < 30; i++) expect((await call(probes[i % probes.length]!)).status).toBe(404);
    const blocked = await call(probes[0]!);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call(base)).status).toBe(200);
    expect((await call(probes[0]!, { ip: '198.51.100.7' })).status).toBe(404);
  });

  it('refuses originals and ZIPs when downloads are off, but serves previews; checks membership', async () => {
    base = `/s/${(await h.share({ assetIds: ['a1'], allowDownload: false })).token}`;
    expect((await call(`${base}/assets/a1/original`)).status).toBe(403);
    expect((await call(`${base}/download`)).status).toBe(403);
    expect((await call(`${base}/download`, { method: 'POST', body: new URLSearchParams({ assets: 'a1' }) })).status).toBe(403);
    expect((await call(`${base}/assets/a1/preview`)).status).toBe(200);
    expect((await call(`${base}/assets/a1/thumbnail`)).status).toBe(200);
    for (const id of ['a2', 'zz', '..%2F..%2Fetc', 'x'.repeat(65)]) {
      expect((await call(`${base}/assets/${id}/thumbnail`)).status, id).toBe(404);
    }
    const page = await (await call(base)).text();
    expect(page).not.toMatch(/Download all|Download selected|Download secret|Select secret/);
  });

  afterAll(() => {
    expect(responses.length).toBeGreaterThan(50);
    for (const response of responses) {
      expect(response.headers.get('content-security-policy'), response.url).toContain("default-src 'none'");
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-robots-tag')).toContain('noindex');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
    }
  });
});
