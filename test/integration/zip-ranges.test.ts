import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrcCache, createZipArchive, type ZipArchive, type ZipSource } from '../../server-plugin/zip/index.js';
import { computeZipLayout } from '../../server-plugin/zip/zip-layout.js';
import { fileSource, readAll, testWithUnzip, type OpenLog } from './zip-fixtures.js';

const SIZES = [0, 1, 1000, 65_537, 300_000, 17];
let dir: string;
let full: Buffer;
let sources: (log: OpenLog, cached?: boolean) => ZipSource[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zip-ranges-'));
  const files = await Promise.all(
    SIZES.map(async (size, i) => {
      const file = path.join(dir, `f${i}`);
      await writeFile(file, randomBytes(size));
      return file;
    }),
  );
  sources = (log, cached = false) =>
    files.map((file, i) => fileSource(file, `file ${i}.bin`, SIZES[i]!, log, cached ? `f${i}:v1` : undefined));
  full = await readAll(createZipArchive(sources([])).stream());
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const layoutOf = () => computeZipLayout(SIZES.map((size, i) => ({ name: `file ${i}.bin`, size, modifiedAt: new Date() })));

/** Points inside every part of the archive: headers, data, descriptors, central directory, end. */
function interestingOffsets(): number[] {
  const layout = layoutOf();
  const points = layout.entries.flatMap((e) => [e.headerOffset + 1, e.dataOffset, e.dataOffset + 1, e.descriptorOffset + 3, e.end - 1]);
  const cd = layout.centralDirectoryOffset;
  points.push(cd, cd + 10, cd + layout.centralDirectorySize - 1, layout.size - 5, layout.size - 1);
  for (let i = 0; i < 20; i += 1) points.push(Math.floor(Math.random() * layout.size));
  return [...new Set(points)].filter((p) => p > 0 && p < layout.size).sort((a, b) => a - b);
}

describe('ZIP ranges', () => {
  it('streams exactly `size` bytes', () => {
    expect(full.length).toBe(createZipArchive(sources([])).size);
  });

  it('gives slices that, split anywhere, concatenate to the full archive', async () => {
    const cuts = interestingOffsets();
    const bounds = [0, ...cuts, full.length];
    const pieces: Buffer[] = [];
    // A fresh archive per request, as a server sees a resumed download.
    for (let i = 0; i + 1 < bounds.length; i += 1) {
      const archive = createZipArchive(sources([]));
      pieces.push(await readAll(archive.stream({ start: bounds[i]!, end: bounds[i + 1]! - 1 })));
    }
    expect(Buffer.concat(pieces).equals(full)).toBe(true);
  });

  it('resumes from any one byte to the end', async () => {
    for (const cut of interestingOffsets()) {
      const tail = await readAll(createZipArchive(sources([])).stream({ start: cut, end: full.length - 1 }));
      expect(tail.equals(full.subarray(cut)), `resume at ${cut}`).toBe(true);
    }
  });

  it('remembers CRCs, so a resume inside the central directory reads no file again', async () => {
    const crcCache = createCrcCache();
    const first: OpenLog = [];
    await readAll(createZipArchive(sources(first, true), { crcCache }).stream());
    const whole = SIZES.filter((size) => size > 0).map((size) => ({ start: 0, end: size - 1 }));
    expect(first.map(({ range }) => range)).toEqual(expect.arrayContaining(whole));
    expect(first).toHaveLength(whole.length);
    const start = layoutOf().centralDirectoryOffset + 10;
    const uncached: OpenLog = [];
    const cached: OpenLog = [];
    const tailWithout = await readAll(createZipArchive(sources(uncached, true)).stream({ start, end: full.length - 1 }));
    const tailWith = await readAll(createZipArchive(sources(cached, true), { crcCache }).stream({ start, end: full.length - 1 }));
    expect(tailWith.equals(tailWithout)).toBe(true);
    expect(uncached).toHaveLength(SIZES.filter((size) => size > 0).length);
    expect(cached).toHaveLength(0);
  });

  it('keeps no CRC of an archive with a source that has no cache key', async () => {
    const crcCache = createCrcCache();
    await readAll(createZipArchive(sources([]), { crcCache }).stream());
    const reopened: OpenLog = [];
    const start = layoutOf().centralDirectoryOffset + 10;
    await readAll(createZipArchive(sources(reopened), { crcCache }).stream({ start, end: full.length - 1 }));
    expect(reopened).toHaveLength(SIZES.filter((size) => size > 0).length);
  });

  it('rejects ranges outside the archive', () => {
    const archive = createZipArchive(sources([]));
    expect(() => archive.stream({ start: 5, end: archive.size })).toThrow(RangeError);
    expect(() => archive.stream({ start: 6, end: 5 })).toThrow(RangeError);
  });
});

describe('an interrupted ZIP download over HTTP', () => {
  let server: Server;
  let url: string;
  let served: OpenLog;
  beforeAll(async () => {
    served = [];
    const archive: ZipArchive = createZipArchive(sources(served));
    server = createServer((req, res) => {
      const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      const start = match ? Number(match[1]) : 0;
      res.writeHead(match ? 206 : 200, {
        'Content-Length': archive.size - start,
        'Accept-Ranges': 'bytes',
        ETag: archive.etag,
        ...(match ? { 'Content-Range': `bytes ${start}-${archive.size - 1}/${archive.size}` } : {}),
      });
      const controller = new AbortController();
      res.once('close', () => controller.abort());
      archive.stream({ start, end: archive.size - 1 }, controller.signal).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Downloads from `start`, dropping the connection once `stopAfter` bytes arrived. */
  function download(start: number, stopAfter = Infinity): Promise<{ status: number; length: number; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = get(url, { headers: start ? { Range: `bytes=${start}-` } : {} }, (res) => {
        const chunks: Buffer[] = [];
        let received = 0;
        const finish = () => resolve({ status: res.statusCode!, length: Number(res.headers['content-length']), body: Buffer.concat(chunks) });
        res.on('data', (chunk: Buffer) => {
          const keep = chunk.subarray(0, Math.max(stopAfter - received, 0));
          chunks.push(keep);
          received += keep.length;
          if (received >= stopAfter) {
            req.destroy();
            finish();
          }
        });
        res.on('end', finish);
      });
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    });
  }

  it('resumes with Range into a byte-identical archive, and the dropped request released its file', async () => {
    const stopAt = SIZES.slice(0, 4).reduce((sum, size) => sum + size, 0) + 200;
    const first = await download(0, stopAt);
    expect(first.length).toBe(full.length);
    expect(first.body.length).toBe(stopAt);
    const rest = await download(stopAt);
    expect(rest.status).toBe(206);
    expect(rest.length).toBe(full.length - stopAt);
    const joined = Buffer.concat([first.body, rest.body]);
    expect(joined.equals(full)).toBe(true);
    const zipPath = path.join(dir, 'resumed.zip');
    await writeFile(zipPath, joined);
    await testWithUnzip(zipPath);
    await expect.poll(() => served.every(({ stream }) => stream.destroyed)).toBe(true);
  });
});
