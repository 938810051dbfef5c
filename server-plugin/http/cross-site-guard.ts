/**
 * Refuses cross-site state changes (DESIGN.md, "HTTP contract"): a POST, PATCH, PUT or
 * DELETE must carry `Content-Type: application/json` (which an HTML form cannot send)
 * and, when the browser sends an `Origin`, it must be this server's own origin. No CORS
 * header is ever set, so other sites cannot read answers either.
 */
import type { Context, Middleware, Next } from 'koa';
import { ForbiddenError } from '../../shared/errors.js';
import { requestOrigin } from './request-origin.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `publicBaseUrl` counts as our own origin too: behind a proxy the request may name an internal one. */
export function createCrossSiteGuard(publicBaseUrl: string | undefined): Middleware {
  return async function sharedCollectionsCrossSiteGuard(ctx: Context, next: Next) {
    if (!SAFE_METHODS.has(ctx.method)) {
      // The header itself, not ctx.is(): that answers null for an empty body (a DELETE) whatever the type.
      const mediaType = ctx.get('Content-Type').split(';')[0]!.trim().toLowerCase();
      if (mediaType !== 'application/json') {
        throw new ForbiddenError('Changes must be sent as application/json.');
      }
      const origin = ctx.get('Origin');
      if (origin && origin !== requestOrigin(ctx) && origin !== publicBaseUrl) {
        throw new ForbiddenError('Cross-site requests are not allowed.');
      }
    }
    await next();
  };
}
