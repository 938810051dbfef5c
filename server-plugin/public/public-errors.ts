/**
 * Errors of the public side as pages (or JSON for data.json), with the statuses the owner
 * API uses (`statusOf` is the single mapping). Client input never yields a 500: anything
 * unexpected is logged, with the token masked in the path and redacted from the error, and answered with a generic page.
 */
import type { Context, Middleware, Next } from 'koa';
import { describeForLog } from '../describe-for-log.js';
import { errorBody } from '../http/error-body.js';
import { setErrorHeaders, statusOf, toDomainError } from '../http/error-status.js';
import { reportRefusal } from '../http/report-refusal.js';
import type { Operations } from '../operations.js';
import type { Logger } from '../options.js';
import { renderMessagePage } from './pages/message-page.js';
import { localeOf } from './public-strings.js';
import { SECURITY_HEADERS } from './security-headers.js';

/** Paths of the public side name the token: logs get `<prefix>/…` with the token masked. */
export function maskToken(path: string, publicPrefix: string): string {
  if (!path.startsWith(`${publicPrefix}/`)) return path;
  const rest = path.slice(publicPrefix.length + 1);
  const slash = rest.indexOf('/');
  return `${publicPrefix}/<token>${slash >= 0 ? rest.slice(slash) : ''}`;
}

export function createPublicErrors(options: { publicPrefix: string; assetsPath: string; logger: Logger; operations: Operations }): Middleware {
  const { publicPrefix, assetsPath, logger, operations } = options;
  return async function sharedCollectionsPublicErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
    } catch (error) {
      const domain = toDomainError(error);
      // describeForLog, not the error itself: knex inlines the token into a failed query's message.
      if (!domain) logger.error(`shared-collections: ${ctx.method} ${maskToken(ctx.path, publicPrefix)} failed`, describeForLog(error));
      reportRefusal(operations, ctx, error, domain, maskToken(ctx.path, publicPrefix));
      // A stream may have set its own type and length before failing; start the answer afresh.
      ctx.remove('Content-Disposition');
      ctx.remove('Content-Range');
      ctx.remove('Accept-Ranges');
      ctx.remove('ETag');
      ctx.set(SECURITY_HEADERS);
      ctx.status = statusOf(error);
      if (domain) setErrorHeaders(ctx, domain);
      if (ctx.path.endsWith('/data.json')) {
        ctx.body = errorBody(domain);
        return;
      }
      ctx.type = 'text/html; charset=utf-8';
      // Domain messages are written for users (and, being thrown by the gate, never name the collection).
      ctx.body = renderMessagePage(domain?.code ?? 'internal', assetsPath, localeOf(ctx), domain?.message);
    }
  };
}
