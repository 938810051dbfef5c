/**
 * The one place that maps errors to HTTP status codes. The owner API answers JSON
 * through `createErrorMiddleware`; the public side renders HTML pages but must use
 * `statusOf`/`toDomainError` so both sides agree on every status.
 */
import type { Context, Middleware, Next } from 'koa';
import type { ErrorJson } from '../../shared/api-types.js';
import { STATUS_BY_ERROR_CODE } from '../../shared/constants.js';
import { type DomainError, isDomainError, RateLimitedError, UnavailableError } from '../../shared/errors.js';
import type { Operations } from '../operations.js';
import type { Logger } from '../options.js';
import { throttleAddress } from '../public/client-address.js';

/** Driver and pool errors that mean "the database is unreachable or busy", not "the code is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_CON_COUNT_ERROR',
  'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY', 'SQLITE_LOCKED',
]);

function isUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, name, message, fatal, cause, errors } = error as Record<string, unknown>;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (name === 'KnexTimeoutError' || (typeof message === 'string' && message.startsWith('Knex: Timeout acquiring a connection'))) return true;
  // mysql2 marks errors that closed the connection as fatal (e.g. "connection is in closed state").
  if (fatal === true) return true;
  if (Array.isArray(errors) && errors.some((inner) => isUnavailable(inner, depth + 1))) return true;
  return isUnavailable(cause, depth + 1);
}

/** The domain error an error stands for, or undefined for a bug (which answers 500). */
export function toDomainError(error: unknown): DomainError | undefined {
  if (isDomainError(error)) return error;
  if (isUnavailable(error)) return new UnavailableError('The database is unavailable right now. Try again in a moment.');
  return undefined;
}

/** The HTTP status for any error: domain errors by code, database outages 503, anything else 500. */
export function statusOf(error: unknown): number {
  const domain = toDomainError(error);
  return domain ? STATUS_BY_ERROR_CODE[domain.code] : 500;
}

/** Sets `Retry-After` for rate limits and outages; shared with the public side's HTML pages. */
export function setErrorHeaders(ctx: Context, error: DomainError): void {
  if (error instanceof RateLimitedError || error.name === 'RateLimitedError') {
    ctx.set('Retry-After', String((error as RateLimitedError).retryAfterSeconds));
  } else if (error.code === 'unavailable') {
    ctx.set('Retry-After', '5');
  }
}

/** The JSON error body of the owner API. A 500 never shows the error's message: it goes to the log. */
export function errorBody(error: DomainError | undefined): ErrorJson | { error: { code: 'internal_error'; message: string } } {
  if (!error) return { error: { code: 'internal_error', message: 'Something went wrong on the server. It has been logged.' } };
  const issues = error.name === 'ValidationError' ? (error as { issues?: ErrorJson['error']['issues'] }).issues : undefined;
  return { error: { code: error.code, message: error.message, ...(issues && issues.length > 0 ? { issues: [...issues] } : {}) } };
}

/** bcrypt hashes and runs of 32+ url-safe characters (link tokens): knex inlines bindings into failed SQL. */
const SECRET_LIKE = /\$2[aby]?\$\d{2}\$[./A-Za-z0-9]{53}|[A-Za-z0-9_-]{32,}/g;

/** What the log gets: never a token or a password hash, even inside a failed query's SQL. */
export function describeForLog(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { message: String(error).replace(SECRET_LIKE, '[redacted]') };
  const { name, code, message, stack } = error as Record<string, unknown>;
  const redact = (value: unknown) => (typeof value === 'string' ? value.replace(SECRET_LIKE, '[redacted]') : undefined);
  return { name, code, message: redact(message), stack: redact(stack) };
}

/** Codes that refuse a request the client may make again: an operator wants to see each. */
const REFUSALS = new Set(['rate_limited', 'payload_too_large', 'unavailable']);

/**
 * Counts and logs (one JSON line) a refusal or a database outage behind an error answer.
 * `path` is what the log may show of the request's path (the public side masks its token).
 */
export function reportRefusal(operations: Operations, ctx: Context, error: unknown, domain: DomainError | undefined, path: string): void {
  if (!domain || !REFUSALS.has(domain.code)) return;
  if (!isDomainError(error)) operations.databaseError();
  operations.refused(domain.code);
  operations.event('info', 'request_refused', {
    status: STATUS_BY_ERROR_CODE[domain.code],
    code: domain.code,
    method: ctx.method,
    path,
    address: throttleAddress(ctx.ip),
  });
}

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
      ctx.status = domain ? STATUS_BY_ERROR_CODE[domain.code] : 500;
      if (domain) setErrorHeaders(ctx, domain);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = errorBody(domain);
    }
  };
}
