/**
 * What a ZIP costs the database, through the real demo host and the plugin mounted on it:
 * the same two queries whatever the number of files (the collection's list, and the host's
 * metadata and file locations in one read of the catalog), each file opened once, as the
 * stream reaches it. Counted with knex's `query` events, on every engine.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../helpers/databases.js';
import { addCatalogFiles } from '../helpers/demo-catalog.js';
import { type DemoServer, login, startDemoServer } from '../helpers/demo-server.js';

describe.each(TEST_ENGINES)('a ZIP through the demo host on %s', (engine) => {
  let demo: DemoServer;
  let cookie: string;
  const folder = `zip-queries-${engine}-${process.pid}`;
  let ids: string[];

  beforeAll(async () => {
    demo = await startDemoServer({ engine });
    cookie = await login(demo.baseUrl, 'editor');
    ids = await addCatalogFiles(demo.knex, demo.dataDir, { folder, count: 1200, bytes: 512 });
  });
  afterAll(async () => {
    await demo.close();
    await rm(path.join(demo.dataDir, folder), { recursive: true, force: true });
  });

  async function share(assetIds: string[], onQuery?: (query: { sql: string }) => void): Promise<string> {
    if (onQuery) demo.knex.on('query', onQuery);
    try {
      return await create(assetIds);
    } finally {
      if (onQuery) demo.knex.off('query', onQuery);
    }
  }

  async function create(assetIds: string[]): Promise<string> {
    const created = await fetch(`${demo.baseUrl}/api/shared-collections`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: demo.baseUrl },
      body: JSON.stringify({ title: `${assetIds.length} files`, assetIds, allowDownload: true }),
    });
    expect(created.status).toBe(201);
    return ((await created.json()) as { url: string }).url;
  }

  /**
   * Downloads the ZIP and counts its queries of the catalog and of the collection's files. The
   * link's own row is left out: whether the public cache still holds it depends on the clock.
   */
  async function queriesOfZip(url: string): Promise<{ catalog: number; collection: number; bytes: number; length: number }> {
    const counts = { catalog: 0, collection: 0 };
    const count = (query: { sql: string }) => {
      if (query.sql.includes('dam_assets')) counts.catalog++;
      // Not the link's row, whose cover is a subquery on the same table.
      if (query.sql.includes('sc_collection_assets') && !query.sql.includes('cover_asset_id')) counts.collection++;
    };
    demo.knex.on('query', count);
    try {
      const response = await fetch(`${url}/download`);
      expect(response.status).toBe(200);
      const bytes = (await response.arrayBuffer()).byteLength;
      return { ...counts, bytes, length: Number(response.headers.get('content-length')) };
    } finally {
      demo.knex.off('query', count);
    }
  }

  it('reads the collection once and each catalog row once, for 12 files as for 1,200', async () => {
    const small = await queriesOfZip(await share(ids.slice(0, 12)));
    const large = await queriesOfZip(await share(ids));
    for (const zip of [small, large]) expect(zip.bytes).toBe(zip.length);
    expect(large.bytes).toBeGreaterThan(1200 * 512);
    // The collection's ids; the host's metadata and file locations together, in one query however many ids.
    for (const zip of [small, large]) expect([zip.collection, zip.catalog]).toEqual([1, 1]);
  });

  it('checks that 1,200 shared files exist with one count of the catalog, not a row per file', async () => {
    const catalog: string[] = [];
    await share(ids, (query) => {
      if (query.sql.includes('dam_assets')) catalog.push(query.sql);
    });
    expect(catalog).toHaveLength(1);
    expect(catalog[0]).toMatch(/^select count\(\*\)/i);
  });
});
