/** The owner API's JSON error body: `{ error: { code, message, issues? } }`. */
import type { ErrorJson } from '../../shared/api-types.js';
import { isValidationError } from '../../shared/error-guards.js';
import type { DomainError } from '../../shared/errors.js';

/**
 * The body for a domain error, or for a bug (`undefined`): a 500 never shows the error's
 * message, which goes to the log.
 *
 * @example
 * errorBody(new NotFoundError()); // { error: { code: 'not_found', message: 'Not found.' } }
 */
export function errorBody(error: DomainError | undefined): ErrorJson | { error: { code: 'internal_error'; message: string } } {
  if (!error) return { error: { code: 'internal_error', message: 'Something went wrong on the server. It has been logged.' } };
  const issues = isValidationError(error) ? error.issues : undefined;
  return { error: { code: error.code, message: error.message, ...(issues && issues.length > 0 ? { issues: [...issues] } : {}) } };
}
