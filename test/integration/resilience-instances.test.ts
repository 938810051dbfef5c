/**
 * Brute force across instances (issue 6, item 4): two plugin instances, each with its own
 * knex pool, on ONE MariaDB database, as behind a load balancer. The limits live in the
 * database, so an attacker gains nothing by spreading guesses over instances, while other
 * visitors still get in; the unlock cookie is stateless, so any instance honours it.
 * SQLite is embedded in one process, so this suite is MariaDB only.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKnex } from '../../demo/database.js';
import { hashPassword } from '../../server-plugin/passwords.js';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../helpers/databases.js';
import { createFakeDamHost } from '../helpers/fake-dam-host.js';
import { type PluginServer, startPluginServer, type TestResponse } from '../helpers/plugin-server.js';

const PASSWORD = 'right password';
const THROTTLE = { freeAttempts: 3, baseDelaySeconds: 60, maxDelaySeconds: 600, windowSeconds: 3600, probeLimit: 4 };
const ATTACKER = '203.0.113.66';
const unknownToken = () => randomBytes(24).toString('base64url');

// Under CI, helpers/databases.ts already fails every suite when MariaDB is not configured;
// a local run without it lists this suite as skipped, its name saying how to run it.
describe.runIf(TEST_ENGINES.includes('mysql'))('two instances on one MariaDB database (needs TEST_MYSQL_URL=mysql://root@127.0.0.1:3306/test)', () => {
  let db: TestDatabase;
  let secondKnex: Knex;
  let a: PluginServer;
  let b: PluginServer;
  let clockOffset = 0;
  const now = () => new Date(Date.now() + clockOffset);

  beforeEach(async () => {
    clockOffset = 0;
    db = await createTestDatabase('mysql');
    secondKnex = createKnex({ databaseUrl: db.url, dataDir: tmpdir() });
    // One catalog, as both instances would see the same DAM.
    const host = createFakeDamHost({ assetIds: ['a1', 'a2'] });
    a = await startPluginServer({ knex: db.knex, host, proxy: true, silent: true, now, options: { throttle: THROTTLE } });
    b = await startPluginServer({ knex: secondKnex, host, proxy: true, silent: true, now, options: { throttle: THROTTLE } });
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
    await secondKnex.destroy();
    await db.destroy();
  });

  async function share(fields: Record<string, unknown> = {}): Promise<string> {
    const created = await a.request('POST', '/api/shared-collections', {
      user: 'editor1:editor',
      json: { title: 'Board minutes', assetIds: ['a1', 'a2'], password: PASSWORD, ...fields },
    });
    expect(created.status).toBe(201);
    return new URL(created.json.url).pathname;
  }
  const unlock = (instance: PluginServer, path: string, password: string, clientIp: string) =>
    instance.request('POST', `${path}/unlock`, { form: { password }, clientIp });

  function expectRetryAfter(response: TestResponse): void {
    expect(response.status).toBe(429);
    const seconds = Number(response.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(THROTTLE.baseDelaySeconds);
  }

  it('counts failed unlocks spread over both instances like failures on one', async () => {
    const path = await share();
    const spread: number[] = [];
    const single: number[] = [];
    for (let i = 0; i < THROTTLE.freeAttempts + 2; i++) {
      spread.push((await unlock(i % 2 === 0 ? a : b, path, `guess ${i}`, ATTACKER)).status);
      single.push((await unlock(a, path, `guess ${i}`, '198.51.100.1')).status);
    }
    expect(spread).toEqual([401, 401, 401, 429, 429]);
    expect(spread).toEqual(single);
    expectRetryAfter(await unlock(a, path, 'again', ATTACKER));
    expectRetryAfter(await unlock(b, path, 'again', ATTACKER));
    // Inside the back-off even the right password is refused: a lucky guess gains nothing.
    expectRetryAfter(await unlock(b, path, PASSWORD, ATTACKER));

    const visitor = await unlock(b, path, PASSWORD, '192.0.2.10');
    expect(visitor.status).toBe(303);
    const gallery = await a.request('GET', path, { cookie: visitor.cookie, clientIp: '192.0.2.10' });
    expect(gallery.status).toBe(200);
    expect(gallery.text).toContain('Board minutes');
  });

  it('lets a parallel burst of guesses over both instances check no more passwords than the allowance', async () => {
    const path = await share();
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => unlock(i % 2 === 0 ? a : b, path, `guess ${i}`, ATTACKER)));
    const statuses = burst.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(THROTTLE.freeAttempts);
    // The rest wait out the back-off (429) or were refused by a busy bcrypt limiter (503) unchecked.
    expect(statuses.filter((status) => status !== 401 && status !== 429 && status !== 503)).toEqual([]);
  });

  it('counts only the guesses it checked when many addresses guess at once over both instances', async () => {
    const path = await share();
    // A realistic bcrypt cost, so the simultaneous checks overflow each instance's bcrypt limiter.
    await db.knex('sc_collections').update({ password_hash: await hashPassword(PASSWORD, 10) });
    const address = (i: number) => `198.51.100.${i + 10}`;
    const guesses = await Promise.all(Array.from({ length: 40 }, (_, i) => unlock(i % 2 === 0 ? a : b, path, `guess ${i}`, address(i))));
    expect(guesses.map((response) => response.status).filter((status) => status !== 401 && status !== 503)).toEqual([]);
    // Busy refusals are the point; on a loaded machine a guess the limiter admitted may also meet
    // the request deadline (503 too, but possibly checked), so the retries below use a busy one.
    const refused = guesses.findIndex((response) => response.status === 503 && response.text.includes('The server is busy checking passwords'));
    expect(refused, 'no guess was refused by a busy bcrypt limiter').toBeGreaterThanOrEqual(0);
    // A guess refused as busy was never checked, so it costs that address none of its allowance.
    for (let i = 0; i < THROTTLE.freeAttempts; i++) expect((await unlock(a, path, `retry ${i}`, address(refused))).status).toBe(401);
    expect((await unlock(b, path, PASSWORD, '192.0.2.40')).status).toBe(303);
    // Password checks run at the lowest priority: with every core busy elsewhere they take
    // seconds each (as designed), so the limit only stops a run that hangs.
  }, 300_000);

  it('honours an unlock made on one instance on the other, and only with the shared keys', async () => {
    const path = await share();
    const unlocked = await unlock(a, path, PASSWORD, '192.0.2.20');
    expect(unlocked.status).toBe(303);
    expect(unlocked.cookie).toMatch(/^sc_access=/);
    for (const route of [path, `${path}/data.json`, `${path}/assets/a2/thumbnail`]) {
      expect((await b.request('GET', route, { cookie: unlocked.cookie })).status, route).toBe(200);
    }
    const foreign = await startPluginServer({
      knex: secondKnex,
      host: createFakeDamHost({ assetIds: ['a1', 'a2'] }),
      proxy: true,
      silent: true,
      migrate: false,
      options: { keys: ['another-key'] },
    });
    try {
      const refused = await foreign.request('GET', path, { cookie: unlocked.cookie });
      expect(refused.status).toBe(401);
      expect(refused.text).not.toContain('Board minutes');
    } finally {
      await foreign.close();
    }
  });

  it('does not count visits to an expired link as attacks', async () => {
    const expiring = await share({ expiresAt: new Date(now().getTime() + 3600_000).toISOString() });
    const locked = await share();
    clockOffset = 2 * 3600_000;
    for (let i = 0; i < 3 * THROTTLE.probeLimit; i++) {
      const instance = i % 2 === 0 ? a : b;
      expect((await instance.request('GET', expiring, { clientIp: ATTACKER })).status).toBe(410);
      expect((await unlock(instance, expiring, `guess ${i}`, ATTACKER)).status).toBe(410);
    }
    // The address is no prober and has its full allowance of guesses elsewhere.
    expect((await b.request('GET', `/s/${unknownToken()}`, { clientIp: ATTACKER })).status).toBe(404);
    for (let i = 0; i < THROTTLE.freeAttempts; i++) expect((await unlock(a, locked, `guess ${i}`, ATTACKER)).status).toBe(401);
  });

  it('limits unknown-token probes from one address across both instances', async () => {
    const path = await share({ password: undefined });
    const statuses: number[] = [];
    for (let i = 0; i < THROTTLE.probeLimit + 2; i++) {
      statuses.push((await (i % 2 === 0 ? a : b).request('GET', `/s/${unknownToken()}/data.json`, { clientIp: ATTACKER })).status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
    for (const instance of [a, b]) {
      const refused = await instance.request('GET', `/s/${unknownToken()}`, { clientIp: ATTACKER });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await b.request('GET', `/s/${unknownToken()}`, { clientIp: '192.0.2.30' })).status).toBe(404);
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).request('GET', `/s/${unknownToken()}`, { clientIp: '192.0.2.31' })),
    );
    expect(burst.filter((response) => response.status === 404)).toHaveLength(THROTTLE.probeLimit);
    expect(burst.filter((response) => response.status === 429)).toHaveLength(burst.length - THROTTLE.probeLimit);
    // A real link keeps working for the address that probed: only guessing is slowed down.
    expect((await a.request('GET', path, { clientIp: ATTACKER })).status).toBe(200);
  });
});
