import type { Context } from 'koa';

/**
 * This server's own origin as the client addressed it (`app.proxy` makes it honour
 * X-Forwarded-Proto/Host). Not `ctx.origin`: since Koa 3 that is the request's
 * `Origin` header, which a cross-site attacker chooses.
 */
export function requestOrigin(ctx: Context): string {
  return `${ctx.protocol}://${ctx.host}`;
}

/**
 * True when a form post comes from another site. `Sec-Fetch-Site` decides where the browser
 * sends it (every current one does): only `same-origin` is ours. Without it, an `Origin` other
 * than ours is foreign. `Origin: null` proves nothing either way: our own pages send it, since
 * their `Referrer-Policy: no-referrer` also hides the origin of their form posts.
 */
export function isForeignFormPost(ctx: Context, publicBaseUrl: string | undefined): boolean {
  const site = ctx.get('Sec-Fetch-Site');
  if (site) return site !== 'same-origin';
  const origin = ctx.get('Origin');
  return origin !== '' && origin !== 'null' && origin !== requestOrigin(ctx) && origin !== publicBaseUrl;
}
