/**
 * What the log gets of an error. knex inlines a failed query's bindings into its message, so
 * a link token or a password hash could reach the log inside the SQL: both are redacted.
 */

/** bcrypt hashes and runs of 32+ url-safe characters (link tokens). */
const SECRET_LIKE = /\$2[aby]?\$\d{2}\$[./A-Za-z0-9]{53}|[A-Za-z0-9_-]{32,}/g;

/**
 * The error's name, code, message and stack, never a token or a password hash.
 *
 * @example
 * logger.warn('shared-collections: events could not be stored', describeForLog(error));
 */
export function describeForLog(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { message: String(error).replace(SECRET_LIKE, '[redacted]') };
  const { name, code, message, stack } = error as Record<string, unknown>;
  const redact = (value: unknown) => (typeof value === 'string' ? value.replace(SECRET_LIKE, '[redacted]') : undefined);
  return { name, code, message: redact(message), stack: redact(stack) };
}
