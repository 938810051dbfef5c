/**
 * The ordered asset list of one collection. Every function runs inside a transaction
 * that has already locked the collection row (see `lockCollection`), so concurrent
 * add/remove requests on one collection apply one after the other.
 */
import type { Knex } from 'knex';
import { LIMITS } from '../../shared/constants.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { chunk, IN_CHUNK, INSERT_CHUNK, type RawCollectionAssetRow } from './rows.js';
import type { TableNames } from './table-names.js';

/**
 * Bumps the revision and `updated_at` as the transaction's first statement: the UPDATE
 * takes the row's write lock on MySQL (held until commit) and the database write lock
 * on SQLite, so the reads that follow cannot race with another writer.
 */
export async function lockCollection(trx: Knex.Transaction, t: TableNames, collectionId: number, now: Date): Promise<void> {
  const changed = await trx(t.collections)
    .where({ id: collectionId })
    .update({ revision: trx.raw('revision + 1'), updated_at: now.getTime() });
  if (changed === 0) throw new NotFoundError('This shared collection no longer exists.');
}

/** Which of `assetIds` the collection holds: one query per 1000 ids. */
export async function selectMembers(db: Knex, t: TableNames, collectionId: number, assetIds: readonly string[]): Promise<Set<string>> {
  const members = new Set<string>();
  for (const ids of chunk(assetIds, IN_CHUNK)) {
    const rows: Pick<RawCollectionAssetRow, 'asset_id'>[] = await db(t.collectionAssets)
      .select('asset_id')
      .where({ collection_id: collectionId })
      .whereIn('asset_id', ids);
    for (const row of rows) members.add(row.asset_id);
  }
  return members;
}

/** Appends `assetIds` (all new to the collection) after its last position, in batched inserts. */
export async function appendAssets(trx: Knex.Transaction, t: TableNames, collectionId: number, assetIds: readonly string[], now: Date): Promise<void> {
  if (assetIds.length === 0) return;
  const last = await trx(t.collectionAssets)
    .where({ collection_id: collectionId })
    .max({ position: 'position' })
    .count({ total: '*' })
    .first();
  const total = Number(last?.total ?? 0);
  if (total + assetIds.length > LIMITS.maxAssetsPerCollection) {
    throw ValidationError.field('add', `A collection holds at most ${LIMITS.maxAssetsPerCollection} files.`);
  }
  const start = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
  const rows: RawCollectionAssetRow[] = assetIds.map((assetId, index) => ({
    collection_id: collectionId,
    asset_id: assetId,
    position: start + index,
    added_at: now.getTime(),
  }));
  for (const batch of chunk(rows, INSERT_CHUNK)) await trx(t.collectionAssets).insert(batch);
  await adjustAssetCount(trx, t, collectionId, rows.length);
}

/**
 * Deletes `assetIds` (unique) from the collection and tells which of them it held. A request
 * usually names members only, so the deletes run first and their row counts prove that,
 * sparing a select as costly as the deletes; when some ids were not members, a savepoint
 * undoes the deletes, and a select tells which ids to delete and report.
 */
export async function removeMembers(
  trx: Knex.Transaction, t: TableNames, collectionId: number, assetIds: readonly string[],
): Promise<{ removed: string[]; notInCollection: string[] }> {
  if (assetIds.length === 0) return { removed: [], notInCollection: [] };
  const allMembers = await trx
    .transaction(async (savepoint) => {
      if ((await deleteAssets(savepoint, t, collectionId, assetIds)) !== assetIds.length) throw new NotAllMembers();
    })
    .then(() => true, (error: unknown) => {
      if (error instanceof NotAllMembers) return false;
      throw error;
    });
  let removed = [...assetIds];
  let notInCollection: string[] = [];
  if (!allMembers) {
    const present = await selectMembers(trx, t, collectionId, assetIds);
    removed = assetIds.filter((id) => present.has(id));
    notInCollection = assetIds.filter((id) => !present.has(id));
    await deleteAssets(trx, t, collectionId, removed);
  }
  await adjustAssetCount(trx, t, collectionId, -removed.length);
  return { removed, notInCollection };
}

/** Keeps the collection's stored `asset_count` equal to its rows (see the asset_count migration). */
async function adjustAssetCount(trx: Knex.Transaction, t: TableNames, collectionId: number, delta: number): Promise<void> {
  if (delta !== 0) await trx(t.collections).where({ id: collectionId }).update({ asset_count: trx.raw('asset_count + ?', [delta]) });
}

/** Rolls the savepoint back: some ids to remove were not in the collection. */
class NotAllMembers extends Error {
  override readonly name = 'NotAllMembers';
}

async function deleteAssets(trx: Knex.Transaction, t: TableNames, collectionId: number, assetIds: readonly string[]): Promise<number> {
  let deleted = 0;
  for (const ids of chunk(assetIds, IN_CHUNK)) {
    deleted += await trx(t.collectionAssets).where({ collection_id: collectionId }).whereIn('asset_id', ids).delete();
  }
  return deleted;
}
