import { Hash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createZipArchive, type ZipSource } from './zip-stream.js';

function source(i: number, changes: Partial<ZipSource> = {}): ZipSource {
  return {
    name: `IMG_${String(i).padStart(6, '0')}.jpg`,
    size: 1000,
    modifiedAt: new Date(Date.UTC(2024, 0, 1) + i * 1000),
    cacheKey: `${i}:1000`,
    open: () => Promise.reject(new Error('laying out reads no file')),
    ...changes,
  };
}

describe('createZipArchive before the first byte', () => {
  afterEach(() => vi.restoreAllMocks());

  it('builds no JSON, no buffer and no hash update per entry', () => {
    const stringify = vi.spyOn(JSON, 'stringify');
    const from = vi.spyOn(Buffer, 'from');
    const update = vi.spyOn(Hash.prototype, 'update');
    const archive = createZipArchive(Array.from({ length: 10_000 }, (_, i) => source(i)));
    expect(archive.size).toBeGreaterThan(10_000 * 1000);
    expect(stringify).not.toHaveBeenCalled();
    // Names are encoded when their headers are, as the stream reaches them.
    expect(from).not.toHaveBeenCalled();
    // About 50 bytes an entry, hashed 64 KiB at a time.
    expect(update.mock.calls.length).toBeLessThanOrEqual(10);
  });

  it('gives the same ETag for the same entries, and another for any other name, size, date or cache key', () => {
    const etag = (changes: Partial<ZipSource>) => createZipArchive([source(1), source(2, changes)]).etag;
    const variants: Partial<ZipSource>[] = [
      {},
      { name: 'IMG_000002.JPG' },
      { size: 1001 },
      { modifiedAt: new Date(Date.UTC(2024, 0, 1) + 3000) },
      { cacheKey: '2:1001' },
      { cacheKey: '' },
      { cacheKey: undefined },
      // Delimiters inside a key cannot pass for another entry's fields.
      { cacheKey: '2:1000\n' },
    ];
    expect(etag({})).toBe(etag({}));
    expect(new Set(variants.map(etag)).size).toBe(variants.length);
    expect(etag({})).toMatch(/^"zip-[\w-]{32}"$/);
  });
});
