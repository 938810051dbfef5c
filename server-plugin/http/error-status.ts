/**
 * The one mapping from errors to HTTP statuses, for the owner API's JSON and the public side's
 * pages alike: domain errors by their code, database outages 503, anything else (a bug) 500.
 */
import type { Context } from 'koa';
import { STATUS_BY_ERROR_CODE } from '../../shared/constants.js';
import { isDomainError, isRateLimitedError } from '../../shared/error-guards.js';
import { type DomainError, UnavailableError } from '../../shared/errors.js';
import { isDatabaseOutage } from '../store/database-outage.js';

/** The domain error an error stands for, or undefined for a bug (which answers 500). */
export function toDomainError(error: unknown): DomainError | undefined {
  if (isDomainError(error)) return error;
  if (isDatabaseOutage(error)) return new UnavailableError('The database is unavailable right now. Try again in a moment.');
  return undefined;
}

/** The HTTP status for any error. */
export function statusOf(error: unknown): number {
  const domain = toDomainError(error);
  return domain ? STATUS_BY_ERROR_CODE[domain.code] : 500;
}

/** Sets `Retry-After` for rate limits and outages. */
export function setErrorHeaders(ctx: Context, error: DomainError): void {
  if (isRateLimitedError(error)) ctx.set('Retry-After', String(error.retryAfterSeconds));
  else if (error.code === 'unavailable') ctx.set('Retry-After', '5');
}
