/**
 * What streaming learned about originals the catalog describes wrongly. A ZIP is laid out
 * from the catalog's sizes so its first byte leaves at once, without opening 10,000 files
 * first; when a file then turns out missing, unreadable or of another size, that download
 * is cut (never finished with wrong bytes) and the fact is remembered here. The client's
 * retry is laid out with it: the file left out and listed in `_unavailable-files.txt`, or
 * sent at its real size. The archive then differs, and so does its ETag, so a resume cannot
 * splice the two. A fact holds only while the catalog still says what it said when the fact
 * was learned, and for `ttlMs` at most (a restored file is seen again).
 */
import type { AssetMetadata } from '../dam-host.js';

/** What opening the original found instead of the catalog's size. */
export type OriginalFact = number | 'missing' | 'unreadable';

export interface OriginalFacts {
  /** The fact about `asset` while the catalog still describes it as it did; else undefined. */
  find(asset: AssetMetadata): OriginalFact | undefined;
  learn(asset: AssetMetadata, fact: OriginalFact): void;
}

export interface OriginalFactsOptions {
  clock: () => number;
  /** How long a fact is believed; default 10 minutes. */
  ttlMs?: number;
  /** The oldest facts are dropped past this many; default 10,000. */
  maxEntries?: number;
}

/** The catalog's description of a file, as far as it decides the archive's bytes. */
const catalogEntry = (asset: AssetMetadata) => `${asset.size}:${asset.modifiedAt.getTime()}`;

/**
 * @example
 * const facts = createOriginalFacts({ clock: Date.now });
 * facts.learn(asset, 'missing'); // the next ZIP lists the file as unavailable
 */
export function createOriginalFacts({ clock, ttlMs = 10 * 60_000, maxEntries = 10_000 }: OriginalFactsOptions): OriginalFacts {
  const entries = new Map<string, { catalog: string; fact: OriginalFact; until: number }>();
  return {
    find(asset) {
      const entry = entries.get(asset.id);
      if (!entry) return undefined;
      if (entry.catalog === catalogEntry(asset) && entry.until > clock()) return entry.fact;
      entries.delete(asset.id);
      return undefined;
    },
    learn(asset, fact) {
      entries.delete(asset.id);
      entries.set(asset.id, { catalog: catalogEntry(asset), fact, until: clock() + ttlMs });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
  };
}
