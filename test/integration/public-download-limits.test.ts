/**
 * Running downloads over real HTTP, on every engine: one client cannot flood the server with
 * downloads (the rest are refused before anything is read for them, other links stay served), and revoking a link, or
 * the files in it, on one instance cuts the downloads another instance is streaming, reading
 * nothing more from the host.
 */
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Collection } from '../../server-plugin/store/types.js';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../helpers/databases.js';
import { eventually } from '../helpers/eventually.js';
import { createFakeDamHost, type FakeDamHost } from '../helpers/fake-dam-host.js';
import { type PluginServer, startPluginServer } from '../helpers/plugin-server.js';

const CHUNK = 64 * 1024;
/** Far more than sockets buffer, so a client that stops reading holds the download open. */
const BIG = 64 * 1024 * 1024;

/** A host whose originals are made chunk by chunk as they are read, and which keeps every stream it opened. */
function streamingHost(): FakeDamHost & { opened: Readable[] } {
  const host = createFakeDamHost({ assetIds: ['small1', 'small2'] }) as FakeDamHost & { opened: Readable[] };
  host.addAsset('big', Buffer.alloc(0), 'big.bin').meta.size = BIG;
  host.opened = [];
  const open = host.openOriginal;
  host.openOriginal = async (id, range) => {
    if (id !== 'big') return open(id, range);
    let left = range ? range.end - range.start + 1 : BIG;
    const stream = new Readable({
      read() {
        const size = Math.min(CHUNK, left);
        left -= size;
        this.push(size > 0 ? Buffer.alloc(size, 7) : null);
      },
    });
    host.opened.push(stream);
    return { stream, size: BIG, mime: 'application/octet-stream' };
  };
  return host;
}

/**
 * Reads the first bytes of a download, then stops reading, as a slow client does. A client that
 * is not reading cannot see its connection close, so `drain()` reads the rest once the server
 * has cut it, and says whether the body ended complete or cut short.
 */
function startSlowReader(response: Response): { started: Promise<unknown>; drain(): Promise<'complete' | 'cut'> } {
  const reader = response.body!.getReader();
  const length = Number(response.headers.get('content-length'));
  const started = reader.read();
  return {
    started,
    async drain() {
      let received = ((await started) as ReadableStreamReadResult<Uint8Array>).value?.length ?? 0;
      try {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received += chunk.value.length;
      } catch {
        return 'cut';
      }
      return received === length ? 'complete' : 'cut';
    },
  };
}

/** Each of these waits for a poll of the other instance; the limit only stops a run that would hang. */
const REVOCATION_TEST_TIMEOUT_MS = 120_000;

describe.each(TEST_ENGINES)('running downloads on %s', (engine) => {
  let database: TestDatabase;
  let a: PluginServer<ReturnType<typeof streamingHost>>;
  let b: PluginServer<ReturnType<typeof streamingHost>>;
  let collection: Collection;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    const host = streamingHost();
    a = await startPluginServer({ knex: database.knex, host, proxy: true, options: { downloads: { perAddress: 8, total: 20 } } });
    b = await startPluginServer({ knex: database.knex, host, proxy: true, migrate: false });
    collection = await a.plugin.collections.create({
      token: 'D'.repeat(32), title: 'Big', description: '', isPublic: true, passwordHash: null, expiresAt: null,
      allowDownload: true, ownerId: 'owner', ownerName: 'Owner', assetIds: ['big', 'small1', 'small2'], now: new Date(),
    });
  });
  afterEach(async () => {
    await a?.close();
    await b?.close();
    await database?.destroy();
  });

  const download = (server: PluginServer<FakeDamHost>, path: string, ip = '203.0.113.5') =>
    fetch(`${server.baseUrl}/s/${collection.token}${path}`, { headers: { 'x-forwarded-for': ip } });

  it('lets one address stream 8 downloads at once and refuses the rest before reading anything for them, while other links are served', async () => {
    const other = await a.plugin.collections.create({
      token: 'O'.repeat(32), title: 'Other', description: '', isPublic: true, passwordHash: null, expiresAt: null,
      allowDownload: true, ownerId: 'owner', ownerName: 'Owner', assetIds: ['small1'], now: new Date(),
    });
    const listings: string[] = [];
    const countListings = (query: { sql: string }) => {
      // The listing of a collection's files, not the gate's lookup of the link (its cover is a subquery).
      if (/^select .asset_id. from .\w*collection_assets./.test(query.sql)) listings.push(query.sql);
    };
    database.knex.on('query', countListings);
    const answers = await Promise.all(Array.from({ length: 50 }, () => download(a, '/download')));
    database.knex.off('query', countListings);
    const statuses = answers.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(8);
    expect(statuses.filter((status) => status === 429)).toHaveLength(42);
    // The collection's files were listed for the 8 it streams, not for the 42 it refused.
    expect(listings).toHaveLength(8);
    const refused = answers.find((response) => response.status === 429)!;
    expect(refused.headers.get('retry-after')).toBe('10');
    // None of the 8 has finished (nobody reads them), yet another visitor is served.
    const thumbnail = await fetch(`${a.baseUrl}/s/${other.token}/assets/small1/thumbnail`, { headers: { 'x-forwarded-for': '198.51.100.9' } });
    expect(thumbnail.status).toBe(200);
    expect((await download(a, '/assets/small1/original', '198.51.100.9')).status).toBe(200);
    for (const response of answers) await response.body?.cancel();
    // Places are given back when the clients leave.
    await eventually(async () => (await download(a, '/assets/small1/original')).status === 200, 'a place is free again');
  });

  it('lets one address start 60 downloads a minute, then one a second, with the wait in Retry-After', async () => {
    let now = new Date();
    const limited = await startPluginServer({ knex: database.knex, host: a.host, proxy: true, migrate: false, now: () => now, options: { downloads: { startsPerMinute: 60 } } });
    try {
      const original = async (ip = '203.0.113.7') => {
        const response = await fetch(`${limited.baseUrl}/s/${collection.token}/assets/small1/original`, { headers: { 'x-forwarded-for': ip } });
        await response.arrayBuffer();
        return response;
      };
      for (let start = 0; start < 60; start++) expect((await original()).status).toBe(200);
      const refused = await original();
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect((await original('198.51.100.7')).status).toBe(200);
      now = new Date(now.getTime() + 1000);
      expect((await original()).status).toBe(200);
      expect((await original()).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it.each([
    ['deleting the collection', (server: PluginServer<FakeDamHost>) => server.plugin.collections.delete(collection.id)],
    ['turning downloads off', (server: PluginServer<FakeDamHost>) => server.plugin.collections.update(collection.id, { allowDownload: false }, { now: new Date() })],
    ['setting a password', (server: PluginServer<FakeDamHost>) => server.plugin.collections.update(collection.id, { passwordHash: 'hash' }, { now: new Date() })],
    ['removing the file', (server: PluginServer<FakeDamHost>) => server.plugin.collections.changeAssets(collection.id, { add: [], remove: ['big'] }, new Date())],
  ])('cuts an original and a ZIP another instance is streaming after %s, and reads nothing more', async (_what, revoke) => {
    const original = await download(a, '/assets/big/original');
    const zip = await download(a, '/download');
    expect([original.status, zip.status]).toEqual([200, 200]);
    const readers = [startSlowReader(original), startSlowReader(zip)];
    await Promise.all(readers.map((reader) => reader.started));
    await revoke(b);
    await eventually(() => a.host.opened.length > 0 && a.host.opened.every((stream) => stream.destroyed), 'the host streams were closed');
    expect(await Promise.all(readers.map((reader) => reader.drain()))).toEqual(['cut', 'cut']);
  }, REVOCATION_TEST_TIMEOUT_MS);

  it('cuts a running download when its link expires by the plugin clock', async () => {
    const expiring = await a.plugin.collections.update(collection.id, { expiresAt: new Date(Date.now() + 60_000) }, { now: new Date() });
    expect(expiring.expiresAt).not.toBeNull();
    const original = await download(a, '/assets/big/original');
    const reader = startSlowReader(original);
    await reader.started;
    a.advanceClock(60_000);
    await eventually(() => a.host.opened.length > 0 && a.host.opened.every((stream) => stream.destroyed), 'the host stream was closed');
    expect(await reader.drain()).toBe('cut');
  }, REVOCATION_TEST_TIMEOUT_MS);

  it('leaves running downloads alone when the title changes', async () => {
    const original = await download(a, '/assets/big/original');
    const reader = original.body!.getReader();
    let received = (await reader.read()).value!.length;
    // Through this instance (checked at once) and another (checked at the next poll).
    await a.plugin.collections.update(collection.id, { title: 'Renamed' }, { now: new Date() });
    await b.plugin.collections.update(collection.id, { title: 'Renamed again' }, { now: new Date() });
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received += chunk.value.length;
    expect(received).toBe(BIG);
  });
});
