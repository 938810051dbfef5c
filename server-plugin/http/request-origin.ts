import type { Context } from 'koa';

/**
 * This server's own origin as the client addressed it (`app.proxy` makes it honour
 * X-Forwarded-Proto/Host). Not `ctx.origin`: since Koa 3 that is the request's
 * `Origin` header, which a cross-site attacker chooses.
 */
export function requestOrigin(ctx: Context): string {
  return `${ctx.protocol}://${ctx.host}`;
}
