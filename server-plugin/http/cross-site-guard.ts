/**
 * Refuses cross-site state changes (DESIGN.md, "HTTP contract"): a POST, PUT or PATCH
 * must carry `Content-Type: application/json` (which an HTML form cannot send), and any
 * state change whose browser sends an `Origin` must come from this server's own origin.
 * A DELETE has no body, so it needs no content type (an HTML form cannot send DELETE,
 * and a cross-site script cannot either without a CORS preflight); when it declares
 * one, it must still be JSON. No CORS header is ever set, so other sites cannot read
 * answers either.
 */
import type { Context, Middleware, Next } from 'koa';
import { ForbiddenError } from '../../shared/errors.js';
import { requestOrigin } from './request-origin.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The media type itself, not ctx.is(): that answers null for an empty body whatever the type. */
function mediaType(ctx: Context): string {
  return ctx.get('Content-Type').split(';')[0]!.trim().toLowerCase();
}

/** `publicBaseUrl` counts as our own origin too: behind a proxy the request may name an internal one. */
export function createCrossSiteGuard(publicBaseUrl: string | undefined): Middleware {
  return async function sharedCollectionsCrossSiteGuard(ctx: Context, next: Next) {
    if (!SAFE_METHODS.has(ctx.method)) {
      const type = mediaType(ctx);
      if (type !== 'application/json' && (ctx.method !== 'DELETE' || type !== '')) {
        throw new ForbiddenError('Changes must be sent as application/json.');
      }
      const origin = ctx.get('Origin');
      const crossSite = ctx.get('Sec-Fetch-Site') === 'cross-site';
      if (crossSite || (origin && origin !== requestOrigin(ctx) && origin !== publicBaseUrl)) {
        throw new ForbiddenError('Cross-site requests are not allowed.');
      }
    }
    await next();
  };
}
