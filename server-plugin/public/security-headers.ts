/**
 * Headers on every public response, errors included. The token is in the URL, so no
 * Referer may carry it away, nothing may be indexed or framed, and pages may load only
 * the plugin's own styles, script, images and media, and fetch only their own origin (the
 * viewer reads the link's other pages from data.json).
 */
import type { Context, Next } from 'koa';

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src 'self'; media-src 'self'; connect-src 'self'; style-src 'self'; script-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // Pages depend on the unlock cookie and the password version: never reuse them from a cache.
  'Cache-Control': 'private, no-store',
};

export async function securityHeaders(ctx: Context, next: Next): Promise<void> {
  ctx.set(SECURITY_HEADERS);
  await next();
}
