/**
 * The HTTP contract's JSON shapes (DESIGN.md, "HTTP contract"). Both the plugin
 * and the extension import these types, so a change here is a change to the API.
 */
import type { ErrorCode, FieldIssue } from './errors.js';

export type RoleName = 'administrator' | 'editor' | 'viewer' | 'guest';

/** `GET /session` */
export interface SessionJson {
  user: { id: string; name: string; role: RoleName };
  permissions: { create: boolean; manageAll: boolean };
}

/** A collection as the owner API returns it. Never holds the token's hash or the password hash. */
export interface CollectionJson {
  id: number;
  title: string;
  description: string;
  isPublic: boolean;
  hasPassword: boolean;
  /** ISO 8601 instant, or null for no expiry. */
  expiresAt: string | null;
  expired: boolean;
  allowDownload: boolean;
  /** Absolute public URL of the shared link. */
  url: string;
  assetCount: number;
  coverAssetId: string | null;
  owner: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  /** Optimistic-concurrency revision: send it back as `revision` in a PATCH. */
  revision: number;
  /** `failedUnlocks`: wrong passwords tried on the link, so an owner sees an attack. */
  stats: { views: number; downloads: number; failedUnlocks: number; lastAccessAt: string | null };
}

/** An asset inside a collection, as `GET /:id` lists it. */
export interface CollectionAssetJson {
  id: string;
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  position: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  limit: number;
  total: number;
}

/** `GET /:id` */
export interface CollectionDetailJson extends CollectionJson {
  assets: Page<CollectionAssetJson>;
}

/** The request bodies are declared once, as the schemas that validate them. */
export type { CreateCollectionBody, UpdateAssetsBody, UpdateCollectionBody } from './validation.js';

/** `GET /`: every collection the user manages, newest first (not paged). */
export interface CollectionListJson {
  items: CollectionJson[];
}

/** `PATCH /:id/assets` answer: what happened to each id. */
export interface UpdateAssetsResultJson {
  added: string[];
  duplicates: string[];
  removed: string[];
  notInCollection: string[];
  collection: CollectionJson;
}

/** `GET /memberships?assetIds=a,b` */
export interface MembershipsJson {
  memberships: Record<string, { id: number; title: string }[]>;
}

/** Every error answer. */
export interface ErrorJson {
  error: { code: ErrorCode; message: string; issues?: FieldIssue[] };
}

/** `GET /s/:token/data.json` */
export interface PublicCollectionJson {
  title: string;
  description: string;
  allowDownload: boolean;
  expiresAt: string | null;
  assetCount: number;
  page: number;
  limit: number;
  assets: PublicAssetJson[];
}

export interface PublicAssetJson {
  id: string;
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  /** Null when the host has no picture for this file (the gallery shows a type tile). */
  thumbnailUrl: string | null;
  previewUrl: string | null;
  /** A video's playable rendition (streamed with Range), or null. */
  videoUrl: string | null;
  downloadUrl: string | null;
}
