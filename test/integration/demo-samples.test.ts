import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssetStore } from '../../demo/asset-store.js';
import { createDemoDamHost } from '../../demo/dam-host.js';
import { migrateHost } from '../../demo/migrate-host.js';
import { createRenditionCache } from '../../demo/rendition-cache.js';
import { ensureSampleCatalog } from '../../demo/samples/ensure-sample-catalog.js';
import { createTagStore } from '../../demo/tag-store.js';
import { createUserStore } from '../../demo/user-store.js';
import type { DamHost } from '../../server-plugin/dam-host.js';
import { TEST_ENGINES, type TestDatabase, createTestDatabase } from '../helpers/databases.js';

/** The first ten samples hold every format and every awkward name (see sample-spec.ts). */
const COUNT = 10;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function snapshot(dir: string): Map<string, number> {
  const files = new Map<string, number>();
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    if (statSync(file).isFile()) files.set(name, statSync(file).mtimeMs);
  }
  return files;
}

describe.each(TEST_ENGINES)('demo sample catalog on %s', (engine) => {
  let db: TestDatabase;
  let dataDir: string;
  let host: DamHost;
  let firstRun: { rendered: number; inserted: number };

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    dataDir = mkdtempSync(path.join(tmpdir(), 'demo-samples-'));
    await migrateHost(db.knex);
    firstRun = await ensureSampleCatalog({ knex: db.knex, dataDir, count: COUNT });
    host = createDemoDamHost({
      users: createUserStore(db.knex),
      assets: createAssetStore(db.knex),
      renditions: createRenditionCache(dataDir),
      dataDir,
    });
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function ids(): Promise<string[]> {
    return ((await db.knex('dam_assets').orderBy('id').pluck('id')) as number[]).map(String);
  }

  it('generates once: a second run writes no file and adds no row', async () => {
    expect(firstRun).toEqual({ rendered: COUNT, inserted: COUNT });
    const before = snapshot(path.join(dataDir, 'originals'));
    const second = await ensureSampleCatalog({ knex: db.knex, dataDir, count: COUNT });
    expect(second).toEqual({ rendered: 0, inserted: 0 });
    expect(snapshot(path.join(dataDir, 'originals'))).toEqual(before);
    expect(await db.knex('dam_assets').count({ n: '*' })).toEqual([{ n: COUNT }]);
    const tags = await createTagStore(db.knex).forAssets((await ids()).map(Number));
    expect(tags.some((tag) => tag.group === 'keywords')).toBe(true);
    expect(tags.some((tag) => tag.group === 'categories')).toBe(true);
  });

  it('stores real images in several formats and sizes, under safe names, with the user-facing names in the catalog', async () => {
    const rows = await db.knex('dam_assets').orderBy('id');
    const formats = new Set<string>();
    for (const row of rows) {
      expect(row.relative_path).toMatch(/^originals\/sample-\d{4}\.(jpg|png|webp)$/);
      const metadata = await sharp(path.join(dataDir, row.relative_path)).metadata();
      formats.add(metadata.format);
      expect([metadata.width, metadata.height]).toEqual([row.width, row.height]);
      expect(`image/${metadata.format}`).toBe(row.mime);
    }
    expect(formats).toEqual(new Set(['jpeg', 'png', 'webp']));
    const widths = rows.map((row: { width: number }) => row.width);
    expect(Math.min(...widths)).toBeLessThanOrEqual(400);
    expect(Math.max(...widths)).toBeGreaterThanOrEqual(3000);
    const names = rows.map((row: { filename: string }) => row.filename);
    expect(names).toEqual(expect.arrayContaining(['Café – München.jpg', '東京タワー.png', 'Ünïcödé.jpg', 'a:b?.jpg']));
    expect(names.filter((name: string) => name === 'IMG_0001.jpg')).toHaveLength(2);
  });

  it('puts EXIF with GPS into some originals and none into any rendition', async () => {
    let withGps = 0;
    for (const id of await ids()) {
      const original = await readAll((await host.openOriginal(id))!.stream);
      const { exif } = await sharp(original).metadata();
      if (exif && exifReader(exif).GPSInfo?.GPSLatitude) withGps += 1;
      for (const kind of ['thumbnail', 'preview'] as const) {
        const rendition = await readAll((await host.openRendition(id, kind))!.stream);
        const metadata = await sharp(rendition).metadata();
        expect(metadata.format).toBe('jpeg');
        expect(metadata.exif).toBeUndefined();
        expect(metadata.xmp).toBeUndefined();
        expect(metadata.iptc).toBeUndefined();
      }
    }
    expect(withGps).toBeGreaterThanOrEqual(2);
  });

  it('makes renditions that fit their box with the aspect ratio kept', async () => {
    const metadata = await host.assetMetadata(await ids());
    for (const [id, asset] of metadata) {
      for (const [kind, box] of [['thumbnail', 320], ['preview', 1600]] as const) {
        const opened = (await host.openRendition(id, kind))!;
        const bytes = await readAll(opened.stream);
        expect(bytes.length).toBe(opened.size);
        const { width, height } = await sharp(bytes).metadata();
        const scale = Math.min(1, box / asset.width!, box / asset.height!);
        expect(width).toBe(Math.round(asset.width! * scale));
        expect(Math.abs(height - asset.height! * scale)).toBeLessThanOrEqual(1);
        expect(Math.max(width, height)).toBeLessThanOrEqual(box);
      }
    }
  });

  it('renders a rendition once even when many ask for it at the same moment', async () => {
    const [id] = await ids();
    const renditionDir = path.join(dataDir, 'renditions', 'preview');
    rmSync(renditionDir, { recursive: true, force: true });
    const opened = await Promise.all(Array.from({ length: 6 }, () => host.openRendition(id!, 'preview')));
    const bodies = await Promise.all(opened.map((stream) => readAll(stream!.stream)));
    for (const body of bodies) expect(body.equals(bodies[0]!)).toBe(true);
    expect(readdirSync(renditionDir)).toEqual(['sample-0001.jpg']);
  });

  it('answers metadata for many ids in one call, skipping unknown and malformed ids', async () => {
    const all = await ids();
    const metadata = await host.assetMetadata([...all, '999999', 'abc', '', '1e3']);
    expect([...metadata.keys()].sort()).toEqual([...all].sort());
    expect(metadata.get(all[0]!)).toEqual({
      id: all[0],
      name: 'Café – München.jpg',
      mime: 'image/jpeg',
      size: statSync(path.join(dataDir, 'originals', 'sample-0001.jpg')).size,
      width: 1600,
      height: 1067,
      modifiedAt: new Date(Date.UTC(2024, 0, 1, 8, 0, 0)),
      hasPreview: true,
      playable: false,
    });
    // A ZIP's lookup: the same metadata, each with its opener, a method as the plugin calls it.
    const openable = await host.openableAssets!([...all, '999999', 'abc', '', '1e3']);
    expect([...openable.keys()].sort()).toEqual([...all].sort());
    const asset = openable.get(all[0]!)!;
    expect({ ...asset }).toEqual(metadata.get(all[0]!));
    const opened = await asset.open();
    opened?.stream.destroy();
    expect(opened?.size).toBe(asset.size);
    // Four times Node's default per read: a ZIP's CPU goes per chunk (see ORIGINAL_READ_BYTES).
    expect(opened?.stream.readableHighWaterMark).toBe(256 * 1024);
    const many = Array.from({ length: 2500 }, (_, index) => String(index + 1));
    expect((await host.readableAssetIds({ id: '5', name: 'Gale Guest', role: 'guest' }, many)).size).toBe(COUNT);
  });

  it('opens byte ranges of originals exactly', async () => {
    const [id] = await ids();
    const whole = await readAll((await host.openOriginal(id!))!.stream);
    for (const [start, end] of [[0, 0], [0, 99], [1000, 1999], [whole.length - 10, whole.length - 1], [0, whole.length - 1]] as const) {
      const opened = (await host.openOriginal(id!, { start, end }))!;
      expect(opened.size).toBe(whole.length);
      expect(opened.mime).toBe('image/jpeg');
      expect((await readAll(opened.stream)).equals(whole.subarray(start, end + 1))).toBe(true);
    }
    await expect(host.openOriginal(id!, { start: 0, end: whole.length })).rejects.toThrow(RangeError);
  });

  it('answers null for removed assets and rejects when the row exists but the file is gone', async () => {
    expect(await host.openOriginal('999999')).toBeNull();
    expect(await host.openRendition('999999', 'thumbnail')).toBeNull();
    expect(await host.openOriginal('not-an-id')).toBeNull();
    const [, , third] = await ids();
    const row = await db.knex('dam_assets').where({ id: Number(third) }).first();
    rmSync(path.join(dataDir, row.relative_path));
    rmSync(path.join(dataDir, 'renditions'), { recursive: true, force: true });
    await expect(host.openOriginal(third!)).rejects.toThrow(/ENOENT/);
    await expect(host.openRendition(third!, 'thumbnail')).rejects.toThrow();
  });
});
