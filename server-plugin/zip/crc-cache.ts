/**
 * Remembers the CRC-32 of files already read, so a resumed or repeated download does not
 * read the files before the resume point again only to compute checksums it already had.
 */

/** A bounded least-recently-used map from a caller's cache key to a file's CRC-32. */
export interface CrcCache {
  get(key: string): number | undefined;
  set(key: string, crc: number): void;
}

/**
 * Creates a CRC cache holding at most `maxEntries` checksums (default 100,000, about 10 MB).
 * The key must change whenever the file's bytes may have changed, e.g. `${assetId}:${size}:${mtimeMs}`.
 *
 * @example
 * const crcCache = createCrcCache();
 * createZipArchive(sources, { crcCache });
 */
export function createCrcCache({ maxEntries = 100_000 }: { maxEntries?: number } = {}): CrcCache {
  // A Map iterates in insertion order, so re-inserting on use keeps the oldest entry first.
  const entries = new Map<string, number>();
  return {
    get(key) {
      const crc = entries.get(key);
      if (crc !== undefined) {
        entries.delete(key);
        entries.set(key, crc);
      }
      return crc;
    },
    set(key, crc) {
      entries.delete(key);
      entries.set(key, crc);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
  };
}
