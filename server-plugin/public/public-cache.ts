/**
 * A short-lived, per-instance memory of what the public side read and rendered: a link's
 * collection, the bodies of its gallery pages and data.json pages, and the asset ids known to
 * belong to it. A visitor opening a gallery then costs no query for the page or for its 60
 * thumbnails (issue 5, budget 4).
 *
 * What it trades: a change made through another instance (revoking a link, a new password,
 * removed files) reaches this instance after at most `ttlMs`. Changes through this
 * instance's store clear the cache at once (`clear`), and expiry is compared with the clock
 * on every request, so a link still expires to the millisecond. Unknown tokens are never
 * remembered: every probe still reaches the database and its throttle. `ttlMs` 0 turns the
 * cache off.
 *
 * Concurrent misses share one load (and concurrent renders of one page one render): when a
 * popular link's entry expires, the hundred requests waiting for it cost one query, not a
 * hundred, so the pool is never flooded by one link (issue 13, the cache stampede). A lookup
 * never joins a load that began before a write through this instance.
 */
import type { Collection } from '../store/types.js';

/** A response body ready to send again as is. */
export interface CachedBody {
  type: string;
  body: Buffer;
}

/** The gate's view of one link: its collection and what may be reused with it. */
export interface CachedCollection {
  readonly collection: Collection;
  /** The body stored under `key` for this collection, else what `render` makes (then stored). */
  body(key: string, render: () => Promise<CachedBody>): Promise<CachedBody>;
  /** Which of `assetIds` belong to the collection: remembered ids first, `load` for the rest. */
  members(assetIds: readonly string[], load: (ids: string[]) => Promise<Set<string>>): Promise<Set<string>>;
  /** Remembers ids read from the collection itself (a rendered page). */
  rememberMembers(assetIds: readonly string[]): void;
}

export interface PublicCacheOptions {
  ttlMs: number;
  /** Bodies and remembered ids together stay under this many bytes (oldest links go first). */
  maxBytes: number;
  clock: () => number;
  /** Hears whether each lookup was served from the cache (the metrics count them). */
  onLookup?: (hit: boolean) => void;
}

/** A rough size of a remembered asset id in a Set. */
const MEMBER_BYTES = 64;

export class PublicCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  /** Bumped by `clear`: a lookup that began before a write must not store what it read. */
  private generation = 0;
  /** Loads under way, by token, with the generation they began in. */
  private readonly loading = new Map<string, { generation: number; entry: Promise<Entry | undefined> }>();

  constructor(private readonly options: PublicCacheOptions) {}

  /** The link's collection from a fresh entry, else from `load`; an unknown token is never remembered. */
  async find(token: string, load: () => Promise<Collection | undefined>): Promise<CachedCollection | undefined> {
    const now = this.options.clock();
    const fresh = this.entries.get(token);
    const hit = fresh !== undefined && fresh.expiresAt > now;
    this.options.onLookup?.(hit);
    if (hit) return fresh;
    if (this.options.ttlMs === 0) return this.load(token, load, now);
    const under = this.loading.get(token);
    if (under && under.generation === this.generation) return under.entry;
    const entry = this.load(token, load, now);
    const loading = { generation: this.generation, entry };
    this.loading.set(token, loading);
    try {
      return await entry;
    } finally {
      if (this.loading.get(token) === loading) this.loading.delete(token);
    }
  }

  private async load(token: string, load: () => Promise<Collection | undefined>, now: number): Promise<Entry | undefined> {
    const generation = this.generation;
    const collection = await load();
    if (!collection) return undefined;
    const entry = new Entry(collection, now + this.options.ttlMs, this);
    if (this.options.ttlMs > 0 && generation === this.generation) this.store(token, entry, now);
    else entry.live = false;
    return entry;
  }

  /** Forgets everything: called after every write through this instance's store. */
  clear(): void {
    this.generation += 1;
    for (const entry of this.entries.values()) entry.live = false;
    this.entries.clear();
    this.bytes = 0;
  }

  /** Called by a live entry that grew; evicts the oldest entries until the total fits. */
  grew(by: number): void {
    this.bytes += by;
    for (const [token, entry] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.drop(token, entry);
    }
  }

  private store(token: string, entry: Entry, now: number): void {
    const previous = this.entries.get(token);
    if (previous) this.drop(token, previous);
    // Entries are kept in the order they were made, so the expired ones are the first.
    for (const [oldToken, old] of this.entries) {
      if (old.expiresAt > now) break;
      this.drop(oldToken, old);
    }
    this.entries.set(token, entry);
  }

  private drop(token: string, entry: Entry): void {
    entry.live = false;
    this.bytes -= entry.bytes;
    this.entries.delete(token);
  }
}

class Entry implements CachedCollection {
  /** False once dropped: a request still holding it then stores nothing more in it. */
  live = true;
  bytes = 0;
  private readonly bodies = new Map<string, CachedBody>();
  /** Renders under way, by key: concurrent requests for one page share one. */
  private readonly rendering = new Map<string, Promise<CachedBody>>();
  private readonly knownMembers = new Set<string>();

  constructor(
    readonly collection: Collection,
    readonly expiresAt: number,
    private readonly cache: PublicCache,
  ) {}

  async body(key: string, render: () => Promise<CachedBody>): Promise<CachedBody> {
    const stored = this.bodies.get(key);
    if (stored) return stored;
    const under = this.rendering.get(key);
    if (under) return under;
    const making = render();
    this.rendering.set(key, making);
    try {
      const made = await making;
      if (this.live) {
        this.bodies.set(key, made);
        this.add(made.body.length);
      }
      return made;
    } finally {
      this.rendering.delete(key);
    }
  }

  async members(assetIds: readonly string[], load: (ids: string[]) => Promise<Set<string>>): Promise<Set<string>> {
    const unknown = assetIds.filter((id) => !this.knownMembers.has(id));
    const found = unknown.length > 0 ? await load(unknown) : new Set<string>();
    this.rememberMembers([...found]);
    return new Set(assetIds.filter((id) => this.knownMembers.has(id) || found.has(id)));
  }

  rememberMembers(assetIds: readonly string[]): void {
    if (!this.live) return;
    const before = this.knownMembers.size;
    for (const id of assetIds) this.knownMembers.add(id);
    this.add((this.knownMembers.size - before) * MEMBER_BYTES);
  }

  private add(bytes: number): void {
    this.bytes += bytes;
    this.cache.grew(bytes);
  }
}
