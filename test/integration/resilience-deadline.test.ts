/**
 * The request deadline (`requestTimeoutSeconds`): a database that stops answering without
 * closing the connection, or a host call that never returns, must answer 503 in time instead
 * of hanging, while a download that streams for longer than the deadline is never cut.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DamHost } from '../../server-plugin/dam-host.js';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../helpers/databases.js';
import { createFakeDamHost } from '../helpers/fake-dam-host.js';
import { API, type PluginServer, type RequestOptions, startPluginServer, type TestResponse } from '../helpers/plugin-server.js';
import { connectThroughProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { eventually } from '../helpers/eventually.js';
import { captureLogger, failOnProcessErrors } from '../helpers/resilience-guards.js';

const OWNER = 'editor1:editor';
const DEADLINE_SECONDS = 2;

// An abandoned handler or a dropped connection must never surface as a process-level failure.
failOnProcessErrors();

async function share(instance: PluginServer<DamHost>, fields: Record<string, unknown> = {}): Promise<{ id: number; path: string; token: string }> {
  const created = await instance.request('POST', API, { user: OWNER, json: { title: 'Field trip', assetIds: ['a1'], allowDownload: true, ...fields } });
  expect(created.status).toBe(201);
  const path = new URL(created.json.url).pathname;
  return { id: created.json.id, path, token: path.split('/').at(-1)! };
}

/** One request that gives up well after the deadline, so a hang fails the test instead of stalling it. */
async function timed(instance: PluginServer<DamHost>, method: string, path: string, options: RequestOptions = {}): Promise<{ response: TestResponse; ms: number }> {
  const started = Date.now();
  const response = await instance.request(method, path, { ...options, signal: AbortSignal.timeout(DEADLINE_SECONDS * 1000 + 5000) });
  return { response, ms: Date.now() - started };
}

function expectDeadlineAnswers(owner: { response: TestResponse; ms: number }, gallery: { response: TestResponse; ms: number }): void {
  for (const { response, ms } of [owner, gallery]) {
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_SECONDS * 1000 - 100);
  }
  expect(owner.response.json).toEqual({ error: { code: 'unavailable', message: 'The request took too long; try again shortly.' } });
  expect(gallery.response.headers.get('content-type')).toMatch(/^text\/html/);
  expect(gallery.response.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(gallery.response.text).toContain('Temporarily unavailable');
}

describe.each(TEST_ENGINES.filter((engine) => engine === 'mysql'))('the %s server gone silent behind a frozen TCP proxy', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let proxiedKnex: Knex;
  let instance: PluginServer<DamHost>;
  let logger: ReturnType<typeof captureLogger>;

  beforeEach(async () => {
    logger = captureLogger();
    db = await createTestDatabase('mysql');
    // Longer than the deadline: the 503 must come from the deadline, not from a pool timeout.
    ({ proxy, knex: proxiedKnex } = await connectThroughProxy(db.url!, { acquireConnectionTimeout: 10_000 }));
    instance = await startPluginServer<DamHost>({ knex: proxiedKnex, silent: true, options: { logger, requestTimeoutSeconds: DEADLINE_SECONDS } });
  });
  afterEach(async () => {
    // A failed test may leave queries waiting on a frozen connection; let them finish first.
    proxy.restore();
    await instance.close();
    await proxiedKnex.destroy();
    await proxy.close();
    await db.destroy();
  });

  it('answers 503 at the deadline while queries go unanswered, and serves again once the server answers', async () => {
    const { id, path, token } = await share(instance);
    proxy.freeze();
    const [owner, gallery] = await Promise.all([timed(instance, 'GET', `${API}/${id}`, { user: OWNER }), timed(instance, 'GET', path)]);
    expectDeadlineAnswers(owner, gallery);
    // Silent, not cut: the connections the queries wait on are still open.
    expect(proxy.openConnections).toBeGreaterThan(0);
    // While the server stays silent, the timed-out queries give their pool connections back
    // (disposed, to be replaced), so they cannot starve the pool for as long as TCP waits.
    const pool = (proxiedKnex.client as { pool: { numUsed(): number; numPendingAcquires(): number } }).pool;
    await eventually(() => pool.numUsed() === 0, 'the frozen queries released their pool connections');

    proxy.restore();
    const after = await Promise.all([timed(instance, 'GET', `${API}/${id}`, { user: OWNER }), timed(instance, 'GET', path)]);
    expect(after.map(({ response }) => response.status)).toEqual([200, 200]);
    expect((await instance.request('PATCH', `${API}/${id}`, { user: OWNER, json: { title: 'Renamed' } })).json.title).toBe('Renamed');
    await eventually(() => pool.numUsed() + pool.numPendingAcquires() === 0, 'every connection is back in the pool');

    expect(logger.errors).toEqual([]);
    expect(logger.warnings.map(([message]) => message)).toEqual(expect.arrayContaining([
      `shared-collections: GET ${API}/${id} passed its ${DEADLINE_SECONDS} s deadline; answered 503`,
      `shared-collections: GET /s/<token> passed its ${DEADLINE_SECONDS} s deadline; answered 503`,
    ]));
    expect(JSON.stringify(logger.warnings)).not.toContain(token);
  });
});

describe('on sqlite: host calls that never return, and downloads slower than the deadline', () => {
  let instance: PluginServer<DamHost>;
  let logger: ReturnType<typeof captureLogger>;
  let hang: boolean;
  const contents = randomBytes(64 * 1024);

  /** Sends `bytes` in 5 chunks, 500 ms apart: 2.5 s for the whole, past a 2 s deadline. */
  const slowly = (bytes: Buffer) =>
    Readable.from((async function* () {
      const step = Math.ceil(bytes.length / 5);
      for (let start = 0; start < bytes.length; start += step) {
        await sleep(500);
        yield bytes.subarray(start, start + step);
      }
    })());

  beforeEach(async () => {
    logger = captureLogger();
    hang = false;
    const fake = createFakeDamHost();
    fake.addAsset('a1', contents);
    const never = new Promise<never>(() => undefined);
    const host: DamHost = {
      ...fake,
      currentUser: (ctx) => (hang ? never : fake.currentUser(ctx)),
      assetMetadata: (ids) => (hang ? never : fake.assetMetadata(ids)),
      // Without it, ZIPs too open each file through the slow openOriginal below.
      openableAssets: undefined,
      openOriginal: async (assetId, range) => {
        const opened = await fake.openOriginal(assetId, range);
        const bytes = range ? contents.subarray(range.start, range.end + 1) : contents;
        return opened && { ...opened, stream: slowly(bytes) };
      },
    };
    instance = await startPluginServer<DamHost>({ engine: 'sqlite', host, silent: true, options: { logger, requestTimeoutSeconds: DEADLINE_SECONDS } });
  });
  afterEach(() => instance.close());

  it('answers 503 at the deadline when the host never answers, and serves again once it does', async () => {
    const { path } = await share(instance);
    hang = true;
    const [owner, gallery] = await Promise.all([timed(instance, 'GET', `${API}/session`, { user: OWNER }), timed(instance, 'GET', path)]);
    expectDeadlineAnswers(owner, gallery);
    hang = false;
    expect((await instance.request('GET', `${API}/session`, { user: OWNER })).status).toBe(200);
    expect((await instance.request('GET', path)).status).toBe(200);
    expect(logger.errors).toEqual([]);
  });

  it('never cuts an original or a ZIP that streams for longer than the deadline', async () => {
    const { path } = await share(instance);
    const download = async (route: string) => {
      const started = Date.now();
      const response = await fetch(`${instance.baseUrl}${path}${route}`);
      const body = Buffer.from(await response.arrayBuffer());
      return { status: response.status, length: Number(response.headers.get('content-length')), body, ms: Date.now() - started };
    };
    const [original, zip] = await Promise.all([download('/assets/a1/original'), download('/download')]);
    expect(original.status).toBe(200);
    expect(original.body.equals(contents)).toBe(true);
    expect(original.ms).toBeGreaterThan(DEADLINE_SECONDS * 1000);
    expect(zip.status).toBe(200);
    expect(zip.body.length).toBe(zip.length);
    expect(zip.body.includes(contents)).toBe(true);
    expect(zip.ms).toBeGreaterThan(DEADLINE_SECONDS * 1000);
    expect(logger.warnings).toEqual([]);
    expect(instance.appErrors).toEqual([]);
  });
});
