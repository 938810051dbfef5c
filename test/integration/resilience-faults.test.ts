/**
 * Faults (issue 6, item 5): the database dropping off the network and coming back, clients
 * walking away from ZIP downloads at random points, and a DAM whose files go missing or whose
 * renditions fail. Every answer must be a clear one (503 with the documented error, 404, an
 * in-archive list), never a 500, a hang, a crash or a leaked file handle.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Database from 'better-sqlite3';
import knexFactory, { type Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../helpers/databases.js';
import { API, type PluginServer, startPluginServer, type TestResponse } from '../helpers/plugin-server.js';
import { createDiskDamHost, type DiskDamHost } from '../helpers/resilience-disk-host.js';
import { createSeededRandom } from '../helpers/seeded-random.js';
import { connectThroughProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { captureLogger, failOnProcessErrors } from '../helpers/resilience-guards.js';
import { inspectWithPython } from './zip-fixtures.js';

const OWNER = 'editor1:editor';

// An abandoned handler or a dropped connection must never surface as a process-level failure.
failOnProcessErrors();

function newDiskHost(): DiskDamHost {
  return createDiskDamHost(path.join(tmpdir(), `sc-resilience-${randomBytes(6).toString('hex')}`));
}

async function share(instance: PluginServer<DiskDamHost>, assetIds: string[], fields: Record<string, unknown> = {}): Promise<{ id: number; path: string }> {
  const created = await instance.request('POST', API, { user: OWNER, json: { title: 'Field trip', assetIds, allowDownload: true, ...fields } });
  expect(created.status).toBe(201);
  return { id: created.json.id, path: new URL(created.json.url).pathname };
}

describe.each(TEST_ENGINES.filter((engine) => engine === 'mysql'))('the %s connection cut by a TCP proxy', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let proxiedKnex: Knex;
  let host: DiskDamHost;
  let instance: PluginServer<DiskDamHost>;
  let logger: ReturnType<typeof captureLogger>;

  beforeEach(async () => {
    logger = captureLogger();
    db = await createTestDatabase('mysql');
    // Short, so an outage answers within a few seconds instead of knex's default minute.
    ({ proxy, knex: proxiedKnex } = await connectThroughProxy(db.url!, { acquireConnectionTimeout: 2000 }));
    host = newDiskHost();
    for (const id of ['a1', 'a2']) host.addFile(id, `${id}.jpg`, randomBytes(4096));
    instance = await startPluginServer({ knex: proxiedKnex, host, proxy: true, silent: true, options: { logger } });
  });
  afterEach(async () => {
    await instance.close();
    await proxiedKnex.destroy();
    await proxy.close();
    await db.destroy();
    host.destroy();
  });

  it('answers every request with 503 and the documented error while cut off, and serves again once restored', async () => {
    const { id, path: base } = await share(instance, ['a1', 'a2']);
    const locked = await share(instance, ['a1'], { password: 'secret' });
    const calls: [string, string, Parameters<PluginServer<DiskDamHost>['request']>[2]][] = [
      ['GET', API, { user: OWNER }],
      ['POST', API, { user: OWNER, json: { title: 'During the outage', assetIds: ['a1'] } }],
      ['GET', `${API}/${id}`, { user: OWNER }],
      ['PATCH', `${API}/${id}`, { user: OWNER, json: { title: 'Renamed' } }],
      ['PATCH', `${API}/${id}/assets`, { user: OWNER, json: { remove: ['a2'] } }],
      ['GET', base, {}],
      ['GET', `${base}/data.json`, {}],
      ['GET', `${base}/assets/a1/thumbnail`, {}],
      ['GET', `${base}/assets/a1/original`, {}],
      ['GET', `${base}/download`, {}],
      ['POST', `${locked.path}/unlock`, { form: { password: 'wrong' } }],
    ];
    const timed = async ([method, route, options]: (typeof calls)[number]) => ({ route: `${method} ${route}`, response: await instance.request(method, route, options) });

    proxy.sever();
    const during = await Promise.all(calls.map(timed));
    // Every one is answered (not left hanging): the pool's 2 s acquire timeout, then 503.
    for (const { route, response } of during) {
      expect(response.status, route).toBe(503);
      expect(response.headers.get('retry-after'), route).toBe('5');
      if (route.includes(API) || route.endsWith('data.json')) {
        expect(response.json, route).toEqual({ error: { code: 'unavailable', message: expect.stringMatching(/unavailable/i) } });
      } else {
        expect(response.headers.get('content-type'), route).toMatch(/^text\/html/);
        expect(response.text, route).toContain('Temporarily unavailable');
      }
    }

    proxy.restore();
    const after = await Promise.all(calls.map(timed));
    expect(after.map(({ route, response }) => `${route} ${response.status}`)).toEqual(
      calls.map(([method, route], i) => `${method} ${route} ${[200, 201, 200, 200, 200, 200, 200, 200, 200, 200, 401][i]}`),
    );
    expect(logger.errors).toEqual([]);
    expect(logger.warnings.length).toBeGreaterThan(0);
  });

  it('answers only successes or 503s when the cut comes in the middle of a burst', async () => {
    const { id, path: base } = await share(instance, ['a1', 'a2']);
    let answered = 0;
    const burst = Array.from({ length: 40 }, async (_, i) => {
      const response = await (i % 2 === 0 ? instance.request('GET', `${API}/${id}`, { user: OWNER }) : instance.request('GET', `${base}/data.json`));
      // The cut lands while the rest of the burst is queued or on the wire.
      if (++answered === 10) proxy.sever();
      return response.status;
    });
    const statuses = await Promise.all(burst);
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(10);
    proxy.restore();
    expect((await instance.request('GET', `${API}/${id}`, { user: OWNER })).status).toBe(200);
    expect(logger.errors).toEqual([]);
  });
});

// SQLite has no connection to cut: its outage is another process holding the write lock
// past the busy timeout (SQLITE_BUSY). better-sqlite3 waits synchronously, so the timeout is short.
describe.each(TEST_ENGINES.filter((engine) => engine === 'sqlite'))('the %s file locked by another process', () => {
  let db: TestDatabase;
  let pluginKnex: Knex;
  let blocker: Database.Database;
  let host: DiskDamHost;
  let instance: PluginServer<DiskDamHost>;
  let logger: ReturnType<typeof captureLogger>;

  beforeEach(async () => {
    logger = captureLogger();
    db = await createTestDatabase('sqlite');
    pluginKnex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: db.filename! },
      useNullAsDefault: true,
      pool: {
        afterCreate(connection: Database.Database, done: (error: Error | null) => void) {
          connection.pragma('journal_mode = WAL');
          connection.pragma('busy_timeout = 300');
          done(null);
        },
      },
    });
    host = newDiskHost();
    host.addFile('a1', 'a1.jpg', randomBytes(1024));
    instance = await startPluginServer({ knex: pluginKnex, host, proxy: true, silent: true, options: { logger } });
    blocker = new Database(db.filename!);
  });
  afterEach(async () => {
    blocker.close();
    await instance.close();
    await pluginKnex.destroy();
    await db.destroy();
    host.destroy();
  });

  it('answers 503 to writes while locked, keeps serving reads, and writes again once released', async () => {
    const { id } = await share(instance, ['a1']);
    const locked = await share(instance, ['a1'], { password: 'secret' });
    blocker.exec('BEGIN IMMEDIATE');
    const create = await instance.request('POST', API, { user: OWNER, json: { title: 'While locked', assetIds: ['a1'] } });
    expect(create.status).toBe(503);
    expect(create.json).toEqual({ error: { code: 'unavailable', message: expect.stringMatching(/unavailable/i) } });
    expect(create.headers.get('retry-after')).toBe('5');
    expect((await instance.request('PATCH', `${API}/${id}`, { user: OWNER, json: { title: 'Renamed' } })).status).toBe(503);
    const unlock = await instance.request('POST', `${locked.path}/unlock`, { form: { password: 'wrong' } });
    expect(unlock.status).toBe(503);
    expect(unlock.text).toContain('Temporarily unavailable');
    // Readers are not blocked by a writer in WAL mode.
    expect((await instance.request('GET', `${API}/${id}`, { user: OWNER })).json.title).toBe('Field trip');

    blocker.exec('ROLLBACK');
    expect((await instance.request('PATCH', `${API}/${id}`, { user: OWNER, json: { title: 'Renamed' } })).json.title).toBe('Renamed');
    expect((await instance.request('POST', `${locked.path}/unlock`, { form: { password: 'secret' } })).status).toBe(303);
    expect(logger.errors).toEqual([]);
  });
});

/** Checks a downloaded archive with Python's zipfile (an independent reader). */
async function inspectZip(response: Response) {
  const zipPath = path.join(tmpdir(), `sc-resilience-${randomBytes(6).toString('hex')}.zip`);
  writeFileSync(zipPath, Buffer.from(await response.arrayBuffer()));
  try {
    return await inspectWithPython(zipPath);
  } finally {
    rmSync(zipPath, { force: true });
  }
}

/** Open file descriptors of this process (server and clients alike). */
function openDescriptors(): number {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    throw new Error('Counting open file descriptors needs Linux (/proc/self/fd); run this suite on Linux, as CI does.');
  }
}

/** `global.gc`, without restarting the worker with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** GETs `url` and drops the connection after `stopAt` body bytes; resolves with the status and the bytes seen. */
function downloadUntil(url: string, stopAt: number, rangeStart?: number): Promise<{ status: number; received: number }> {
  return new Promise((resolve) => {
    let status = 0;
    let received = 0;
    const headers: Record<string, string> = rangeStart === undefined ? {} : { range: `bytes=${rangeStart}-` };
    const request = http.get(url, { agent: false, headers }, (response) => {
      status = response.statusCode ?? 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received >= stopAt) request.destroy();
      });
      // Errors here are the point of the exercise: this client is the one walking away.
      response.on('error', () => undefined);
    });
    request.on('error', () => undefined);
    request.on('close', () => resolve({ status, received }));
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; ) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

describe('ZIP downloads abandoned at random points (sqlite: file handles and memory do not depend on the engine)', () => {
  let host: DiskDamHost;
  let instance: PluginServer<DiskDamHost>;

  beforeEach(async () => {
    host = newDiskHost();
    host.addFile('big1', 'big one.jpg', randomBytes(1536 * 1024));
    host.addFile('big2', 'big two.jpg', randomBytes(1024 * 1024));
    for (let i = 0; i < 10; i++) host.addFile(`small${i}`, `small ${i}.jpg`, randomBytes(64 * 1024));
    instance = await startPluginServer({ engine: 'sqlite', host, proxy: true, silent: true });
  });
  afterEach(async () => {
    await instance.close();
    host.destroy();
  });

  it('releases every file handle and the memory of 200 abandoned downloads (seed 5)', async () => {
    const { path: base } = await share(instance, [...host.catalog.keys()]);
    const url = `${instance.baseUrl}${base}/download`;
    const size = Number((await fetch(url, { method: 'HEAD' })).headers.get('content-length'));
    expect(size).toBeGreaterThan(3 * 1024 * 1024);
    for (let i = 0; i < 5; i++) await downloadUntil(url, size / (i + 2));
    expect(await waitFor(() => host.openStreams === 0, 3000)).toBe(true);
    collectGarbage();
    const baseline = { descriptors: openDescriptors(), heap: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss };

    const random = createSeededRandom(5);
    let busiest = 0;
    const jobs = Array.from({ length: 200 }, (_, i) => {
      // Every fourth one resumes from a random point, as a browser's download manager does.
      const rangeStart = i % 4 === 3 ? random.int(size) : undefined;
      return { stopAt: 1 + random.int(size - (rangeStart ?? 0)), rangeStart };
    });
    const statuses = new Set<number>();
    const worker = async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        statuses.add((await downloadUntil(url, job.stopAt, job.rangeStart)).status);
        busiest = Math.max(busiest, host.openStreams);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect([...statuses].sort()).toEqual([200, 206]);

    // Proves the measurement: the downloads were still reading files when their clients left.
    expect(busiest).toBeGreaterThan(0);
    // Koa reports each response cut short; nothing else may have gone wrong.
    const clientGone = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE']);
    expect(instance.appErrors.filter((error) => !clientGone.has(error.code ?? ''))).toEqual([]);
    const released = await waitFor(() => host.openStreams === 0 && openDescriptors() <= baseline.descriptors, 3000);
    expect(released, `${host.openStreams} files open, ${openDescriptors()} descriptors (baseline ${baseline.descriptors})`).toBe(true);
    collectGarbage();
    expect(process.memoryUsage().heapUsed - baseline.heap).toBeLessThan(16 * 1024 * 1024);
    expect(process.memoryUsage().rss - baseline.rss).toBeLessThan(96 * 1024 * 1024);

    // And the server still sends the whole archive, intact.
    const report = await inspectZip(await fetch(url));
    expect(report.firstBad).toBeNull();
    expect(report.entries).toHaveLength(12);
  });
});

describe.each(TEST_ENGINES)('a DAM losing files, on %s', (engine) => {
  let host: DiskDamHost;
  let instance: PluginServer<DiskDamHost>;
  let logger: ReturnType<typeof captureLogger>;

  beforeEach(async () => {
    logger = captureLogger();
    host = newDiskHost();
    for (const id of ['ok1', 'ok2', 'nofile', 'removed', 'badthumb']) host.addFile(id, `${id}.jpg`, randomBytes(2048));
    instance = await startPluginServer({ engine, host, proxy: true, silent: true, options: { logger } });
  });
  afterEach(async () => {
    await instance.close();
    host.destroy();
  });

  it('answers 503, not 404, while the host cannot reach its own database for a file', async () => {
    const { path: base } = await share(instance, ['ok1']);
    const outage = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' }));
    host.openRendition = outage;
    host.openOriginal = outage;
    for (const route of ['/assets/ok1/thumbnail', '/assets/ok1/preview', '/assets/ok1/original']) {
      const answer = await instance.request('GET', `${base}${route}`);
      expect([route, answer.status, answer.headers.get('retry-after')]).toEqual([route, 503, '5']);
      expect(answer.text).toContain('Temporarily unavailable');
    }
  });

  it('answers clearly for a file missing on disk, an asset removed from the catalog and a failing rendition', async () => {
    const { path: base } = await share(instance, ['ok1', 'ok2', 'nofile', 'removed', 'badthumb']);
    host.unlinkOriginal('nofile');
    host.catalog.delete('removed');
    host.failingRenditions.add('badthumb');
    const get = (route: string) => instance.request('GET', `${base}${route}`);

    const page = await get('');
    expect(page.status).toBe(200);
    for (const name of ['ok1.jpg', 'ok2.jpg', 'nofile.jpg', 'badthumb.jpg']) expect(page.text).toContain(name);
    expect(page.text).not.toContain('removed.jpg');
    const data = await get('/data.json');
    expect(data.json.assets.map((asset: { id: string }) => asset.id)).toEqual(['ok1', 'ok2', 'nofile', 'badthumb']);

    const answers: Record<string, TestResponse> = {};
    for (const route of ['/assets/ok1/thumbnail', '/assets/badthumb/thumbnail', '/assets/removed/thumbnail', '/assets/ok1/original', '/assets/nofile/original', '/assets/removed/original']) {
      answers[route] = await get(route);
    }
    expect(Object.fromEntries(Object.entries(answers).map(([route, response]) => [route, response.status]))).toEqual({
      '/assets/ok1/thumbnail': 200,
      '/assets/badthumb/thumbnail': 404,
      '/assets/removed/thumbnail': 404,
      '/assets/ok1/original': 200,
      '/assets/nofile/original': 404,
      '/assets/removed/original': 404,
    });
    expect(answers['/assets/nofile/original']!.text).toContain('This file is no longer available.');
    // The host's trouble reaches its operators as warnings naming the file, not as bugs.
    expect(logger.warnings.map(([message]) => message)).toEqual([
      expect.stringContaining('thumbnail of asset badthumb'),
      expect.stringContaining('original of asset nofile'),
    ]);

    // The ZIP is laid out from the catalog, which still lists nofile: the first download is cut
    // where nofile's bytes should begin (the client sees a failed download, never a wrong one),
    // and the retry, a different archive with another ETag, lists it as unavailable.
    const cut = await fetch(`${instance.baseUrl}${base}/download`);
    expect(cut.status).toBe(200);
    await expect(cut.arrayBuffer()).rejects.toThrow();
    const zip = await fetch(`${instance.baseUrl}${base}/download`);
    expect(zip.status).toBe(200);
    expect(zip.headers.get('etag')).not.toBe(cut.headers.get('etag'));
    const report = await inspectZip(zip);
    expect(report.firstBad).toBeNull();
    expect(report.entries.map((entry) => entry.name)).toEqual(['ok1.jpg', 'ok2.jpg', 'badthumb.jpg', '_unavailable-files.txt']);
    const list = 'These files could not be read when the archive was made:\nnofile.jpg (could not be read)\n';
    expect(report.entries.at(-1)!.sha256).toBe(createHash('sha256').update(list).digest('hex'));

    expect(await waitFor(() => host.openStreams === 0, 3000)).toBe(true);
    expect(logger.warnings.slice(2).map(([message]) => JSON.parse(message as string))).toEqual([{
      event: 'zip_cut',
      collectionId: expect.any(Number),
      reason: 'asset nofile changed or vanished while its ZIP was streaming (unreadable)',
    }]);
    expect(logger.errors).toEqual([]);
    // Koa reports the one response cut short, as it does for any client that leaves.
    expect(instance.appErrors.map((error) => error.code)).toEqual(['ERR_STREAM_PREMATURE_CLOSE']);
  });
});
