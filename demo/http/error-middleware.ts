import type { Middleware } from 'koa';
import { isDatabaseOutage, isDomainError, STATUS_BY_ERROR_CODE } from 'koa-shared-collections';

/**
 * The one place the host turns errors into responses: domain errors get their status and
 * message, other exposable (4xx) HTTP errors theirs, an unreachable database (the session
 * store's, the catalog's) 503 with `Retry-After`, as the plugin answers it, everything else
 * a bare 500 whose details go to the log only. APIs answer JSON, pages plain text.
 */
/** What a client is told to wait while the database is unreachable (the plugin says the same). */
const DATABASE_RETRY_AFTER_SECONDS = 5;

export function errorMiddleware(): Middleware {
  return async function hostErrors(ctx, next) {
    try {
      await next();
    } catch (error) {
      let status = 500;
      let code = 'internal';
      let message = 'Something went wrong on the server.';
      if (isDomainError(error)) {
        status = STATUS_BY_ERROR_CODE[error.code];
        code = error.code;
        message = error.message;
      } else if (isExposableHttpError(error)) {
        status = error.status;
        code = 'http_error';
        message = error.message;
      } else if (isDatabaseOutage(error)) {
        status = 503;
        code = 'unavailable';
        message = 'The database is unavailable right now. Try again in a moment.';
        ctx.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      } else {
        ctx.app.emit('error', error, ctx);
      }
      if (ctx.headerSent) return;
      ctx.status = status;
      if (ctx.path.startsWith('/api/')) ctx.body = { error: { code, message } };
      else {
        ctx.type = 'text/plain; charset=utf-8';
        ctx.body = message;
      }
    }
  };
}

function isExposableHttpError(error: unknown): error is { status: number; message: string } {
  const candidate = error as { status?: unknown; expose?: unknown } | null;
  return typeof candidate?.status === 'number' && candidate.status >= 400 && candidate.status < 500 && candidate.expose === true;
}
