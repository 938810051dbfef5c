/**
 * The one gate in front of every public route (DESIGN.md, "One gate"). In order:
 * token well-formed and known (else 404, counted as a probe per client address), not
 * expired (410 everywhere; not counted), signed in to the DAM for non-public collections,
 * unlocked for password-protected ones, the asset in the collection, downloads allowed for
 * originals and ZIPs. Only then does a route run, with the collection in `ctx.state`.
 *
 * A locked collection leaks nothing: HTML routes answer the bare password form, data.json a
 * bare 401 error; neither names the collection.
 *
 * The collection and its known members come through the public cache (see public-cache.ts
 * for what that trades); expiry, the unlock cookie and sign-in are checked on every request.
 */
import type { Context, Middleware, Next } from 'koa';
import { ASSET_ID_PATTERN, TOKEN_PATTERN } from '../../shared/constants.js';
import { ForbiddenError, GoneError, NotFoundError, RateLimitedError, UnauthenticatedError } from '../../shared/errors.js';
import type { DamHost } from '../dam-host.js';
import type { Collection, CollectionStore } from '../store/types.js';
import type { AccessCookie } from './access-cookie.js';
import { renderPasswordPage } from './pages/password-page.js';
import { localeOf } from './public-strings.js';
import type { Operations } from '../operations.js';
import type { CachedCollection, PublicCache } from './public-cache.js';
import type { PublicThrottle } from './throttle-policy.js';

/** What a route serves decides which checks beyond the common ones apply. */
export type Serves = 'page' | 'unlock' | 'data' | 'rendition' | 'original' | 'zip';

/** What the gate hands to the routes. */
export interface PublicState {
  collection: Collection;
  /** The same collection as the cache holds it, with the bodies and members it remembers. */
  cached: CachedCollection;
  /** `<prefix>/<token>`, the base of every link of this collection. */
  base: string;
  /** The checked asset id, on asset routes. */
  assetId: string;
}

export interface GateDeps {
  collections: CollectionStore;
  cache: PublicCache;
  host: DamHost;
  throttle: PublicThrottle;
  accessCookie: AccessCookie;
  publicPrefix: string;
  assetsPath: string;
  now: () => Date;
  operations: Pick<Operations, 'throttled'>;
}

export type Gate = (serves: Serves) => Middleware;

export function createGate(deps: GateDeps): Gate {
  const { collections, cache, host, throttle, accessCookie, now } = deps;

  async function findCollection(ctx: Context): Promise<CachedCollection> {
    const token = String(ctx.params.token ?? '');
    const cached = TOKEN_PATTERN.test(token) ? await cache.find(token, () => collections.findByToken(token)) : undefined;
    if (cached) return cached;
    // Known tokens are never refused for probing: only guessing is slowed down.
    const wait = await throttle.probe(ctx.ip);
    if (wait > 0) {
      deps.operations.throttled('probe');
      throw new RateLimitedError(wait);
    }
    throw new NotFoundError('This link does not exist.');
  }

  function isLocked(ctx: Context, collection: Collection): boolean {
    if (collection.passwordHash === null) return false;
    return !accessCookie.isUnlocked(ctx, collection.id, collection.passwordVersion);
  }

  async function checkAsset(ctx: Context, cached: CachedCollection): Promise<string> {
    const assetId = String(ctx.params.assetId ?? '');
    if (!ASSET_ID_PATTERN.test(assetId)) throw new NotFoundError('This file is not in the collection.');
    const members = await cached.members([assetId], (ids) => collections.filterMembers(cached.collection.id, ids));
    if (!members.has(assetId)) throw new NotFoundError('This file is not in the collection.');
    return assetId;
  }

  return (serves) =>
    async function sharedCollectionsGate(ctx: Context, next: Next): Promise<void> {
      const cached = await findCollection(ctx);
      const { collection } = cached;
      if (collection.expiresAt !== null && collection.expiresAt.getTime() <= now().getTime()) throw new GoneError();
      if (!collection.isPublic && (await host.currentUser(ctx)) === null) {
        throw new UnauthenticatedError('Sign in to the catalog to view this collection.');
      }
      const base = `${deps.publicPrefix}/${collection.token}`;
      if (serves !== 'unlock' && isLocked(ctx, collection)) return answerLocked(ctx, serves, base, deps.assetsPath);
      const state = ctx.state as PublicState;
      state.collection = collection;
      state.cached = cached;
      state.base = base;
      if (serves === 'rendition' || serves === 'original') state.assetId = await checkAsset(ctx, cached);
      if ((serves === 'original' || serves === 'zip') && !collection.allowDownload) {
        throw new ForbiddenError('Downloading original files is not allowed for this collection.');
      }
      await next();
    };
}

function answerLocked(ctx: Context, serves: Serves, base: string, assetsPath: string): void {
  ctx.status = 401;
  if (serves === 'data') {
    ctx.body = { error: { code: 'unauthenticated', message: 'This collection is password-protected.' } };
    return;
  }
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = renderPasswordPage({ action: `${base}/unlock`, assetsPath, locale: localeOf(ctx) });
}
