/**
 * The recipients' side, mounted under the public prefix (default `/s`). Every route that
 * takes a token is declared through `guarded`, which puts the one gate in front of it, so a
 * route cannot be added without the gate. The security headers and the error pages wrap
 * everything under the prefix, including 404s for paths that match no route.
 */
import { availableParallelism } from 'node:os';
import Router from '@koa/router';
import type Koa from 'koa';
import compose from 'koa-compose';
import type { Context, Middleware, Next } from 'koa';
import { NotFoundError } from '../../shared/errors.js';
import type { DamHost } from '../dam-host.js';
import type { EventBuffer } from '../event-buffer.js';
import type { Operations } from '../operations.js';
import type { ResolvedOptions } from '../options.js';
import { PasswordVerifier } from '../password-verifier.js';
import type { CollectionStore, ThrottleStore } from '../store/types.js';
import { createCrcCache, createOriginalFacts } from '../zip/index.js';
import { createAccessCookie, type Signer } from './access-cookie.js';
import type { ActiveDownloads } from './active-downloads.js';
import { createCollectionSummaries } from './collection-summary.js';
import { createDownloadRoute } from './download-route.js';
import { createFileRoutes } from './file-routes.js';
import { createGalleryRoutes } from './gallery-routes.js';
import { createGate, type Serves } from './gate.js';
import { createRequestDeadline } from '../http/request-deadline.js';
import type { PublicCache } from './public-cache.js';
import { createPublicErrors, maskToken } from './public-errors.js';
import { securityHeaders } from './security-headers.js';
import { staticAsset } from './static-assets.js';
import { createPublicThrottle } from './throttle-policy.js';
import { createUnlockRoute, unlockPageReload } from './unlock-route.js';
import { createWorkLimiter } from './work-limiter.js';

/** How long a link's file count and total size are reused, and for how many links at most. */
const SUMMARY_SECONDS = 60;
const SUMMARY_ENTRIES = 10_000;

export interface PublicRouterDeps {
  app: Koa;
  options: ResolvedOptions;
  collections: CollectionStore;
  throttle: ThrottleStore;
  host: DamHost;
  cache: PublicCache;
  events: EventBuffer;
  downloads: ActiveDownloads;
  operations: Operations;
}

/** Returns one named Koa middleware that answers every path under the public prefix. */
export function createPublicRouter(deps: PublicRouterDeps): Middleware {
  const { app, options, collections, host, cache, events, downloads, operations } = deps;
  const { publicPrefix, now } = options;
  // Koa's app.keys is a list of keys or a Keygrip the host made itself.
  const keys: readonly string[] | Signer | undefined = options.keys ?? app.keys;
  if (!keys || (Array.isArray(keys) && keys.length === 0)) {
    throw new TypeError('createSharedCollections: options.keys (or app.keys) is required to sign the unlock cookie');
  }
  const assetsPath = `${publicPrefix}/_assets`;
  const accessCookie = createAccessCookie(keys, publicPrefix);
  const throttle = createPublicThrottle(deps.throttle, options.throttle, now);
  const gate = createGate({ collections, cache, host, throttle, accessCookie, publicPrefix, assetsPath, now, operations });
  // bcrypt runs on threads of its own, at most half the cores: the rest stay everyone else's.
  const concurrency = Math.max(1, Math.floor(availableParallelism() / 2));
  const bcryptLimiter = createWorkLimiter({ concurrency, queue: 4 * concurrency });
  const passwords = new PasswordVerifier();

  const summaryOf = createCollectionSummaries({
    collections,
    host,
    ttlMs: SUMMARY_SECONDS * 1000,
    maxEntries: SUMMARY_ENTRIES,
    clock: () => now().getTime(),
  });
  const gallery = createGalleryRoutes({
    collections, host, events, assetsPath, publicBaseUrl: options.publicBaseUrl, showOwnerName: options.showOwnerName, summaryOf, now,
  });
  const files = createFileRoutes({ events, host, downloads, now, logger: options.logger });
  const facts = createOriginalFacts({ clock: () => now().getTime() });
  const download = createDownloadRoute({ collections, events, host, downloads, crcCache: createCrcCache(), facts, operations, now });
  const refusalPauseMs = options.throttle.refusalPauseSeconds * 1000;
  const unlock = createUnlockRoute({
    events, throttle, accessCookie, bcryptLimiter, passwords, refusalPauseMs, assetsPath, publicBaseUrl: options.publicBaseUrl, now, operations,
  });

  const router = new Router({ prefix: publicPrefix });
  const guarded = (method: 'get' | 'post', path: string, serves: Serves, handler: Middleware) =>
    router[method](path, gate(serves), handler);

  router.get('/_assets/:file', staticAsset);
  guarded('get', '/:token', 'page', gallery.galleryPage);
  guarded('post', '/:token/unlock', 'unlock', unlock);
  guarded('get', '/:token/unlock', 'page', unlockPageReload);
  guarded('get', '/:token/data.json', 'data', gallery.dataJson);
  guarded('get', '/:token/assets/:assetId/thumbnail', 'rendition', files.thumbnail);
  guarded('get', '/:token/assets/:assetId/preview', 'rendition', files.preview);
  guarded('get', '/:token/assets/:assetId/video', 'rendition', files.video);
  guarded('get', '/:token/assets/:assetId/original', 'original', files.original);
  guarded('get', '/:token/download', 'zip', download);
  guarded('post', '/:token/download', 'zip', download);
  router.all('/{*rest}', () => {
    throw new NotFoundError('There is nothing at this address.');
  });

  const errors = createPublicErrors({ publicPrefix, assetsPath, logger: options.logger, operations });
  const deadline = createRequestDeadline({
    timeoutMs: options.requestTimeoutSeconds * 1000,
    logger: options.logger,
    pathForLog: (ctx) => maskToken(ctx.path, publicPrefix),
  });
  // The router's context type adds its own fields; to Koa it is an ordinary middleware.
  const chain = compose([securityHeaders, errors, deadline, router.routes() as Middleware]);
  return async function sharedCollectionsPublic(ctx: Context, next: Next): Promise<void> {
    if (!ctx.path.startsWith(`${publicPrefix}/`)) return next();
    await chain(ctx, next);
  };
}
