/**
 * Refusals (429, 413, 503) are answers a client may ask for again, so an operator wants to
 * see each: counted in the metrics and logged as one JSON line, with database outages counted
 * on their own.
 */
import type { Context } from 'koa';
import { STATUS_BY_ERROR_CODE } from '../../shared/constants.js';
import { isDomainError } from '../../shared/error-guards.js';
import type { DomainError } from '../../shared/errors.js';
import type { Operations } from '../operations.js';
import { throttleAddress } from '../public/client-address.js';

const REFUSALS = new Set(['rate_limited', 'payload_too_large', 'unavailable']);

/**
 * Counts and logs the refusal behind an error answer; does nothing for other errors.
 * `path` is what the log may show of the request's path (the public side masks its token).
 */
export function reportRefusal(operations: Operations, ctx: Context, error: unknown, domain: DomainError | undefined, path: string): void {
  if (!domain || !REFUSALS.has(domain.code)) return;
  // An outage reaches here as the driver's error, which toDomainError turned into a domain one.
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
