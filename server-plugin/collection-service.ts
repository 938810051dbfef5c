/**
 * The owner side's rules, HTTP-free: every method takes the signed-in user and a
 * validated input. `getManageableCollection` alone decides "not found" and "forbidden".
 */
import type { CollectionAssetJson, Page } from '../shared/api-types.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import type { CreateCollectionInput, PageInput, UpdateAssetsInput, UpdateCollectionInput } from '../shared/validation.js';
import type { ManagedCollection } from './collection-json.js';
import type { DamHost, DamUser } from './dam-host.js';
import type { EventBuffer } from './event-buffer.js';
import type { ResolvedOptions } from './options.js';
import { hashPassword } from './passwords.js';
import { canManage, ownerFilter, requireSharer } from './permissions.js';
import type { Collection, CollectionChanges, CollectionRef, CollectionStore } from './store/types.js';
import { createToken } from './tokens.js';

export interface AssetsChange {
  added: string[];
  duplicates: string[];
  removed: string[];
  notInCollection: string[];
  collection: ManagedCollection;
}

type ServiceOptions = Pick<ResolvedOptions, 'now' | 'randomBytes' | 'bcryptRounds'>;

export class CollectionService {
  constructor(
    private readonly store: CollectionStore,
    private readonly host: DamHost,
    private readonly events: Pick<EventBuffer, 'flush'>,
    private readonly options: ServiceOptions,
  ) {}

  async list(user: DamUser): Promise<ManagedCollection[]> {
    requireSharer(user);
    return this.withStats(await this.store.list(ownerFilter(user)));
  }

  async create(user: DamUser, input: CreateCollectionInput): Promise<ManagedCollection> {
    requireSharer(user);
    await this.requireReadable(user, 'assetIds', input.assetIds);
    const collection = await this.store.create({
      token: createToken(this.options.randomBytes),
      title: input.title,
      description: input.description,
      isPublic: input.isPublic,
      passwordHash: input.password === null ? null : await hashPassword(input.password, this.options.bcryptRounds),
      expiresAt: input.expiresAt,
      allowDownload: input.allowDownload,
      ownerId: user.id,
      ownerName: user.name,
      assetIds: input.assetIds,
      now: this.options.now(),
    });
    return this.withStat(collection);
  }

  /** The collection and one page of its assets; assets since removed from the catalog are skipped. */
  async get(user: DamUser, input: { id: number; page: PageInput }): Promise<ManagedCollection & { assets: Page<CollectionAssetJson> }> {
    const collection = await this.getManageableCollection(user, input.id);
    const { page, limit } = input.page;
    const assetIds = await this.store.listAssets(collection.id, input.page);
    const metadata = await this.host.assetMetadata(assetIds);
    const items: CollectionAssetJson[] = [];
    assetIds.forEach((id, index) => {
      const asset = metadata.get(id);
      if (!asset) return;
      const { name, mime, size, width, height } = asset;
      items.push({ id, name, mime, size, width, height, position: (page - 1) * limit + index });
    });
    return { ...(await this.withStat(collection)), assets: { items, page, limit, total: collection.assetCount } };
  }

  async update(user: DamUser, input: { id: number; changes: UpdateCollectionInput }): Promise<ManagedCollection> {
    const collection = await this.getManageableCollection(user, input.id);
    const { revision, password, ...rest } = input.changes;
    const isPublic = rest.isPublic ?? collection.isPublic;
    const hasPassword = password === undefined ? collection.passwordHash !== null : password !== null;
    if (!isPublic && hasPassword) {
      throw ValidationError.field('password', 'A collection without public access cannot have a password: remove the password too.');
    }
    const changes: CollectionChanges = { ...rest };
    if (password !== undefined) {
      changes.passwordHash = password === null ? null : await hashPassword(password, this.options.bcryptRounds);
    }
    const updated = await this.store.update(collection.id, changes, {
      now: this.options.now(),
      ...(revision === undefined ? {} : { expectedRevision: revision }),
    });
    return this.withStat(updated);
  }

  /** Deletes the collection only: the assets stay in the host's catalog. */
  async delete(user: DamUser, input: { id: number }): Promise<void> {
    const collection = await this.getManageableCollection(user, input.id);
    if (!(await this.store.delete(collection.id))) throw notFound();
  }

  /** Adds only assets the user may read (all or nothing), then removes, in one step; a result per id. */
  async updateAssets(user: DamUser, input: { id: number; change: UpdateAssetsInput }): Promise<AssetsChange> {
    const collection = await this.getManageableCollection(user, input.id);
    const { add, remove } = input.change;
    await this.requireReadable(user, 'add', add);
    const { collection: changed, ...result } = await this.store.changeAssets(collection.id, { add, remove }, this.options.now());
    return { ...result, collection: await this.withStat(changed) };
  }

  /** For each asset id, the collections this user manages that hold it. */
  async memberships(user: DamUser, input: { assetIds: string[] }): Promise<Map<string, readonly CollectionRef[]>> {
    requireSharer(user);
    return this.store.memberships(input.assetIds, ownerFilter(user));
  }

  /**
   * Viewers and guests are refused (403) before any lookup. An editor asking for
   * someone else's collection gets 404, like a missing one: collection ids are
   * sequential, and "exists but not yours" would tell other editors what exists.
   */
  private async getManageableCollection(user: DamUser, id: number): Promise<Collection> {
    requireSharer(user);
    const collection = await this.store.findById(id);
    if (!collection || !canManage(user, collection)) throw notFound();
    return collection;
  }

  /** Unknown and unreadable ids get the same answer, so the check reveals nothing about other users' assets. */
  private async requireReadable(user: DamUser, field: string, assetIds: readonly string[]): Promise<void> {
    if (assetIds.length === 0) return;
    const readable = await this.host.readableAssetIds(user, assetIds);
    const denied = assetIds.filter((id) => !readable.has(id));
    if (denied.length === 0) return;
    const shown = denied.slice(0, 5).join(', ') + (denied.length > 5 ? `, and ${denied.length - 5} more` : '');
    throw new ValidationError(
      `You cannot share ${denied.length === 1 ? 'this file' : 'these files'} (unknown or not readable): ${shown}.`,
      denied.slice(0, 20).map((id) => ({ field, message: `Unknown or unreadable asset id "${id}".` })),
    );
  }

  private async withStat(collection: Collection): Promise<ManagedCollection> {
    const [managed] = await this.withStats([collection]);
    return managed!;
  }

  /** This instance's buffered events are written first, so its own visitors are always counted. */
  private async withStats(collections: Collection[]): Promise<ManagedCollection[]> {
    await this.events.flush();
    const stats = await this.store.stats(collections.map((c) => c.id));
    return collections.map((collection) => ({
      collection,
      stats: stats.get(collection.id) ?? { views: 0, downloads: 0, failedUnlocks: 0, lastAccessAt: null },
    }));
  }
}

function notFound(): NotFoundError {
  return new NotFoundError('No such shared collection.');
}
