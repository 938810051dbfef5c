import type { Readable } from 'node:stream';
import type { Context } from 'koa';
import type { RoleName } from '../shared/api-types.js';

/** Role names the plugin understands (the contract's `RoleName`); a host maps its own roles onto these. */
export type Role = RoleName;

/** The signed-in DAM user, as the host knows them. */
export interface DamUser {
  id: string;
  name: string;
  role: Role;
}

/** What the plugin needs to know about one asset. */
export interface AssetMetadata {
  id: string;
  /** The file name users see, e.g. `IMG_0001.jpg`; may contain any Unicode. */
  name: string;
  mime: string;
  /** Size of the original in bytes. */
  size: number;
  width: number | null;
  height: number | null;
  /** Last modification of the original; used for ZIP entry times and ETags. */
  modifiedAt: Date;
  /**
   * Optional. False when the host has no thumbnail or preview image for this file (an archive,
   * a font, a video it cannot read): the gallery then shows a tile with its type, name and
   * size instead of a broken image. Absent means it has them, as for every asset before.
   */
  hasPreview?: boolean;
  /**
   * Optional. True when `openPlayable` has a rendition of this video that browsers play (H.264
   * MP4 or WebM); the viewer then plays it. Absent or false: the viewer shows the preview (the
   * poster) and, when downloads are allowed, offers the original.
   */
  playable?: boolean;
}

/** A rendition of a video that browsers play, looked up once and then opened per byte range. */
export interface PlayableRendition {
  /** Size of the whole rendition in bytes. */
  size: number;
  /** E.g. `video/mp4` or `video/webm`. */
  mime: string;
  /** Changes when the rendition does: the plugin's ETag derives from it, so a stale resume restarts. */
  modifiedAt: Date;
  /** The whole rendition or the inclusive byte `range` of it; null when it is gone. */
  open(range?: ByteRange): Promise<Readable | null>;
}

export type RenditionKind = 'thumbnail' | 'preview';

/** An inclusive byte range, as in an HTTP `Range` header. */
export interface ByteRange {
  start: number;
  end: number;
}

/** A readable file the host opened for the plugin. */
export interface AssetStream {
  stream: Readable;
  /** Size of the whole file in bytes (not of the range). */
  size: number;
  mime: string;
}

/** Opens one original, or an inclusive byte range of it, with no further lookup. Null when the file is gone. */
export type OriginalOpener = (range?: ByteRange) => Promise<AssetStream | null>;

/** An asset's metadata together with the function that opens its original (see `DamHost.openableAssets`). */
export interface OpenableAsset extends AssetMetadata {
  open: OriginalOpener;
}

/**
 * The only way the plugin learns about the host DAM. A host implements it once;
 * the plugin never reads host tables. Every method is async so a host may ask a
 * remote service.
 *
 * @example
 * const host: DamHost = {
 *   async currentUser(ctx) { return ctx.session?.user ?? null; },
 *   async readableAssetIds(user, ids) { return new Set(ids); },
 *   async assetMetadata(ids) { return new Map(ids.map((id) => [id, await lookUp(id)])); },
 *   async openOriginal(id, range) { ... },
 *   async openRendition(id, kind) { ... },
 * };
 */
export interface DamHost {
  /** The user signed in to the host for this request, or null when anonymous. */
  currentUser(ctx: Context): Promise<DamUser | null>;
  /** The subset of `assetIds` that `user` may read. Unknown ids are simply absent. */
  readableAssetIds(user: DamUser, assetIds: readonly string[]): Promise<Set<string>>;
  /**
   * Metadata for the assets that still exist in the catalog, keyed by id.
   * Ids of removed assets are absent, so their collections skip them.
   */
  assetMetadata(assetIds: readonly string[]): Promise<Map<string, AssetMetadata>>;
  /**
   * Opens the original file, or the inclusive byte `range` of it.
   * Resolves to null when the asset no longer exists; rejects when it exists but cannot be read.
   */
  openOriginal(assetId: string, range?: ByteRange): Promise<AssetStream | null>;
  /**
   * Opens a rendition (a JPEG or WebP made by the host). Renditions served to recipients
   * must carry no GPS or other location metadata. Null when the asset no longer exists.
   */
  openRendition(assetId: string, kind: RenditionKind): Promise<AssetStream | null>;
  /**
   * Optional, for ZIPs of many files: looks many originals up at once (one query, say) and
   * returns, for each asset that still exists, a function that opens it without looking it up
   * again. Without it a ZIP calls `openOriginal` once per file, and each call's own lookup
   * costs one more query. The sizes of the opened files must match `assetMetadata`'s, as
   * `openOriginal`'s must: a ZIP is laid out from the catalog's sizes.
   */
  originalOpeners?(assetIds: readonly string[]): Promise<Map<string, OriginalOpener>>;
  /**
   * Optional, for videos: the playable rendition of a video whose metadata says `playable`,
   * streamed to recipients with `Range` (players seek by ranges). Null when there is none.
   * Like thumbnails and previews it is served whenever the page is, downloads allowed or not.
   */
  openPlayable?(assetId: string): Promise<PlayableRendition | null>;

  /**
   * Optional, and the best a host can offer for ZIPs: `assetMetadata` and `originalOpeners` in
   * one lookup, so a ZIP reads each catalog row once (a ZIP of 100,000 files is laid out from
   * 100,000 rows before its first byte). Keyed by id like `assetMetadata`: assets removed from
   * the catalog are absent. Each `open` opens that original with no further lookup; its size
   * must be the metadata's `size`. The plugin calls `open` as a method of its asset, so it may
   * sit on a class's prototype: one function for 100,000 assets instead of a closure each.
   * When a host has it, ZIPs use it instead of the other two.
   *
   * @example
   * async openableAssets(ids) {
   *   const rows = await db('assets').whereIn('id', ids);
   *   return new Map(rows.map((row) => [row.id, { ...toMetadata(row), open: (range) => openFile(row.path, range) }]));
   * }
   */
  openableAssets?(assetIds: readonly string[]): Promise<Map<string, OpenableAsset>>;
}

/** The optional methods: `parseOptions` checks that each one a host has is a function. */
export const OPTIONAL_DAM_HOST_METHODS = ['originalOpeners', 'openableAssets', 'openPlayable'] as const satisfies readonly (keyof DamHost)[];

/** The methods `parseOptions` checks up front, so a host missing one fails at start-up. */
export const DAM_HOST_METHODS = [
  'currentUser',
  'readableAssetIds',
  'assetMetadata',
  'openOriginal',
  'openRendition',
] as const satisfies readonly (keyof DamHost)[];
