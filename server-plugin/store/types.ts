/**
 * The plugin's persistence seam. Everything above the store sees these camelCase
 * domain objects; snake_case rows never leave `server-plugin/store/`. Routes and the
 * service take these interfaces, so their unit tests can pass a fake.
 */

/** One shared collection. Times are UTC instants (millisecond precision). */
export interface Collection {
  id: number;
  /** The public link's secret: 32 url-safe characters, compared case-sensitively. */
  token: string;
  title: string;
  description: string;
  isPublic: boolean;
  /** bcrypt hash, or null for password-free. Never leaves the plugin. */
  passwordHash: string | null;
  /** Bumped whenever the password is set, changed or removed; unlock cookies carry it. */
  passwordVersion: number;
  expiresAt: Date | null;
  allowDownload: boolean;
  ownerId: string;
  ownerName: string;
  createdAt: Date;
  updatedAt: Date;
  /** Optimistic concurrency: bumped by every edit, including asset changes. */
  revision: number;
  /** Number of rows in the collection (assets since removed from the catalog included). */
  assetCount: number;
  /** The first asset by position, or null when empty. */
  coverAssetId: string | null;
}

export interface NewCollection {
  token: string;
  title: string;
  description: string;
  isPublic: boolean;
  passwordHash: string | null;
  expiresAt: Date | null;
  allowDownload: boolean;
  ownerId: string;
  ownerName: string;
  assetIds: readonly string[];
  now: Date;
}

/** Fields an edit may change; absent keys stay as they are. */
export interface CollectionChanges {
  title?: string;
  description?: string;
  isPublic?: boolean;
  /** null removes the password. Any change here bumps `passwordVersion`. */
  passwordHash?: string | null;
  expiresAt?: Date | null;
  allowDownload?: boolean;
}

export interface CollectionStats {
  views: number;
  downloads: number;
  /** Wrong passwords tried on the link: an owner sees an attack. */
  failedUnlocks: number;
  lastAccessAt: Date | null;
}

export interface AssetsChangeResult {
  added: string[];
  /** Ids of `add` already in the collection. */
  duplicates: string[];
  removed: string[];
  /** Ids of `remove` that were not in the collection. */
  notInCollection: string[];
  /** Read inside the change's transaction: its revision is the one this change produced. */
  collection: Collection;
}

export type EventKind = 'view' | 'download' | 'zip' | 'unlock_failed';

/** One access to a public link: a page view, an original or ZIP downloaded, a wrong password. */
export interface NewEvent {
  collectionId: number;
  kind: EventKind;
  assetId?: string | null;
  at: Date;
}

export interface CollectionStore {
  /** Inserts the collection and its assets (in the given order) in one transaction. */
  create(input: NewCollection): Promise<Collection>;
  findById(id: number): Promise<Collection | undefined>;
  /** The revision of each collection that still exists, in one query: has anything changed? */
  revisions(ids: readonly number[]): Promise<Map<number, number>>;
  /** One query; used by the public gate on every request. */
  findByToken(token: string): Promise<Collection | undefined>;
  /** All collections, or those of one owner, newest first. */
  list(filter: { ownerId?: string }): Promise<Collection[]>;
  /**
   * Applies `changes` if the stored revision still equals `expectedRevision` (when given),
   * bumps the revision and `updatedAt`. Throws ConflictError on a stale revision and
   * NotFoundError when the collection is gone.
   */
  update(id: number, changes: CollectionChanges, options: { expectedRevision?: number; now: Date }): Promise<Collection>;
  /** Deletes the collection, its asset rows and events. Returns false when it did not exist. */
  delete(id: number): Promise<boolean>;
  /**
   * One page of asset ids in position order (page counts from 1), in one query. The total is
   * the collection's `assetCount`, which every caller has already read: counting again here
   * would cost a second pass over the collection's rows on every page view.
   */
  listAssets(collectionId: number, page: { page: number; limit: number }): Promise<string[]>;
  /** All asset ids in position order (for ZIP of all). */
  listAllAssetIds(collectionId: number): Promise<string[]>;
  /** Which of `assetIds` are in the collection. */
  filterMembers(collectionId: number, assetIds: readonly string[]): Promise<Set<string>>;
  /**
   * Appends the new ids of `add` after the last position, then removes the ids of `remove`,
   * as one transaction that bumps the revision once: simultaneous changes apply one after
   * the other, never interleaved. Reports per id, with the collection as this change left it.
   */
  changeAssets(collectionId: number, change: { add: readonly string[]; remove: readonly string[] }, now: Date): Promise<AssetsChangeResult>;
  /**
   * For each asset id, the collections (optionally only one owner's) that hold it, by title.
   * Assets held by the same collections may share one list: read it, never change it.
   */
  memberships(assetIds: readonly string[], filter: { ownerId?: string }): Promise<Map<string, readonly CollectionRef[]>>;
  /** Statistics for many collections in one query. */
  stats(collectionIds: readonly number[]): Promise<Map<number, CollectionStats>>;
  /** Stores many events at once; those of collections deleted meanwhile are dropped. */
  recordEvents(events: readonly NewEvent[]): Promise<void>;
}

/** A collection as `GET /memberships` names it. */
export interface CollectionRef {
  readonly id: number;
  readonly title: string;
}

/** One throttle counter: failures since the last reset, and when the latest happened. */
export interface ThrottleRecord {
  failures: number;
  lastFailureAt: Date;
}

/** Counters for failed unlocks and token probes, stored in the database so limits hold across instances. */
export interface ThrottleStore {
  /** The current failure count and the time of the last failure for `key`, or undefined. */
  find(key: string): Promise<ThrottleRecord | undefined>;
  /**
   * Atomically increments the failures for `key` (creating it) and returns a count that
   * includes this failure; simultaneous callers may both see the higher count, never a lower one.
   */
  recordFailure(key: string, now: Date): Promise<number>;
  /**
   * Compare-and-set: writes `next` only if the counter still equals `expected` (undefined:
   * no counter). False when another request changed it first, so of several simultaneous
   * attempts that read the same counter exactly one is counted.
   */
  replaceIf(key: string, expected: ThrottleRecord | undefined, next: ThrottleRecord): Promise<boolean>;
  /** Forgets `key` (after a successful unlock). */
  reset(key: string): Promise<void>;
  /** Removes counters whose last failure is older than `before`. */
  prune(before: Date): Promise<number>;
}
