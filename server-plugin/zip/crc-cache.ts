/**
 * Remembers the CRC-32 of files already read, so a resumed or repeated download does not
 * read the files before the resume point again only to compute checksums it already had.
 * The CRCs of one archive are kept together, by entry, under the archive's ETag: a resume
 * (`If-Range`) asks for the very same archive, and the ETag changes whenever any entry's
 * name, size, date or cache key does. A table is two typed arrays allocated at once, 5 bytes
 * an entry, so streaming a ZIP of 100,000 files allocates nothing per file to remember it.
 */

/** The CRC-32s of one archive's entries, by index, as far as they are known. */
export class CrcTable {
  readonly #crcs: Uint32Array;
  readonly #known: Uint8Array;

  constructor(readonly entries: number) {
    this.#crcs = new Uint32Array(entries);
    this.#known = new Uint8Array(entries);
  }

  get(entry: number): number | undefined {
    return this.#known[entry] === 1 ? this.#crcs[entry] : undefined;
  }

  set(entry: number, crc: number): void {
    this.#crcs[entry] = crc;
    this.#known[entry] = 1;
  }
}

/** A bounded least-recently-used map from an archive's ETag to its CRC table. */
export interface CrcCache {
  /** The table of the archive `etag` of `entries` entries; an empty one the first time. */
  tableOf(etag: string, entries: number): CrcTable;
}

/**
 * Creates a CRC cache holding the tables of recent archives, at most `maxEntries` entries in
 * all (default 1,000,000, about 5 MB). An archive is cached only when every one of its sources
 * has a cache key (see `ZipSource.cacheKey`), as then its ETag names the bytes of each file.
 *
 * @example
 * const crcCache = createCrcCache();
 * createZipArchive(sources, { crcCache });
 */
export function createCrcCache({ maxEntries = 1_000_000 }: { maxEntries?: number } = {}): CrcCache {
  // A Map iterates in insertion order, so re-inserting on use keeps the oldest table first.
  const tables = new Map<string, CrcTable>();
  let held = 0;
  return {
    tableOf(etag, entries) {
      const table = tables.get(etag) ?? new CrcTable(entries);
      if (tables.delete(etag)) held -= table.entries;
      tables.set(etag, table);
      held += table.entries;
      // Never the table just asked for: an archive larger than the whole cache still streams.
      for (const [oldest, dropped] of tables) {
        if (held <= maxEntries || oldest === etag) break;
        tables.delete(oldest);
        held -= dropped.entries;
      }
      return table;
    },
  };
}
