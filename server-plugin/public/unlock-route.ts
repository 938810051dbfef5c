/**
 * `POST <prefix>/<token>/unlock`, form field `password` (never read from the URL, which
 * would land in logs and history), from the link's own page only. Order matters:
 * - a read of the throttle first, so a client inside its back-off gets 429 without taking a
 *   place in the bcrypt limiter, let alone doing bcrypt work;
 * - bcrypt runs through a small limiter, on low-priority threads of its own (PasswordVerifier),
 *   so a flood of guesses cannot starve other visitors;
 * - inside the limiter's slot, the throttle admits and counts the attempt before bcrypt, so
 *   simultaneous guesses cannot all slip past the count, and a guess the busy limiter
 *   refuses (503) was never counted, since it was never checked;
 * - a refusal (429 or 503) is answered after a pause: refusing is cheap but not free, and
 *   clients guessing in a closed loop would otherwise send as many guesses as the server can
 *   refuse, queueing every other visitor behind them (issue 5, budget 6).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from 'koa';
import { isUnavailableError } from '../../shared/error-guards.js';
import { ForbiddenError } from '../../shared/errors.js';
import type { EventBuffer } from '../event-buffer.js';
import { isForeignFormPost } from '../http/request-origin.js';
import type { Operations } from '../operations.js';
import { throttleAddress } from './client-address.js';
import type { PasswordVerifier } from '../password-verifier.js';
import type { AccessCookie } from './access-cookie.js';
import { readForm } from './form-body.js';
import type { PublicState } from './gate.js';
import { renderPasswordPage } from './pages/password-page.js';
import { CATALOG, fill, localeOf } from './public-strings.js';
import type { PublicThrottle } from './throttle-policy.js';
import type { WorkLimiter } from './work-limiter.js';

export interface UnlockDeps {
  events: Pick<EventBuffer, 'record'>;
  throttle: PublicThrottle;
  accessCookie: AccessCookie;
  bcryptLimiter: WorkLimiter;
  passwords: Pick<PasswordVerifier, 'verify'>;
  /** How long a refused attempt waits before its answer (see ThrottleOptions.refusalPauseSeconds). */
  refusalPauseMs: number;
  assetsPath: string;
  /** Counts as our own origin too: behind a proxy the request may name an internal one. */
  publicBaseUrl: string | undefined;
  now: () => Date;
  operations: Operations;
}

/** Far more than any password field (128 characters, 4 bytes each, URL-encoded). */
const FORM_LIMIT_BYTES = 4096;

export function createUnlockRoute(deps: UnlockDeps) {
  return async function unlock(ctx: Context): Promise<void> {
    const { collection, base } = ctx.state as PublicState;
    // A hostile page could otherwise spend a visitor's failed attempts and lengthen their back-off.
    if (isForeignFormPost(ctx, deps.publicBaseUrl)) throw new ForbiddenError('Unlock this link from its own page.');
    const form = await readForm(ctx, FORM_LIMIT_BYTES);
    if (collection.passwordHash === null) return seeOther(ctx, base);
    const early = await deps.throttle.unlockWait(collection.id, ctx.ip);
    if (early > 0) return refuse(ctx, early);
    const password = form.get('password') ?? '';
    const hash = collection.passwordHash;
    const outcome = await deps.bcryptLimiter
      .run(async () => {
        const wait = await deps.throttle.unlockAttempt(collection.id, ctx.ip);
        return wait > 0 ? { wait, ok: false } : { wait, ok: password.length > 0 && (await deps.passwords.verify(password, hash)) };
      })
      .catch(async (error: unknown) => {
        if (isUnavailableError(error)) await pause();
        throw error;
      });
    if (outcome.wait > 0) return refuse(ctx, outcome.wait);
    if (outcome.ok) {
      await deps.throttle.unlockSucceeded(collection.id, ctx.ip);
      deps.accessCookie.grant(ctx, collection.id, collection.passwordVersion);
      return seeOther(ctx, base);
    }
    await deps.throttle.unlockFailed(collection.id);
    deps.events.record({ collectionId: collection.id, kind: 'unlock_failed', at: deps.now() });
    deps.operations.event('info', 'unlock_failed', { collectionId: collection.id, address: throttleAddress(ctx.ip) });
    answerForm(ctx, 401, CATALOG[localeOf(ctx)].wrongPassword);
  };

  /**
   * The refusal pause, plus up to half again at random: clients refused together would
   * otherwise come back together, and their retries would reach the server as one burst.
   */
  function pause(): Promise<void> {
    return sleep(deps.refusalPauseMs * (1 + Math.random() / 2));
  }

  async function refuse(ctx: Context, wait: number): Promise<void> {
    const { collection } = ctx.state as PublicState;
    deps.operations.throttled('unlock');
    deps.operations.refused('unlock_throttled');
    deps.operations.event('info', 'unlock_throttled', { collectionId: collection.id, address: throttleAddress(ctx.ip), retryAfterSeconds: wait });
    await pause();
    ctx.set('Retry-After', String(wait));
    answerForm(ctx, 429, fill(CATALOG[localeOf(ctx)].tooManyAttempts, { n: wait }));
  }

  function answerForm(ctx: Context, status: number, message: string): void {
    const { base } = ctx.state as PublicState;
    ctx.status = status;
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = renderPasswordPage({ action: `${base}/unlock`, assetsPath: deps.assetsPath, locale: localeOf(ctx), message });
  }
}

/**
 * `GET <prefix>/<token>/unlock`: after a wrong password the address bar shows the unlock URL,
 * and a reload asks for it. Behind the gate, a still locked link answers its password form
 * here; an open one sends the browser to its page.
 */
export function unlockPageReload(ctx: Context): void {
  seeOther(ctx, (ctx.state as PublicState).base);
}

/** 303, so the browser follows with a GET and a reload does not post the password again. */
function seeOther(ctx: Context, location: string): void {
  ctx.status = 303;
  ctx.redirect(location);
}
