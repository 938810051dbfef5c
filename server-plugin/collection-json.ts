/** Maps domain collections to the owner API's JSON (never a token hash or password hash). */
import type { CollectionJson } from '../shared/api-types.js';
import type { Collection, CollectionStats } from './store/types.js';

/** A collection with its statistics: what the service hands the router. */
export interface ManagedCollection {
  collection: Collection;
  stats: CollectionStats;
}

export interface LinkContext {
  /** `publicBaseUrl`, or the request's origin when the host did not set one. */
  origin: string;
  publicPrefix: string;
  now: Date;
}

/** The absolute public URL of a collection's link. */
function publicUrl(collection: Collection, link: Pick<LinkContext, 'origin' | 'publicPrefix'>): string {
  return `${link.origin}${link.publicPrefix}/${collection.token}`;
}

function isExpired(collection: Collection, now: Date): boolean {
  return collection.expiresAt !== null && collection.expiresAt.getTime() <= now.getTime();
}

export function toCollectionJson({ collection, stats }: ManagedCollection, link: LinkContext): CollectionJson {
  return {
    id: collection.id,
    title: collection.title,
    description: collection.description,
    isPublic: collection.isPublic,
    hasPassword: collection.passwordHash !== null,
    expiresAt: collection.expiresAt?.toISOString() ?? null,
    expired: isExpired(collection, link.now),
    allowDownload: collection.allowDownload,
    url: publicUrl(collection, link),
    assetCount: collection.assetCount,
    coverAssetId: collection.coverAssetId,
    owner: { id: collection.ownerId, name: collection.ownerName },
    createdAt: collection.createdAt.toISOString(),
    updatedAt: collection.updatedAt.toISOString(),
    revision: collection.revision,
    stats: { views: stats.views, downloads: stats.downloads, failedUnlocks: stats.failedUnlocks, lastAccessAt: stats.lastAccessAt?.toISOString() ?? null },
  };
}
