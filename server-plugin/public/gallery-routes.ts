/**
 * The gallery page and `data.json`: one page of a collection. Rendering one costs the gate's
 * `findByToken` (which brings the total), `listAssets` (one page of ids) and the host's
 * metadata call: the same few queries for 10 assets or 10,000 (issue 5, budget 4). The body
 * is then kept in the public cache with the collection, so the next visitors within the
 * cache's time get the same bytes without a query; the page's assets are remembered as
 * members for its thumbnails. Views are recorded through the event buffer.
 * Assets removed from the catalog are absent from the metadata and are skipped silently.
 */
import type { Context } from 'koa';
import type { PublicAssetJson, PublicCollectionJson } from '../../shared/api-types.js';
import { NotFoundError } from '../../shared/errors.js';
import { parsePage } from '../../shared/validation.js';
import type { AssetMetadata, DamHost } from '../dam-host.js';
import { requestOrigin } from '../http/request-origin.js';
import type { EventBuffer } from '../event-buffer.js';
import type { CollectionStore } from '../store/types.js';
import type { PublicState } from './gate.js';
import type { CachedBody } from './public-cache.js';
import type { SummaryOf } from './collection-summary.js';
import { renderGalleryPage } from './pages/gallery-page.js';
import { CATALOG, localeOf } from './public-strings.js';

/** Thumbnails per gallery page: a few screens on a phone, one or two on a desktop. */
export const GALLERY_PAGE_SIZE = 60;

export interface GalleryDeps {
  collections: CollectionStore;
  host: DamHost;
  events: Pick<EventBuffer, 'record'>;
  assetsPath: string;
  publicBaseUrl: string | undefined;
  /** Whether the page says who shared it (the owner's display name). */
  showOwnerName: boolean;
  summaryOf: SummaryOf;
  now: () => Date;
}

async function loadPage(deps: GalleryDeps, state: PublicState, page: number, limit: number) {
  const assetIds = await deps.collections.listAssets(state.collection.id, { page, limit });
  const metadata = assetIds.length > 0 ? await deps.host.assetMetadata(assetIds) : new Map<string, AssetMetadata>();
  const assets = assetIds.flatMap((id) => metadata.get(id) ?? []);
  state.cached.rememberMembers(assetIds);
  return { assets, total: state.collection.assetCount };
}

function send(ctx: Context, { type, body }: CachedBody): void {
  ctx.type = type;
  ctx.body = body;
}

export function createGalleryRoutes(deps: GalleryDeps) {
  async function galleryPage(ctx: Context): Promise<void> {
    const state = ctx.state as PublicState;
    const { collection, base } = state;
    const { page } = parsePage({ page: ctx.query.page });
    const locale = localeOf(ctx);
    const rendered = await state.cached.body(`page ${page} ${locale}`, async () => {
      const [{ assets, total }, summary] = await Promise.all([loadPage(deps, state, page, GALLERY_PAGE_SIZE), deps.summaryOf(collection)]);
      const pageCount = Math.max(1, Math.ceil(total / GALLERY_PAGE_SIZE));
      if (page > pageCount) throw new NotFoundError('This page of the collection does not exist.');
      const html = renderGalleryPage({
        base,
        assetsPath: deps.assetsPath,
        locale,
        strings: CATALOG[locale],
        title: collection.title,
        description: collection.description,
        ownerName: deps.showOwnerName ? collection.ownerName : null,
        expiresAt: collection.expiresAt,
        now: deps.now(),
        allowDownload: collection.allowDownload,
        files: summary.files,
        bytes: summary.bytes,
        page,
        pageCount,
        pageSize: GALLERY_PAGE_SIZE,
        total,
        items: assets,
      });
      return { type: 'text/html; charset=utf-8', body: Buffer.from(html) };
    });
    if (ctx.method === 'GET') deps.events.record({ collectionId: collection.id, kind: 'view', at: deps.now() });
    send(ctx, rendered);
  }

  async function dataJson(ctx: Context): Promise<void> {
    const state = ctx.state as PublicState;
    const { collection } = state;
    const { page, limit } = parsePage(ctx.query);
    const origin = deps.publicBaseUrl ?? requestOrigin(ctx);
    const rendered = await state.cached.body(`data ${page} ${limit} ${origin}`, async () => {
      const { assets, total } = await loadPage(deps, state, page, limit);
      const body: PublicCollectionJson = {
        title: collection.title,
        description: collection.description,
        allowDownload: collection.allowDownload,
        expiresAt: collection.expiresAt?.toISOString() ?? null,
        assetCount: total,
        page,
        limit,
        assets: assets.map((asset) => assetJson(asset, `${origin}${state.base}`, collection.allowDownload)),
      };
      return { type: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(body)) };
    });
    send(ctx, rendered);
  }

  return { galleryPage, dataJson };
}

function assetJson(asset: AssetMetadata, base: string, allowDownload: boolean): PublicAssetJson {
  const url = `${base}/assets/${encodeURIComponent(asset.id)}`;
  return {
    id: asset.id,
    name: asset.name,
    mime: asset.mime,
    size: asset.size,
    width: asset.width,
    height: asset.height,
    thumbnailUrl: asset.hasPreview === false ? null : `${url}/thumbnail`,
    previewUrl: asset.hasPreview === false ? null : `${url}/preview`,
    videoUrl: asset.playable ? `${url}/video` : null,
    downloadUrl: allowDownload ? `${url}/original` : null,
  };
}
