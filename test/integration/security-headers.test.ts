/**
 * Headers, cookies and logs, on every engine, with the plugin mounted on a bare Koa app
 * behind a TLS-terminating proxy (`proxy: true`) at a non-default public prefix:
 * every public response carries the DESIGN.md headers, the owner API grants no CORS even to
 * a preflight, the unlock cookie is HttpOnly, SameSite=Lax, scoped to the prefix and Secure
 * over https, and no token or password reaches a log line, even when the database breaks.
 */
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSharedCollections } from '../../server-plugin/index.js';
import { CONTENT_SECURITY_POLICY } from '../../server-plugin/public/security-headers.js';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../helpers/databases.js';
import { createFakeDamHost, TEST_USER_HEADER } from '../helpers/fake-dam-host.js';

const API = '/api/shared-collections';
const PREFIX = '/links/shared';
const EDITOR = { [TEST_USER_HEADER]: 'editor1:editor' };
const PASSWORD = 'horse battery staple';
const NEW_PASSWORD = 'correct horse 2';
const WRONG_PASSWORD = 'wrong guess 12345';

describe.each(TEST_ENGINES)('headers, cookies and logs on %s', (engine) => {
  let db: TestDatabase;
  let origin: string;
  let close: () => Promise<void>;
  // The plugin's clock stands still but for what a test moves it, so a 1 s back-off cannot run
  // out between two requests on a slow machine.
  const clockStart = Date.now();
  let clockOffset = 0;
  const logLines: string[] = [];
  const consoleLines: string[] = [];
  const tokens: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    const record = (...args: unknown[]) => logLines.push(args.map((arg) => inspect(arg, { depth: 6 })).join(' '));
    const plugin = createSharedCollections({
      knex: db.knex,
      host: createFakeDamHost({ assetIds: ['a1', 'a2'] }),
      publicPrefix: PREFIX,
      keys: ['headers-test-key'],
      bcryptRounds: 4,
      now: () => new Date(clockStart + clockOffset),
      throttle: { freeAttempts: 1 },
      logger: { warn: record, error: record },
    });
    await plugin.migrate();
    const app = new Koa({ proxy: true });
    plugin.mount(app);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.destroy();
    };
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleLines.push(args.map((arg) => inspect(arg, { depth: 6 })).join(' '));
      });
    }
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await close();
  });

  /** Each test visits from its own address, so one test's failed unlocks never throttle another's. */
  const call = (path: string, init: RequestInit & { ip?: string } = {}) => {
    const headers = new Headers(init.headers);
    headers.set('X-Forwarded-For', init.ip ?? '198.51.100.7');
    return fetch(`${origin}${path}`, { redirect: 'manual', ...init, headers });
  };
  const unlock = (base: string, password: string, init: RequestInit & { ip?: string } = {}) =>
    call(`${base}/unlock`, { method: 'POST', body: new URLSearchParams({ password }), ...init });

  async function share(body: Record<string, unknown>): Promise<{ id: number; base: string }> {
    const response = await call(API, {
      method: 'POST',
      headers: { ...EDITOR, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Headers', assetIds: ['a1', 'a2'], allowDownload: true, ...body }),
    });
    expect(response.status).toBe(201);
    const { id, url } = (await response.json()) as { id: number; url: string };
    const base = new URL(url).pathname;
    tokens.push(base.split('/').pop()!);
    return { id, base };
  }

  it('sends the security headers on every public response, errors and static files included', async () => {
    const open = await share({});
    const locked = await share({ password: PASSWORD });
    const closed = await share({ allowDownload: false });
    const expiring = await share({ expiresAt: new Date(clockStart + clockOffset + 60_000).toISOString() });
    const etag = (await call(`${PREFIX}/_assets/gallery.css`)).headers.get('etag')!;
    const ip = '198.51.100.20';
    const checks: [string, number, () => Promise<Response>][] = [
      ['gallery', 200, () => call(open.base)],
      ['data.json', 200, () => call(`${open.base}/data.json`)],
      ['thumbnail', 200, () => call(`${open.base}/assets/a1/thumbnail`)],
      ['preview', 200, () => call(`${open.base}/assets/a1/preview`)],
      ['original', 200, () => call(`${open.base}/assets/a1/original`)],
      ['original range', 206, () => call(`${open.base}/assets/a1/original`, { headers: { range: 'bytes=0-3' } })],
      ['original bad range', 416, () => call(`${open.base}/assets/a1/original`, { headers: { range: 'bytes=999999-' } })],
      ['zip', 200, () => call(`${open.base}/download`)],
      ['stylesheet', 200, () => call(`${PREFIX}/_assets/gallery.css`)],
      ['script', 200, () => call(`${PREFIX}/_assets/gallery.js`)],
      // As a browser revalidates its copy: fetch() would add `Cache-Control: no-cache`, a reload.
      ['stylesheet not modified', 304, () => call(`${PREFIX}/_assets/gallery.css`, { headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } })],
      ['unknown static file', 404, () => call(`${PREFIX}/_assets/..%2f..%2fpackage.json`)],
      ['unknown token', 404, () => call(`${PREFIX}/${'Z'.repeat(32)}`)],
      ['no such route', 404, () => call(`${open.base}/nothing/here`)],
      ['bad page number', 400, () => call(`${open.base}/data.json?page=0`)],
      ['password page', 401, () => call(locked.base)],
      ['locked data.json', 401, () => call(`${locked.base}/data.json`)],
      ['wrong password', 401, () => unlock(locked.base, WRONG_PASSWORD, { ip })],
      ['too many attempts', 429, () => unlock(locked.base, WRONG_PASSWORD, { ip })],
      ['unlocked', 303, () => unlock(locked.base, PASSWORD)],
      ['oversized form', 413, () => unlock(locked.base, 'x'.repeat(10_000))],
      ['downloads off', 403, () => call(`${closed.base}/assets/a1/original`)],
    ];
    for (const [name, status, send] of checks) expectSecurityHeaders(name, status, await send());
    clockOffset += 61_000;
    expectSecurityHeaders('expired', 410, await call(expiring.base));
    expectSecurityHeaders('expired zip', 410, await call(`${expiring.base}/download`));
  });

  it('never grants CORS on the owner API, not even to a preflight', async () => {
    const { id } = await share({});
    const evil = 'https://evil.example';
    const paths = [`${API}/session`, API, `${API}/memberships?assetIds=a1`, `${API}/${id}`, `${API}/${id}/assets`];
    for (const path of paths) {
      for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
        const preflight = await call(path, {
          method: 'OPTIONS',
          headers: { ...EDITOR, origin: evil, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' },
        });
        expect(corsHeaders(preflight), `OPTIONS ${path} for ${method}`).toEqual([]);
        expect(preflight.status, `OPTIONS ${path}`).toBeGreaterThanOrEqual(400);
      }
      const read = await call(path, { headers: { ...EDITOR, origin: evil } });
      expect(corsHeaders(read), `GET ${path}`).toEqual([]);
      const write = await call(path, { method: 'PATCH', headers: { ...EDITOR, origin: evil, 'content-type': 'application/json' }, body: '{"title":"x"}' });
      expect(write.status, `cross-site PATCH ${path}`).toBe(403);
      expect(corsHeaders(write)).toEqual([]);
    }
  });

  it('sets the unlock cookie HttpOnly, SameSite=Lax, on the public prefix, and Secure over https', async () => {
    const { base } = await share({ password: PASSWORD });
    const plain = cookieAttributes(await unlock(base, PASSWORD));
    expect(plain).toMatchObject({ httponly: true, samesite: 'lax', path: PREFIX });
    expect(plain.secure).toBeUndefined();
    const tls = cookieAttributes(await unlock(base, PASSWORD, { headers: { 'x-forwarded-proto': 'https' } }));
    expect(tls).toMatchObject({ httponly: true, samesite: 'lax', path: PREFIX, secure: true });
  });

  it('never writes a token or a password to a log line, even when the database breaks', async () => {
    const { id, base } = await share({ password: PASSWORD });
    await unlock(base, WRONG_PASSWORD, { ip: '198.51.100.30' });
    await unlock(base, WRONG_PASSWORD, { ip: '198.51.100.30' });
    await unlock(base, PASSWORD, { ip: '198.51.100.31' });
    await call(`${PREFIX}/${'Q'.repeat(32)}/data.json`);
    const patched = await call(`${API}/${id}`, { method: 'PATCH', headers: { ...EDITOR, 'content-type': 'application/json' }, body: JSON.stringify({ password: NEW_PASSWORD }) });
    expect(patched.status).toBe(200);
    // A migration gone wrong: every query on the collections table now fails with its SQL in the message.
    await db.knex.schema.renameTable('sc_collections', 'sc_collections_moved');
    try {
      const broken = [
        await call(base),
        await call(`${base}/data.json`),
        await unlock(base, NEW_PASSWORD),
        await call(API, { method: 'POST', headers: { ...EDITOR, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'T', password: PASSWORD, assetIds: ['a1'] }) }),
        await call(`${API}/${id}`, { method: 'PATCH', headers: { ...EDITOR, 'content-type': 'application/json' }, body: JSON.stringify({ password: NEW_PASSWORD }) }),
      ];
      expect(broken.map((response) => response.status)).toEqual([500, 500, 500, 500, 500]);
    } finally {
      await db.knex.schema.renameTable('sc_collections_moved', 'sc_collections');
    }
    const lines = [...logLines, ...consoleLines];
    expect(logLines.length, 'the failures were logged').toBeGreaterThanOrEqual(5);
    for (const line of lines) {
      for (const secret of [...tokens, PASSWORD, NEW_PASSWORD, WRONG_PASSWORD]) {
        expect(line.includes(secret), `a log line holds "${secret}":\n${line.slice(0, 600)}`).toBe(false);
      }
      expect(line).not.toMatch(/\$2[aby]\$\d{2}\$/);
    }
  });
});

function expectSecurityHeaders(name: string, status: number, response: Response): void {
  expect(response.status, name).toBe(status);
  expect(response.headers.get('content-security-policy'), name).toBe(CONTENT_SECURITY_POLICY);
  expect(response.headers.get('referrer-policy'), name).toBe('no-referrer');
  expect(response.headers.get('x-robots-tag'), name).toMatch(/\bnoindex\b/);
  expect(response.headers.get('x-content-type-options'), name).toBe('nosniff');
}

function corsHeaders(response: Response): string[] {
  return [...response.headers.keys()].filter((header) => header.startsWith('access-control-'));
}

function cookieAttributes(response: Response): Record<string, string | true> {
  const header = response.headers.get('set-cookie');
  expect(header, 'an unlock sets the cookie').toBeTruthy();
  const [, ...attributes] = header!.split(';').map((part) => part.trim());
  return Object.fromEntries(
    attributes.map((attribute) => {
      const [key, value] = attribute.split('=');
      return [key!.toLowerCase(), value ?? true];
    }),
  );
}
