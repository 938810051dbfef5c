/**
 * How many files a link shows and how many bytes they weigh, for `N files · 1.2 GB` and
 * `Download all (1.2 GB)`. Knowing it means every member's size: one query for the ids and
 * the host's metadata for all of them, which for 100,000 files is far more than a page costs.
 * So it is remembered per collection revision (any change of its files bumps the revision,
 * through any instance) for `ttlMs` from the start of its load: a page view pays for it once a
 * minute, not once a second as the public cache would. A file removed from the catalog leaves
 * the total within `ttlMs`. Concurrent requests for one summary share one load.
 */
import type { DamHost } from '../dam-host.js';
import type { Collection, CollectionStore } from '../store/types.js';

export interface CollectionSummary {
  /** Files still in the catalog (the collection's rows may name removed ones). */
  files: number;
  /** Their originals' total size. */
  bytes: number;
}

export interface SummaryDeps {
  collections: Pick<CollectionStore, 'listAllAssetIds'>;
  host: Pick<DamHost, 'assetMetadata'>;
  ttlMs: number;
  /** At most this many summaries are kept; the oldest go first. */
  maxEntries: number;
  clock: () => number;
}

export type SummaryOf = (collection: Collection) => Promise<CollectionSummary>;

/**
 * A load still under way is shared only for this long: a host that never answers (the request
 * deadline answers 503) must not hold every later request of the link for a whole `ttlMs`.
 */
const JOIN_MS = 1000;

export function createCollectionSummaries(deps: SummaryDeps): SummaryOf {
  const entries = new Map<string, { started: number; settled: boolean; summary: Promise<CollectionSummary> }>();

  async function load(collection: Collection): Promise<CollectionSummary> {
    const ids = await deps.collections.listAllAssetIds(collection.id);
    const metadata = ids.length > 0 ? await deps.host.assetMetadata(ids) : new Map();
    let bytes = 0;
    for (const asset of metadata.values()) bytes += asset.size;
    return { files: metadata.size, bytes };
  }

  return function summaryOf(collection) {
    const key = `${collection.id}:${collection.revision}`;
    const now = deps.clock();
    const kept = entries.get(key);
    if (kept && now - kept.started < (kept.settled ? deps.ttlMs : JOIN_MS)) return kept.summary;
    entries.delete(key);
    const entry = { started: now, settled: false, summary: load(collection) };
    entries.set(key, entry);
    entry.summary.then(
      () => {
        entry.settled = true;
      },
      // A failed load is not remembered: the next request tries again.
      () => entries.get(key) === entry && entries.delete(key),
    );
    for (const oldest of entries.keys()) {
      if (entries.size <= deps.maxEntries) break;
      entries.delete(oldest);
    }
    return entry.summary;
  };
}
