/**
 * Domain errors: they know nothing of HTTP. One mapping (`server-plugin/http/error-status.ts`)
 * gives each its status code. Each carries a stable `code` that is also the API's error code.
 * Check them with the guards of `error-guards.ts`, which also work across realms.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'gone'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable';

/** The base of every domain error: a named `Error` with a stable `code`. */
export abstract class DomainError extends Error {
  abstract override readonly name: string;
  abstract readonly code: ErrorCode;
}

/** A field-level problem, so a form can show it next to the field. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Input that breaks a rule. `issues` names each offending field. */
export class ValidationError extends DomainError {
  override readonly name = 'ValidationError';
  readonly code = 'validation_failed';
  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }

  /** One error for one field: `ValidationError.field('title', 'Title is required')`. */
  static field(field: string, message: string): ValidationError {
    return new ValidationError(message, [{ field, message }]);
  }
}

export class UnauthenticatedError extends DomainError {
  override readonly name = 'UnauthenticatedError';
  readonly code = 'unauthenticated';
  constructor(message = 'Sign in to continue.') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
  readonly code = 'forbidden';
  constructor(message = 'You are not allowed to do that.') {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  readonly code = 'not_found';
  constructor(message = 'Not found.') {
    super(message);
  }
}

/** A shared link that existed but has expired. */
export class GoneError extends DomainError {
  override readonly name = 'GoneError';
  readonly code = 'gone';
  constructor(message = 'This link has expired.') {
    super(message);
  }
}

/** Someone else changed the resource since the client read it. */
export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
  readonly code = 'conflict';
  constructor(message = 'Someone else changed this since you opened it. Reload and try again.') {
    super(message);
  }
}

export class PayloadTooLargeError extends DomainError {
  override readonly name = 'PayloadTooLargeError';
  readonly code = 'payload_too_large';
  constructor(message = 'The request body is too large.') {
    super(message);
  }
}

export class RateLimitedError extends DomainError {
  override readonly name = 'RateLimitedError';
  readonly code = 'rate_limited';
  constructor(
    /** Whole seconds the client should wait, sent as `Retry-After`. */
    readonly retryAfterSeconds: number,
    message = `Too many attempts. Try again in ${retryAfterSeconds} seconds.`,
  ) {
    super(message);
  }
}

/** A dependency (usually the database) is down; the client may retry. */
export class UnavailableError extends DomainError {
  override readonly name = 'UnavailableError';
  readonly code = 'unavailable';
  constructor(message = 'The service is temporarily unavailable. Try again shortly.') {
    super(message);
  }
}
