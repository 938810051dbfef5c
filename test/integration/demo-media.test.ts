/**
 * The demo catalog's video, PDF and text file (issue 15): written at first start without
 * network, cataloged once, and served through the demo's DamHost: the video playable by
 * byte ranges, the PDF's page as its preview, no picture (and so a type tile) for the text.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssetStore } from '../../demo/asset-store.js';
import { createDemoDamHost } from '../../demo/dam-host.js';
import { migrateHost } from '../../demo/migrate-host.js';
import { createRenditionCache } from '../../demo/rendition-cache.js';
import { ensureSampleMedia } from '../../demo/samples/ensure-sample-media.js';
import { createUserStore } from '../../demo/user-store.js';
import type { DamHost } from '../../server-plugin/dam-host.js';
import { TEST_ENGINES, type TestDatabase, createTestDatabase } from '../helpers/databases.js';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe.each(TEST_ENGINES)('demo media samples on %s', (engine) => {
  let db: TestDatabase;
  let dataDir: string;
  let host: DamHost;
  let inserted: number;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    dataDir = mkdtempSync(path.join(tmpdir(), 'demo-media-'));
    await migrateHost(db.knex);
    inserted = await ensureSampleMedia({ knex: db.knex, dataDir });
    host = createDemoDamHost({ users: createUserStore(db.knex), assets: createAssetStore(db.knex), renditions: createRenditionCache(dataDir), dataDir });
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('catalogs a video, a PDF and a text file once, each described for the gallery', async () => {
    expect(inserted).toBe(3);
    expect(await ensureSampleMedia({ knex: db.knex, dataDir })).toBe(0);
    const ids = ((await db.knex('dam_assets').orderBy('id').pluck('id')) as number[]).map(String);
    const metadata = await host.assetMetadata(ids);
    expect(ids.map((id) => {
      const { name, mime, hasPreview, playable } = metadata.get(id)!;
      return { name, mime, hasPreview, playable };
    })).toEqual([
      { name: 'Test pattern.webm', mime: 'video/webm', hasPreview: true, playable: true },
      { name: 'Price list 2027.pdf', mime: 'application/pdf', hasPreview: true, playable: false },
      { name: 'Read me.txt', mime: 'text/plain', hasPreview: false, playable: false },
    ]);
  });

  it('streams the video by ranges, previews the PDF\'s page, and has no picture of the text', async () => {
    const [video, pdf, text] = ((await db.knex('dam_assets').orderBy('id').pluck('id')) as number[]).map(String);
    const playable = (await host.openPlayable!(video!))!;
    expect(playable.mime).toBe('video/webm');
    const whole = await readAll((await playable.open())!);
    expect(whole.length).toBe(playable.size);
    expect(whole.subarray(0, 4).toString('hex')).toBe('1a45dfa3'); // the EBML header of a WebM
    expect((await readAll((await playable.open({ start: 100, end: 199 }))!)).equals(whole.subarray(100, 200))).toBe(true);
    expect(await host.openPlayable!(pdf!)).toBeNull();

    const original = await readAll((await host.openOriginal(pdf!))!.stream);
    expect(original.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    const preview = (await host.openRendition(pdf!, 'preview'))!;
    const { format, width, height } = await sharp(await readAll(preview.stream)).metadata();
    expect({ format, portrait: height! > width! }).toEqual({ format: 'jpeg', portrait: true });
    const poster = await sharp(await readAll((await host.openRendition(video!, 'thumbnail'))!.stream)).metadata();
    expect([poster.format, poster.width, poster.height]).toEqual(['jpeg', 320, 180]);
    expect(await host.openRendition(text!, 'thumbnail')).toBeNull();
  });
});
