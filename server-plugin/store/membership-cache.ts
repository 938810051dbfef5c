/**
 * The collections each asset belongs to, kept between `GET /memberships` requests. The
 * extension's Edit Tags panel asks about its files each time it opens or refreshes, often the
 * same selection again, and looking 1,000 ids up in the asset_id index cost more than a whole
 * request for 10 (issue 13, budget 4).
 *
 * Never stale, on any instance: every transaction that changes an answer (a collection
 * created, retitled or deleted, assets added or removed) bumps the shared `memberships`
 * generation row, and a request reads that row first. An instance keeps its entries only
 * while the row reads the generation they were filled at; any other value empties it. The
 * price is one primary-key read per request.
 *
 * Bounded: past `maxEntries` assets the oldest filled go first, so a catalog that asks about
 * every file in turn cannot grow it without limit.
 *
 * @example
 * const entries = cache.at(await readGeneration());
 * const missing = ids.filter((id) => !entries.has(id));
 * entries.fill(await loadMemberships(missing));
 */
import type { CollectionRef } from './types.js';

/** One collection holding an asset: what the answer shows, and who may see it. */
export interface Membership {
  readonly collection: CollectionRef;
  readonly ownerId: string;
}

/** The entries of one generation. A fill after a newer generation arrived lands nowhere. */
export interface GenerationEntries {
  has(assetId: string): boolean;
  /** Sorted by title, then id; empty for an asset in no collection. */
  get(assetId: string): readonly Membership[] | undefined;
  fill(loaded: ReadonlyMap<string, readonly Membership[]>): void;
}

export class MembershipCache {
  private generation: number | undefined;
  private entries = new Map<string, readonly Membership[]>();

  constructor(private readonly maxEntries: number) {}

  /**
   * The entries filled at `generation`. Another generation, newer or (on a read that raced a
   * write) older, starts over: the cache holds one generation only.
   */
  at(generation: number): GenerationEntries {
    if (generation !== this.generation) {
      this.generation = generation;
      this.entries = new Map();
    }
    const entries = this.entries;
    return {
      has: (assetId) => entries.has(assetId),
      get: (assetId) => entries.get(assetId),
      fill: (loaded) => {
        if (entries !== this.entries) return;
        for (const [assetId, memberships] of loaded) {
          entries.delete(assetId);
          entries.set(assetId, memberships);
        }
        for (const oldest of entries.keys()) {
          if (entries.size <= this.maxEntries) break;
          entries.delete(oldest);
        }
      },
    };
  }
}
