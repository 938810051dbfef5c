import type { Middleware } from 'koa';
import { UnauthenticatedError, type DamHost, type DamUser } from 'koa-shared-collections';

/** What the host's routes find in `ctx.state` once signed in. */
export interface HostState {
  user: DamUser;
}

/**
 * Lets signed-in users through with `ctx.state.user` set. Anonymous page requests are sent
 * to the sign-in page; anything else (APIs, images) gets a 401.
 */
export function requireUser(host: DamHost, anonymous: 'redirect' | 'refuse'): Middleware<HostState> {
  return async function requireHostUser(ctx, next) {
    const user = await host.currentUser(ctx);
    if (!user) {
      if (anonymous === 'redirect') {
        ctx.redirect('/login');
        return;
      }
      throw new UnauthenticatedError();
    }
    ctx.state.user = user;
    await next();
  };
}
