import Router from '@koa/router';
import type { Context } from 'koa';
import { ForbiddenError } from 'koa-shared-collections';
import { signIn, signOut } from '../session.js';
import type { UserStore } from '../user-store.js';
import { renderLoginPage } from './login-page.js';
import { parseFormBody } from './read-body.js';

const MAX_FIELD_LENGTH = 200;

/** `GET /login`, `POST /login` (form fields `username`, `password`) and `POST /logout`. */
export function createAuthRoutes(users: UserStore): Router {
  const router = new Router();

  router.get('/login', (ctx) => {
    sendLoginPage(ctx, 200, {});
  });

  router.post('/login', async (ctx) => {
    // Another site could otherwise sign a visitor in as the attacker (login CSRF).
    if (isCrossSite(ctx)) throw new ForbiddenError('Sign in from this DAM’s own sign-in page.');
    const form = await parseFormBody(ctx);
    const username = (form.get('username') ?? '').trim();
    const password = form.get('password') ?? '';
    if (!username || !password || username.length > MAX_FIELD_LENGTH || password.length > MAX_FIELD_LENGTH) {
      sendLoginPage(ctx, 400, { message: 'Enter your user name and password.', username: username.slice(0, MAX_FIELD_LENGTH) });
      return;
    }
    const user = await users.verifyLogin(username, password);
    if (!user) {
      sendLoginPage(ctx, 401, { message: 'Wrong user name or password.', username });
      return;
    }
    signIn(ctx, Number(user.id));
    ctx.status = 303;
    ctx.redirect('/');
  });

  router.post('/logout', (ctx) => {
    signOut(ctx);
    ctx.status = 303;
    ctx.redirect('/login');
  });

  return router;
}

function sendLoginPage(ctx: Context, status: number, options: { message?: string; username?: string }): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = renderLoginPage(options);
}

/**
 * A form post from another site: `Sec-Fetch-Site` decides where the browser sends it (every
 * current one does); without it, an `Origin` other than this server's own.
 */
function isCrossSite(ctx: Context): boolean {
  const site = ctx.get('Sec-Fetch-Site');
  if (site) return site !== 'same-origin';
  const origin = ctx.get('Origin');
  return origin !== '' && origin !== `${ctx.protocol}://${ctx.host}`;
}
