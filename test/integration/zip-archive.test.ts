import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetMetadata, DamHost } from '../../server-plugin/dam-host.js';
import { collectZipSources, createOriginalFacts, createZipArchive, SourceChangedError, UNAVAILABLE_LIST_NAME, type UnavailableAsset, type ZipSource } from '../../server-plugin/zip/index.js';
import { bufferSource, fileSource, inspectWithPython, readAll, sha256, testWithUnzip, type OpenLog } from './zip-fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zip-archive-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A catalog of real files; `broken` is a directory, so opening it as a file fails. */
async function createCatalog(files: Record<string, { name: string; data?: Buffer }>) {
  const assets: AssetMetadata[] = [];
  for (const [id, { name, data }] of Object.entries(files)) {
    if (data) await writeFile(path.join(dir, id), data);
    else if (id === 'broken') await mkdir(path.join(dir, id), { recursive: true });
    const modifiedAt = new Date(Date.UTC(2022, 11, 24, 18, 30, 0) + assets.length * 60_000);
    assets.push({ id, name, mime: 'image/jpeg', size: data?.length ?? 0, width: null, height: null, modifiedAt });
  }
  const opened: OpenLog = [];
  const host: Pick<DamHost, 'assetMetadata' | 'openOriginal'> = {
    // The catalog as it is at the call: tests change sizes after creating it.
    async assetMetadata(ids) {
      return new Map(assets.filter((asset) => ids.includes(asset.id)).map((asset) => [asset.id, asset]));
    },
    async openOriginal(id, range) {
      const file = path.join(dir, id);
      const info = await stat(file).catch(() => null);
      if (!info) return null;
      if (!info.isFile()) throw new Error(`EISDIR: ${file}`);
      const stream = createReadStream(file, range ?? {});
      opened.push({ range, stream });
      return { stream, size: info.size, mime: 'image/jpeg' };
    },
  };
  return { assets, ids: assets.map((asset) => asset.id), opened, host };
}

describe('a ZIP of a collection', () => {
  it('is valid for unzip and Python, byte-exact, with safe, unique UTF-8 names and a list of missing files', async () => {
    const contents = [randomBytes(150_000), randomBytes(1), Buffer.alloc(0), randomBytes(70_000), randomBytes(5000), randomBytes(300)];
    const { assets, ids, host, opened } = await createCatalog({
      a1: { name: 'Café – München.jpg', data: contents[0] },
      a2: { name: '東京タワー.png', data: contents[1] },
      a3: { name: 'empty.txt', data: contents[2] },
      a4: { name: 'photo.JPG', data: contents[3] },
      a5: { name: 'Photo.jpg', data: contents[4] },
      a6: { name: '../..\\evil:name?.jpg', data: contents[5] },
      gone: { name: 'deleted.jpg' },
      broken: { name: 'unreadable\n.jpg' },
    });
    // The catalog's size of a1 is stale, and two files are not on disk as it says. Nothing is
    // opened before streaming; each wrong fact fails one attempt, which the next one knows.
    assets[0]!.size = 1;
    assets[6]!.size = 2000;
    assets[7]!.size = 3000;
    const facts = createOriginalFacts({ clock: () => 0 });
    const failures: string[] = [];
    let sources: ZipSource[] = [];
    let unavailable: UnavailableAsset[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      ({ sources, unavailable } = await collectZipSources(host, ids, facts));
      const error = await readAll(createZipArchive(sources).stream()).then(() => undefined, (failure: unknown) => failure);
      if (!(error instanceof SourceChangedError)) break;
      failures.push(`${error.asset.id}: ${error.fact}`);
      facts.learn(error.asset, error.fact);
    }
    expect(failures).toEqual(['a1: 150000', 'gone: missing', 'broken: unreadable']);
    expect(unavailable.map(({ asset, reason }) => [asset.id, reason])).toEqual([['gone', 'missing'], ['broken', 'unreadable']]);
    expect(opened.every(({ stream }) => stream.destroyed)).toBe(true);

    opened.length = 0;
    const archive = createZipArchive(sources);
    const bytes = await readAll(archive.stream());
    expect(bytes.length).toBe(archive.size);
    // One open per file with bytes, each for the whole file (in any order: the next ones open ahead).
    expect(opened.map(({ range }) => `${range?.start}-${range?.end}`).sort()).toEqual(['0-0', '0-149999', '0-299', '0-4999', '0-69999']);
    const zipPath = path.join(dir, 'collection.zip');
    await writeFile(zipPath, bytes);

    const unzipOutput = await testWithUnzip(zipPath);
    expect(unzipOutput).toContain('東京タワー.png');
    const report = await inspectWithPython(zipPath);
    expect(report.firstBad).toBeNull();
    const list = 'These files could not be read when the archive was made:\ndeleted.jpg (no longer in the catalog)\nunreadable.jpg (could not be read)\n';
    expect(report.entries.map(({ name, sha256: hash }) => [name, hash])).toEqual([
      ['Café – München.jpg', sha256(contents[0]!)],
      ['東京タワー.png', sha256(contents[1]!)],
      ['empty.txt', sha256(contents[2]!)],
      ['photo.JPG', sha256(contents[3]!)],
      ['Photo (2).jpg', sha256(contents[4]!)],
      ['evil_name_.jpg', sha256(contents[5]!)],
      [UNAVAILABLE_LIST_NAME, sha256(Buffer.from(list))],
    ]);
    for (const entry of report.entries) expect(entry).toMatchObject({ flags: 0x0808, method: 0 });
    // DOS time from the UTC fields; the list is dated like the newest asset asked for.
    expect(report.entries[0]?.date).toEqual([2022, 12, 24, 18, 30, 0]);
    expect(report.entries.at(-1)?.date).toEqual([2022, 12, 24, 18, 37, 0]);
  });

  it('has the same bytes and ETag every time it is made from the same files', async () => {
    const data = randomBytes(10_000);
    const make = () => createZipArchive([bufferSource('a.bin', data), bufferSource('b.bin', data)]);
    const [first, second] = [make(), make()];
    expect((await readAll(first.stream())).equals(await readAll(second.stream()))).toBe(true);
    expect(first.etag).toBe(second.etag);
    expect(createZipArchive([bufferSource('a.bin', data)]).etag).not.toBe(first.etag);
  });

  it('fails the stream rather than send a file shorter or longer than declared', async () => {
    for (const actual of [999, 1001]) {
      // A source that ignores the range, as a careless host might.
      const data = randomBytes(actual);
      const source = { ...bufferSource('x.bin', data), size: 1000, open: async () => Readable.from([data]) };
      await expect(readAll(createZipArchive([source]).stream())).rejects.toThrow(/x\.bin from offset 0: expected 1000 bytes, got/);
    }
  });

  it('fails the stream when a file changed size after the archive was laid out', async () => {
    const { ids, host } = await createCatalog({ c1: { name: 'c1.jpg', data: randomBytes(5000) } });
    const archive = createZipArchive((await collectZipSources(host, ids)).sources);
    await writeFile(path.join(dir, 'c1'), randomBytes(4000));
    await expect(readAll(archive.stream())).rejects.toThrow(/asset c1 changed or vanished while its ZIP was streaming \(now 4000 bytes, not 5000\)/);
  });

  it('stops reading and closes the open file when the consumer goes away', async () => {
    const file = path.join(dir, 'big.bin');
    await writeFile(file, Buffer.alloc(32 * 1024 * 1024, 7));
    for (const stop of ['destroy', 'abort'] as const) {
      const opened: OpenLog = [];
      const controller = new AbortController();
      const source = fileSource(file, 'big.bin', 32 * 1024 * 1024, opened);
      const stream = createZipArchive([source, { ...source, name: 'again.bin' }]).stream(undefined, controller.signal);
      const errored = new Promise((resolve) => stream.once('error', resolve).once('close', resolve));
      let received = 0;
      await new Promise<void>((resolve) => {
        stream.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received < 1024 * 1024) return;
          stream.pause();
          if (stop === 'destroy') stream.destroy();
          else controller.abort();
          resolve();
        });
      });
      await errored;
      // The file being sent, and the next one opened ahead: all closed.
      expect(opened).toHaveLength(2);
      for (const { stream: reader } of opened) {
        expect(reader.destroyed).toBe(true);
        await new Promise((resolve) => (reader.closed ? resolve(undefined) : reader.once('close', resolve)));
        expect((reader as unknown as { fd: number | null }).fd).toBeNull();
      }
    }
  });
});
