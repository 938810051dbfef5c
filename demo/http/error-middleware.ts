import type { Middleware } from 'koa';
import { isDomainError, STATUS_BY_ERROR_CODE } from 'koa-shared-collections';

/**
 * The one place the host turns errors into responses: domain errors get their status and
 * message, other exposable (4xx) HTTP errors theirs, everything else a bare 500 whose
 * details go to the log only. APIs answer JSON, pages plain text.
 */
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
