/**
 * Which errors of knex and the drivers mean "the database is unreachable or busy" rather than
 * "the code is wrong": the first answer 503 with `Retry-After`, the second 500.
 */

/** mysql2, better-sqlite3 and socket codes of an outage, a full pool or a lock that timed out. */
const OUTAGE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_CON_COUNT_ERROR',
  'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY', 'SQLITE_LOCKED',
]);

/**
 * True when `error`, or an error it wraps (`cause`, an `AggregateError`'s `errors`), is an outage.
 *
 * @example
 * isDatabaseOutage(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })); // true
 */
export function isDatabaseOutage(error: unknown): boolean {
  return isOutage(error, 0);
}

function isOutage(error: unknown, depth: number): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, name, message, fatal, cause, errors } = error as Record<string, unknown>;
  if (typeof code === 'string' && OUTAGE_CODES.has(code)) return true;
  if (name === 'KnexTimeoutError' || (typeof message === 'string' && message.startsWith('Knex: Timeout acquiring a connection'))) return true;
  // mysql2 marks errors that closed the connection as fatal (e.g. "connection is in closed state").
  if (fatal === true) return true;
  if (Array.isArray(errors) && errors.some((inner) => isOutage(inner, depth + 1))) return true;
  return isOutage(cause, depth + 1);
}
