/**
 * `POST <prefix>/<token>/unlock`, form field `password` (never read from the URL, which
 * would land in logs and history). Order matters: the throttle admits and counts the attempt
 * first, so a client inside its back-off gets 429 without any bcrypt work and simultaneous
 * guesses cannot all slip past the count; bcrypt itself runs through a small limiter, so a
 * flood of guesses cannot starve other visitors.
 */
import type { Context } from 'koa';
import { verifyPassword } from '../passwords.js';
import type { CollectionStore } from '../store/types.js';
import type { AccessCookie } from './access-cookie.js';
import { readForm } from './form-body.js';
import type { PublicState } from './gate.js';
import { renderPasswordPage } from './pages/password-page.js';
import type { PublicThrottle } from './throttle-policy.js';
import type { WorkLimiter } from './work-limiter.js';

export interface UnlockDeps {
  collections: CollectionStore;
  throttle: PublicThrottle;
  accessCookie: AccessCookie;
  bcryptLimiter: WorkLimiter;
  assetsPath: string;
  now: () => Date;
}

/** Far more than any password field (128 characters, 4 bytes each, URL-encoded). */
const FORM_LIMIT_BYTES = 4096;

export function createUnlockRoute(deps: UnlockDeps) {
  return async function unlock(ctx: Context): Promise<void> {
    const { collection, base } = ctx.state as PublicState;
    const form = await readForm(ctx, FORM_LIMIT_BYTES);
    if (collection.passwordHash === null) return seeOther(ctx, base);
    const wait = await deps.throttle.unlockAttempt(collection.id, ctx.ip);
    if (wait > 0) {
      ctx.set('Retry-After', String(wait));
      return answerForm(ctx, 429, `Too many attempts. Try again in ${wait} seconds.`);
    }
    const password = form.get('password') ?? '';
    const hash = collection.passwordHash;
    const ok = password.length > 0 && (await deps.bcryptLimiter.run(() => verifyPassword(password, hash)));
    if (ok) {
      await deps.throttle.unlockSucceeded(collection.id, ctx.ip);
      deps.accessCookie.grant(ctx, collection.id, collection.passwordVersion);
      return seeOther(ctx, base);
    }
    await deps.throttle.unlockFailed(collection.id);
    await deps.collections.recordEvent({ collectionId: collection.id, kind: 'unlock_failed', at: deps.now() });
    answerForm(ctx, 401, 'Wrong password');
  };

  function answerForm(ctx: Context, status: number, message: string): void {
    const { base } = ctx.state as PublicState;
    ctx.status = status;
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = renderPasswordPage({ action: `${base}/unlock`, assetsPath: deps.assetsPath, message });
  }
}

/** 303, so the browser follows with a GET and a reload does not post the password again. */
function seeOther(ctx: Context, location: string): void {
  ctx.status = 303;
  ctx.redirect(location);
}
