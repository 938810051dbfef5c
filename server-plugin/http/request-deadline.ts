/**
 * A deadline on every plugin request. A database that stops answering without closing the
 * connection (packets dropped by a firewall, a frozen server) leaves a query waiting forever:
 * knex has no timeout on a running query and mysql2 waits for a reply that never comes. Past
 * the deadline the request answers `unavailable` (503 with Retry-After) through the usual
 * error mappings instead of hanging.
 *
 * Only the handler is timed, not the response: `await next()` resolves once a route has
 * assigned its body, so a stream (a ZIP, an original) keeps flowing for as long as it takes.
 */
import type { Context, Middleware, Next } from 'koa';
import { UnavailableError } from '../../shared/errors.js';
import type { Logger } from '../options.js';
import { describeForLog } from '../describe-for-log.js';

export interface RequestDeadlineOptions {
  /** How long a handler may run before the request answers 503. */
  timeoutMs: number;
  logger: Logger;
  /** The request's path as the log may show it (public paths carry the link token). */
  pathForLog: (ctx: Context) => string;
}

/**
 * Races the rest of the chain against a timer; the loser is abandoned, never awaited.
 *
 * @example
 * const deadline = createRequestDeadline({ timeoutMs: 20_000, logger, pathForLog: (ctx) => ctx.path });
 * await errors(ctx, () => deadline(ctx, () => routes(ctx, next)));
 */
export function createRequestDeadline(options: RequestDeadlineOptions): Middleware {
  const { timeoutMs, logger, pathForLog } = options;
  return async function sharedCollectionsDeadline(ctx: Context, next: Next): Promise<void> {
    // A promise even when next() throws synchronously, so the race below sees every outcome.
    const work = Promise.resolve().then(() => next());
    // Made only when it fires: a stack trace per request would cost every fast request too.
    let timeout: UnavailableError | undefined;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject((timeout = new UnavailableError('The request took too long; try again shortly.'))), timeoutMs);
    });
    try {
      await Promise.race([work, expired]);
    } catch (error) {
      if (timeout !== undefined && error === timeout) {
        const label = `${ctx.method} ${pathForLog(ctx)}`;
        logger.warn(`shared-collections: ${label} passed its ${timeoutMs / 1000} s deadline; answered 503`);
        // The abandoned handler may still fail (e.g. once the database answers); that is no bug of this request.
        work.catch((late: unknown) => logger.warn(`shared-collections: ${label} failed after its deadline`, describeForLog(late)));
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}
