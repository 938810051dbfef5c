import { describe, expect, it } from 'vitest';
import * as guards from './error-guards.js';
import * as errors from './errors.js';

const { isDomainError, isNotFoundError, isValidationError } = guards;

const CASES: [errors.DomainError, (error: unknown) => boolean][] = [
  [errors.ValidationError.field('title', 'Title is required.'), guards.isValidationError],
  [new errors.UnauthenticatedError(), guards.isUnauthenticatedError],
  [new errors.ForbiddenError(), guards.isForbiddenError],
  [new errors.NotFoundError(), guards.isNotFoundError],
  [new errors.GoneError(), guards.isGoneError],
  [new errors.ConflictError(), guards.isConflictError],
  [new errors.PayloadTooLargeError(), guards.isPayloadTooLargeError],
  [new errors.RateLimitedError(3), guards.isRateLimitedError],
  [new errors.UnavailableError(), guards.isUnavailableError],
];

/** What an error thrown in another realm (or by another copy of the module) looks like here. */
const foreign = (error: errors.DomainError) => ({ name: error.name, code: error.code, message: error.message });

describe('error guards', () => {
  it.each(CASES)('%o: its own guard and isDomainError accept it, from this realm and another', (error, guard) => {
    expect(guard(error)).toBe(true);
    expect(guard(foreign(error))).toBe(true);
    expect(isDomainError(error)).toBe(true);
    expect(isDomainError(foreign(error))).toBe(true);
    for (const [other, otherGuard] of CASES) {
      if (other !== error) expect(otherGuard(error), other.name).toBe(false);
    }
  });

  it('refuses other errors, look-alikes without a code, and a known name with another class’s code', () => {
    for (const value of [new Error('bug'), new TypeError('x'), 'NotFoundError', null, undefined, 404, { name: 'NotFoundError' }]) {
      expect(isNotFoundError(value)).toBe(false);
      expect(isDomainError(value)).toBe(false);
    }
    expect(isDomainError({ name: 'NotFoundError', code: 'forbidden', message: 'x' })).toBe(false);
    expect(isDomainError({ name: 'SomeError', code: 'not_found', message: 'x' })).toBe(false);
    expect(isDomainError(Object.assign(new Error('x'), { code: 'toString' }))).toBe(false);
  });

  it('accepts subclasses through instanceof', () => {
    class TitleMissing extends errors.ValidationError {}
    expect(isValidationError(new TitleMissing('Title is required.'))).toBe(true);
    expect(isDomainError(new TitleMissing('Title is required.'))).toBe(true);
  });
});
