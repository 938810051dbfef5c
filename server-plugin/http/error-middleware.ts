/**
 * The owner API's error answers. Its parts are shared with the public side's pages
 * (`public/public-errors.ts`), so both agree on every status: `error-status.ts` maps errors
 * to statuses, `error-body.ts` writes the JSON, `report-refusal.ts` counts and logs refusals,
 * `describe-for-log.ts` keeps secrets out of the log.
 */
import type { Context, Middleware, Next } from 'koa';
import { isDomainError } from '../../shared/error-guards.js';
import { describeForLog } from '../describe-for-log.js';
import type { Operations } from '../operations.js';
import type { Logger } from '../options.js';
import { errorBody } from './error-body.js';
import { setErrorHeaders, statusOf, toDomainError } from './error-status.js';
import { reportRefusal } from './report-refusal.js';

/**
 * Catches everything below it and answers `{ error: { code, message, issues? } }`.
 * Outages are logged as warnings, bugs as errors with the stack; refusals as one JSON line.
 */
export function createErrorMiddleware(logger: Logger, operations: Operations): Middleware {
  return async function sharedCollectionsErrors(ctx: Context, next: Next) {
    try {
      await next();
    } catch (error) {
      const domain = toDomainError(error);
      if (!domain) logger.error(`shared-collections: ${ctx.method} ${ctx.path} failed`, describeForLog(error));
      else if (domain.code === 'unavailable' && !isDomainError(error)) logger.warn('shared-collections: database unavailable', describeForLog(error));
      reportRefusal(operations, ctx, error, domain, ctx.path);
      ctx.status = statusOf(error);
      if (domain) setErrorHeaders(ctx, domain);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = errorBody(domain);
    }
  };
}
