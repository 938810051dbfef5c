/**
 * One guard per domain error class. Each checks `name` as well as `instanceof`: `instanceof`
 * fails for an error from another realm (content script, background worker, page) or from
 * another copy of this module (a host that ends up with two versions of the plugin).
 *
 * @example
 * try {
 *   await sharedCollectionsCall();
 * } catch (error) {
 *   if (isNotFoundError(error)) ctx.status = 404;
 *   else if (isDomainError(error)) ctx.status = STATUS_BY_ERROR_CODE[error.code];
 *   else throw error;
 * }
 */
import {
  ConflictError,
  DomainError,
  type ErrorCode,
  ForbiddenError,
  GoneError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  UnauthenticatedError,
  UnavailableError,
  ValidationError,
} from './errors.js';

/** `name` is typed as the class's own literal name, so a misspelt one does not compile. */
function isErrorOf<T extends DomainError>(error: unknown, type: abstract new (...args: never[]) => T, name: T['name']): error is T {
  if (error instanceof type) return true;
  const candidate = error as { name?: unknown; code?: unknown } | null;
  return typeof candidate === 'object' && candidate !== null && candidate.name === name && typeof candidate.code === 'string';
}

/** True for a `ValidationError` (400), whose `issues` name the offending fields. */
export function isValidationError(error: unknown): error is ValidationError {
  return isErrorOf(error, ValidationError, 'ValidationError');
}

/** True for an `UnauthenticatedError` (401). */
export function isUnauthenticatedError(error: unknown): error is UnauthenticatedError {
  return isErrorOf(error, UnauthenticatedError, 'UnauthenticatedError');
}

/** True for a `ForbiddenError` (403). */
export function isForbiddenError(error: unknown): error is ForbiddenError {
  return isErrorOf(error, ForbiddenError, 'ForbiddenError');
}

/** True for a `NotFoundError` (404). */
export function isNotFoundError(error: unknown): error is NotFoundError {
  return isErrorOf(error, NotFoundError, 'NotFoundError');
}

/** True for a `GoneError` (410, an expired link). */
export function isGoneError(error: unknown): error is GoneError {
  return isErrorOf(error, GoneError, 'GoneError');
}

/** True for a `ConflictError` (409). */
export function isConflictError(error: unknown): error is ConflictError {
  return isErrorOf(error, ConflictError, 'ConflictError');
}

/** True for a `PayloadTooLargeError` (413). */
export function isPayloadTooLargeError(error: unknown): error is PayloadTooLargeError {
  return isErrorOf(error, PayloadTooLargeError, 'PayloadTooLargeError');
}

/** True for a `RateLimitedError` (429), whose `retryAfterSeconds` is the wait. */
export function isRateLimitedError(error: unknown): error is RateLimitedError {
  return isErrorOf(error, RateLimitedError, 'RateLimitedError');
}

/** True for an `UnavailableError` (503). */
export function isUnavailableError(error: unknown): error is UnavailableError {
  return isErrorOf(error, UnavailableError, 'UnavailableError');
}

/** The guard of each code's class: an `ErrorCode` added without a guard does not compile. */
const GUARD_BY_CODE: Readonly<Record<ErrorCode, (error: unknown) => boolean>> = {
  validation_failed: isValidationError,
  unauthenticated: isUnauthenticatedError,
  forbidden: isForbiddenError,
  not_found: isNotFoundError,
  gone: isGoneError,
  conflict: isConflictError,
  payload_too_large: isPayloadTooLargeError,
  rate_limited: isRateLimitedError,
  unavailable: isUnavailableError,
};

/**
 * True for any domain error: an instance, or another realm's error whose `code` is a known
 * one and whose `name` is that code's class.
 *
 * @example
 * if (isDomainError(error)) ctx.status = STATUS_BY_ERROR_CODE[error.code];
 */
export function isDomainError(error: unknown): error is DomainError {
  if (error instanceof DomainError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && Object.hasOwn(GUARD_BY_CODE, code) && GUARD_BY_CODE[code as ErrorCode](error);
}
