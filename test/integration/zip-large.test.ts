import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ByteRange } from '../../server-plugin/dam-host.js';
import { computeZipLayout } from '../../server-plugin/zip/zip-layout.js';
import { createZipArchive, type ZipSource } from '../../server-plugin/zip/index.js';
import { bufferSource, inspectVirtualWithPython, inspectWithPython, readAll, sha256, testWithUnzip } from './zip-fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zip-large-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

// A period that is not a power of two, so data shifted by a block size would not match.
const PATTERN = randomBytes(1024 * 1024 + 3);
const DOUBLED = Buffer.concat([PATTERN, PATTERN]);
const patternAt = (position: number, length: number) => DOUBLED.subarray(position % PATTERN.length, (position % PATTERN.length) + length);

/** A file of any size made of PATTERN repeated, without disk or copies. */
function patternSource(name: string, size: number): ZipSource {
  return {
    name,
    size,
    modifiedAt: new Date(Date.UTC(2025, 2, 3, 4, 5, 6)),
    async open(range?: ByteRange) {
      const { start, end } = range ?? { start: 0, end: size - 1 };
      return Readable.from(
        (function* () {
          for (let at = start; at <= end; at += PATTERN.length) yield patternAt(at, Math.min(PATTERN.length, end - at + 1));
        })(),
      );
    },
  };
}

/** Splits a stream into the bytes before `dataStart`, the pattern data (checked), and the rest. */
async function splitAroundPattern(stream: Readable, streamStart: number, dataStart: number, dataEnd: number) {
  const before: Buffer[] = [];
  const after: Buffer[] = [];
  let position = streamStart;
  let mismatches = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const cut = (from: number, to: number) => chunk.subarray(Math.max(from - position, 0), Math.max(Math.min(to - position, chunk.length), 0));
    before.push(cut(0, dataStart));
    after.push(cut(dataEnd, Infinity));
    const data = cut(dataStart, dataEnd);
    for (let at = 0; at < data.length; at += PATTERN.length) {
      const piece = data.subarray(at, at + PATTERN.length);
      if (!piece.equals(patternAt(Math.max(position - dataStart, 0) + at, piece.length))) mismatches += 1;
    }
    position += chunk.length;
  }
  return { before: Buffer.concat(before), after: Buffer.concat(after), mismatches, length: position - streamStart };
}

/**
 * Each of these streams gigabytes or tens of thousands of entries through real readers; the
 * limit only stops a hung run, and is far above what they take on a machine whose cores are busy.
 */
const LARGE_ARCHIVE_TIMEOUT_MS = 600_000;

describe('ZIP64', () => {
  it('holds more than 65535 entries, readable by unzip and Python', async () => {
    const contents = Array.from({ length: 70_000 }, (_, i) => Buffer.from(`entry ${i}\n`));
    const archive = createZipArchive(contents.map((data, i) => bufferSource(`${i}.txt`, data)));
    const bytes = await readAll(archive.stream());
    expect(bytes.length).toBe(archive.size);
    const zipPath = path.join(dir, 'many.zip');
    await writeFile(zipPath, bytes);
    await testWithUnzip(zipPath);
    const report = await inspectWithPython(zipPath);
    expect(report.firstBad).toBeNull();
    expect(report.entries).toHaveLength(70_000);
    expect(report.entries.every((entry, i) => entry.name === `${i}.txt` && entry.sha256 === sha256(contents[i]!))).toBe(true);
  }, LARGE_ARCHIVE_TIMEOUT_MS);

  it('holds an entry over 4 GiB, and resumes inside it', async () => {
    const big = 2 ** 32 + 1000;
    const first = Buffer.from('before the big one\n');
    const last = Buffer.from('after the big one, at an offset past 4 GiB\n');
    const sources = [bufferSource('first.txt', first), patternSource('big.bin', big), bufferSource('last.txt', last)];
    const archive = createZipArchive(sources);
    const layout = computeZipLayout(sources);
    const [, bigEntry] = layout.entries;
    const dataStart = bigEntry!.dataOffset;
    const dataEnd = dataStart + big;

    const whole = await splitAroundPattern(archive.stream(), 0, dataStart, dataEnd);
    expect(whole.length).toBe(archive.size);
    expect(whole.mismatches).toBe(0);
    // Python's zipfile reads the real headers and central directory, and recomputes the CRC
    // over the 4 GiB; `unzip -t` would need the archive on disk, 4 GiB per run.
    const parts = { prefix: path.join(dir, 'prefix'), pattern: path.join(dir, 'pattern'), suffix: path.join(dir, 'suffix') };
    await Promise.all([writeFile(parts.prefix, whole.before), writeFile(parts.pattern, PATTERN), writeFile(parts.suffix, whole.after)]);
    const report = await inspectVirtualWithPython(parts.prefix, parts.pattern, big, parts.suffix);
    expect(report.firstBad).toBeNull();
    expect(report.entries.map(({ name, size }) => [name, size])).toEqual([['first.txt', first.length], ['big.bin', big], ['last.txt', last.length]]);

    const resumeAt = dataEnd - 5000;
    const resumed = await splitAroundPattern(archive.stream({ start: resumeAt, end: archive.size - 1 }), resumeAt, dataStart, dataEnd);
    expect(resumed.mismatches).toBe(0);
    expect(resumed.length).toBe(archive.size - resumeAt);
    expect(resumed.after.equals(whole.after)).toBe(true);
  }, LARGE_ARCHIVE_TIMEOUT_MS);
});
