/**
 * The knex implementation of `CollectionStore`, identical on MySQL/MariaDB and SQLite.
 * A collection's asset count is a stored column the asset writes keep exact, and its cover
 * a correlated subquery on the position index, so a read costs the same one query, and
 * the same time, whatever the collection's size.
 */
import type { Knex } from 'knex';
import { LIMITS } from '../../shared/constants.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { appendAssets, lockCollection, removeMembers, selectMembers } from './asset-rows.js';
import { retryDeadlocks } from './deadlock-retry.js';
import { MembershipCache, type Membership } from './membership-cache.js';
import { migrateLatest } from './migrate.js';
import { MEMBERSHIPS_GENERATION } from './migrations/20261203000000_generations.js';
import { chunk, IN_CHUNK, INSERT_CHUNK, toCollection, toColumns, toDate, whereInValues, type RawCollectionAssetRow, type RawCollectionRow } from './rows.js';
import { tableNames, type TableNames } from './table-names.js';
import type {
  AssetsChangeResult, Collection, CollectionChanges, CollectionRef, CollectionStats, CollectionStore, NewCollection, NewEvent,
} from './types.js';

export interface StoreOptions {
  knex: Knex;
  tablePrefix: string;
  /** Called after every edit, deletion or asset change, committed or not (the public cache listens). */
  onWrite?: () => void;
}

/**
 * Assets whose memberships an instance keeps: one whole collection of the largest size. 100,000
 * ids of 14 characters took 8.8 MiB of heap when they shared one list, 21.4 MiB with a list each.
 */
const MEMBERSHIP_CACHE_ENTRIES = LIMITS.maxAssetsPerCollection;

export class KnexCollectionStore implements CollectionStore {
  private readonly membershipCache = new MembershipCache(MEMBERSHIP_CACHE_ENTRIES);

  /** Runs the plugin's migrations, then returns the store. */
  static async create(options: StoreOptions): Promise<KnexCollectionStore> {
    await migrateLatest(options.knex, options.tablePrefix);
    return KnexCollectionStore.open(options);
  }

  /** A store over tables that already exist (the plugin migrates once, at `migrate()`). */
  static open(options: StoreOptions): KnexCollectionStore {
    return new KnexCollectionStore(options.knex, tableNames(options.tablePrefix), options.onWrite ?? (() => {}));
  }

  private constructor(
    private readonly knex: Knex,
    private readonly t: TableNames,
    private readonly onWrite: () => void,
  ) {}

  async create(input: NewCollection): Promise<Collection> {
    return this.transaction(async (trx) => {
      const at = input.now.getTime();
      const [id] = await trx(this.t.collections).insert({
        token: input.token,
        title: input.title,
        description: input.description,
        is_public: input.isPublic,
        password_hash: input.passwordHash,
        password_version: input.passwordHash === null ? 0 : 1,
        expires_at: input.expiresAt?.getTime() ?? null,
        allow_download: input.allowDownload,
        owner_id: input.ownerId,
        owner_name: input.ownerName,
        created_at: at,
        updated_at: at,
        revision: 1,
      });
      await appendAssets(trx, this.t, Number(id), [...new Set(input.assetIds)], input.now);
      await this.bumpMembershipsGeneration(trx);
      return this.getById(trx, Number(id));
    });
  }

  async findById(id: number): Promise<Collection | undefined> {
    return this.findOne(this.knex, { 'c.id': id });
  }

  async revisions(ids: readonly number[]): Promise<Map<number, number>> {
    const result = new Map<number, number>();
    for (const batch of chunk([...new Set(ids)], IN_CHUNK)) {
      const rows: { id: number; revision: number }[] = await this.knex(this.t.collections).select('id', 'revision').whereIn('id', batch);
      for (const row of rows) result.set(Number(row.id), Number(row.revision));
    }
    return result;
  }

  async findByToken(token: string): Promise<Collection | undefined> {
    return this.findOne(this.knex, { 'c.token': token });
  }

  async list(filter: { ownerId?: string }): Promise<Collection[]> {
    const query = this.selectCollections(this.knex).orderBy([{ column: 'c.created_at', order: 'desc' }, { column: 'c.id', order: 'desc' }]);
    if (filter.ownerId !== undefined) query.where('c.owner_id', filter.ownerId);
    const rows: RawCollectionRow[] = await query;
    return rows.map(toCollection);
  }

  async update(id: number, changes: CollectionChanges, options: { expectedRevision?: number; now: Date }): Promise<Collection> {
    return this.change(async (trx) => {
      const query = trx(this.t.collections).where({ id });
      if (options.expectedRevision !== undefined) query.where({ revision: options.expectedRevision });
      const changed = await query.update({ ...toColumns(changes, trx), revision: trx.raw('revision + 1'), updated_at: options.now.getTime() });
      if (changed === 0) {
        const exists = await trx(this.t.collections).where({ id }).first('id');
        throw exists ? new ConflictError() : new NotFoundError('This shared collection no longer exists.');
      }
      if (changes.title !== undefined) await this.bumpMembershipsGeneration(trx);
      return this.getById(trx, id);
    });
  }

  /**
   * Locks the collection row first, as every asset change does (`lockCollection`): taking
   * the child rows first made a delete racing an asset change deadlock on MySQL. Deletes
   * children explicitly too, so it holds even on a SQLite connection without `foreign_keys`.
   */
  async delete(id: number): Promise<boolean> {
    return this.change(async (trx) => {
      const locked = await trx(this.t.collections).where({ id }).update({ revision: trx.raw('revision + 1') });
      if (locked === 0) return false;
      await trx(this.t.events).where({ collection_id: id }).delete();
      await trx(this.t.collectionAssets).where({ collection_id: id }).delete();
      const deleted = (await trx(this.t.collections).where({ id }).delete()) > 0;
      await this.bumpMembershipsGeneration(trx);
      return deleted;
    });
  }

  async listAssets(collectionId: number, page: { page: number; limit: number }): Promise<string[]> {
    const rows: { asset_id: string }[] = await this.knex(this.t.collectionAssets)
      .select('asset_id')
      .where({ collection_id: collectionId })
      .orderBy('position')
      .limit(page.limit)
      .offset((page.page - 1) * page.limit);
    return rows.map((row) => row.asset_id);
  }

  async listAllAssetIds(collectionId: number): Promise<string[]> {
    const rows: { asset_id: string }[] = await this.knex(this.t.collectionAssets)
      .select('asset_id')
      .where({ collection_id: collectionId })
      .orderBy('position');
    return rows.map((row) => row.asset_id);
  }

  async filterMembers(collectionId: number, assetIds: readonly string[]): Promise<Set<string>> {
    return selectMembers(this.knex, this.t, collectionId, assetIds);
  }

  async changeAssets(collectionId: number, change: { add: readonly string[]; remove: readonly string[] }, now: Date): Promise<AssetsChangeResult> {
    const add = [...new Set(change.add)];
    const remove = [...new Set(change.remove)];
    return this.change(async (trx) => {
      await lockCollection(trx, this.t, collectionId, now);
      const present = await selectMembers(trx, this.t, collectionId, add);
      const added = add.filter((id) => !present.has(id));
      const duplicates = add.filter((id) => present.has(id));
      await appendAssets(trx, this.t, collectionId, added, now);
      // After the adds, so an id both added and removed in one request ends up removed.
      const { removed, notInCollection } = await removeMembers(trx, this.t, collectionId, remove);
      if (added.length + removed.length > 0) await this.bumpMembershipsGeneration(trx);
      return { added, duplicates, removed, notInCollection, collection: await this.getById(trx, collectionId) };
    });
  }

  /**
   * From the memberships cache while the shared generation row says it is current
   * (membership-cache.ts); the ids it lacks from two plain queries, not a join: the members by
   * the asset_id index, then their collections by primary key. Joined, MariaDB started from the
   * collections whenever its statistics lagged behind a large insert, and read all 100,000 rows
   * of a large collection for 10 ids. Sorted here, by title (by code unit, the same on every
   * engine) and then id, so the order does not depend on how the collections were split into
   * queries either.
   */
  async memberships(assetIds: readonly string[], filter: { ownerId?: string }): Promise<Map<string, readonly CollectionRef[]>> {
    const cached = this.membershipCache.at(await this.membershipsGeneration());
    const found = assetIds.map((id) => cached.get(id));
    const missing = new Set(assetIds.filter((_, index) => found[index] === undefined));
    const loaded = missing.size > 0 ? await this.loadMemberships([...missing]) : new Map<string, Membership[]>();
    cached.fill(loaded);
    // Assets held by the same collections share one list (loadMemberships): filtered once each.
    const visible = new Map<readonly Membership[], CollectionRef[]>();
    const visibleOf = (memberships: readonly Membership[]) => {
      let list = visible.get(memberships);
      if (!list) {
        list = memberships.filter(({ ownerId }) => filter.ownerId === undefined || ownerId === filter.ownerId).map(({ collection }) => collection);
        visible.set(memberships, list);
      }
      return list;
    };
    const result = new Map<string, readonly CollectionRef[]>();
    assetIds.forEach((id, index) => result.set(id, visibleOf(found[index] ?? loaded.get(id)!)));
    return result;
  }

  async stats(collectionIds: readonly number[]): Promise<Map<number, CollectionStats>> {
    const result = new Map<number, CollectionStats>(collectionIds.map((id) => [id, { views: 0, downloads: 0, failedUnlocks: 0, lastAccessAt: null }]));
    for (const ids of chunk([...new Set(collectionIds)], IN_CHUNK)) {
      const rows: { collection_id: number; views: number | string; downloads: number | string; failed_unlocks: number | string; last_at: number | string | null }[] =
        await this.knex(this.t.events)
          .select('collection_id')
          .select(this.knex.raw("SUM(CASE WHEN kind = 'view' THEN 1 ELSE 0 END) AS views"))
          .select(this.knex.raw("SUM(CASE WHEN kind IN ('download', 'zip') THEN 1 ELSE 0 END) AS downloads"))
          .select(this.knex.raw("SUM(CASE WHEN kind = 'unlock_failed' THEN 1 ELSE 0 END) AS failed_unlocks"))
          // A failed unlock is not an access: the last access is the last view or download.
          .select(this.knex.raw("MAX(CASE WHEN kind <> 'unlock_failed' THEN at END) AS last_at"))
          .whereIn('collection_id', ids)
          .groupBy('collection_id');
      for (const row of rows) {
        result.set(Number(row.collection_id), {
          views: Number(row.views),
          downloads: Number(row.downloads),
          failedUnlocks: Number(row.failed_unlocks),
          lastAccessAt: toDate(row.last_at),
        });
      }
    }
    return result;
  }

  async recordEvents(events: readonly NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.transaction(async (trx) => {
      // Shared locks keep the collections from being deleted before the insert (foreign keys).
      const ids = [...new Set(events.map((event) => event.collectionId))];
      const existing = new Set((await trx(this.t.collections).whereIn('id', ids).forShare().pluck('id')).map(Number));
      const rows = events
        .filter((event) => existing.has(event.collectionId))
        .map((event) => ({ collection_id: event.collectionId, kind: event.kind, asset_id: event.assetId ?? null, at: event.at.getTime() }));
      for (const batch of chunk(rows, INSERT_CHUNK)) await trx(this.t.events).insert(batch);
    });
  }

  /** Every collection holding each of `assetIds`, whoever owns it; `[]` for an asset in none. */
  private async loadMemberships(assetIds: readonly string[]): Promise<Map<string, Membership[]>> {
    const holders = new Map<number, string[]>();
    for (const ids of chunk(assetIds, IN_CHUNK)) {
      const rows: Pick<RawCollectionAssetRow, 'asset_id' | 'collection_id'>[] = await whereInValues(
        this.knex(this.t.collectionAssets).select('asset_id', 'collection_id'), this.knex, 'asset_id', ids,
      );
      for (const row of rows) {
        const held = holders.get(Number(row.collection_id));
        if (held) held.push(row.asset_id);
        else holders.set(Number(row.collection_id), [row.asset_id]);
      }
    }
    const collections: Membership[] = [];
    for (const ids of chunk([...holders.keys()], IN_CHUNK)) {
      const rows: { id: number; title: string; owner_id: string }[] = await this.knex(this.t.collections).select('id', 'title', 'owner_id').whereIn('id', ids);
      for (const row of rows) collections.push({ collection: { id: Number(row.id), title: row.title }, ownerId: row.owner_id });
    }
    collections.sort(({ collection: a }, { collection: b }) => (a.title < b.title ? -1 : a.title > b.title ? 1 : a.id - b.id));
    const held = new Map<string, Membership[]>(assetIds.map((id) => [id, []]));
    for (const membership of collections) {
      for (const assetId of holders.get(membership.collection.id)!) held.get(assetId)!.push(membership);
    }
    // One list per set of collections, shared by every asset they hold: a page of a large
    // collection costs one list, not one per asset, in the cache and in the answer.
    const shared = new Map<string, Membership[]>();
    for (const [assetId, memberships] of held) {
      const key = memberships.map(({ collection }) => collection.id).join(',');
      const list = shared.get(key);
      if (list) held.set(assetId, list);
      else shared.set(key, memberships);
    }
    return held;
  }

  private async membershipsGeneration(): Promise<number> {
    const row: { value: number | string } | undefined = await this.knex(this.t.generations).where({ name: MEMBERSHIPS_GENERATION }).first('value');
    return Number(row?.value);
  }

  /** In the transaction of a change to what `memberships` answers, as its last statement (the row is every such writer's last lock). */
  private async bumpMembershipsGeneration(trx: Knex.Transaction): Promise<void> {
    await trx(this.t.generations).where({ name: MEMBERSHIPS_GENERATION }).increment('value', 1);
  }

  /** A transaction that changes an existing collection; `onWrite` hears of it even when it fails. */
  private async change<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    try {
      return await this.transaction(work);
    } finally {
      this.onWrite();
    }
  }

  /** Every write is one transaction, run again if MariaDB picks it as a deadlock victim. */
  private transaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return retryDeadlocks(() => this.knex.transaction(work));
  }

  private selectCollections(db: Knex): Knex.QueryBuilder {
    return db(`${this.t.collections} as c`).select(
      'c.*',
      db(this.t.collectionAssets).select('asset_id').where('collection_id', db.ref('c.id')).orderBy('position').limit(1).as('cover_asset_id'),
    );
  }

  private async findOne(db: Knex, where: Record<string, unknown>): Promise<Collection | undefined> {
    const row: RawCollectionRow | undefined = await this.selectCollections(db).where(where).first();
    return row ? toCollection(row) : undefined;
  }

  private async getById(db: Knex, id: number): Promise<Collection> {
    const collection = await this.findOne(db, { 'c.id': id });
    if (!collection) throw new NotFoundError('This shared collection no longer exists.');
    return collection;
  }
}
