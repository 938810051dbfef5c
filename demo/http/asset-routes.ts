import Router from '@koa/router';
import { NotFoundError, type DamHost } from 'koa-shared-collections';
import type { AssetStore } from '../asset-store.js';
import { parseAssetId } from './parse-asset-id.js';
import { type HostState, requireUser } from './require-user.js';

/**
 * `/assets/:id/thumbnail`, `/assets/:id/preview` and `/assets/:id/original`, for signed-in
 * users. They go through the same DamHost the plugin uses, so both see the same files.
 */
export function createAssetRoutes(host: DamHost, assets: AssetStore): Router<HostState> {
  const router = new Router<HostState>();

  router.get('/assets/:id/:kind', requireUser(host, 'refuse'), async (ctx) => {
    const kind = ctx.params.kind;
    if (kind !== 'thumbnail' && kind !== 'preview' && kind !== 'original') throw new NotFoundError();
    const id = String(parseAssetId(ctx.params.id));
    ctx.set('X-Content-Type-Options', 'nosniff');
    if (kind === 'original') {
      const asset = await assets.findById(Number(id));
      const opened = asset ? await host.openOriginal(id) : null;
      if (!asset || !opened) throw new NotFoundError('This asset is no longer in the catalog.');
      ctx.type = opened.mime;
      ctx.attachment(asset.filename, { fallback: asciiFallback(asset.filename) });
      ctx.set('Cache-Control', 'private, no-cache');
      ctx.length = opened.size;
      ctx.body = opened.stream;
      return;
    }
    const rendition = await host.openRendition(id, kind);
    if (!rendition) throw new NotFoundError('This asset is no longer in the catalog.');
    // Renditions of an asset never change, but they stay private to signed-in users.
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.type = rendition.mime;
    ctx.length = rendition.size;
    ctx.body = rendition.stream;
  });

  return router;
}

/**
 * The name for clients that read only the quoted `filename` (Koa's default would send
 * Latin-1 there); every current browser takes the exact UTF-8 name from `filename*`.
 *
 * @example
 * asciiFallback('Café.jpg'); // 'Caf_.jpg'
 */
function asciiFallback(filename: string): string {
  return filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
}
