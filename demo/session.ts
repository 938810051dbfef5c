import type Koa from 'koa';
import type { Context, Middleware } from 'koa';
import createSession from 'koa-session';
import type { SessionStore } from './session-store.js';

/** The host's session cookie; the plugin keeps its own under another name. */
export const HOST_SESSION_COOKIE = 'dam.sess';

const EIGHT_HOURS = 8 * 60 * 60 * 1000;

/**
 * The host session: a signed, HttpOnly, SameSite=Lax cookie holding only a random session id;
 * the session itself (the user id) lives in `store`, so signing out ends it for good.
 */
export function createHostSession(app: Koa, store: SessionStore): Middleware {
  return createSession(
    { key: HOST_SESSION_COOKIE, maxAge: EIGHT_HOURS, httpOnly: true, signed: true, sameSite: 'lax', rolling: true, store },
    app,
  );
}

/** The signed-in user's id, or undefined for anonymous requests (and sessions from older shapes). */
export function readSessionUserId(ctx: Context): number | undefined {
  const userId: unknown = ctx.session?.userId;
  return typeof userId === 'number' && Number.isSafeInteger(userId) && userId > 0 ? userId : undefined;
}

export function signIn(ctx: Context, userId: number): void {
  ctx.session = { userId };
}

export function signOut(ctx: Context): void {
  ctx.session = null;
}
