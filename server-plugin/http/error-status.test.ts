import { describe, expect, it } from 'vitest';
import { ConflictError, GoneError, RateLimitedError, ValidationError } from '../../shared/errors.js';
import { statusOf } from './error-status.js';

describe('statusOf', () => {
  it.each([
    [ValidationError.field('title', 'x'), 400],
    [new GoneError(), 410],
    [new ConflictError(), 409],
    [new RateLimitedError(3), 429],
    [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 503],
    [Object.assign(new Error('lost'), { code: 'PROTOCOL_CONNECTION_LOST' }), 503],
    [Object.assign(new Error('busy'), { code: 'SQLITE_BUSY' }), 503],
    [new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), 503],
    [new AggregateError([Object.assign(new Error('x'), { code: 'ETIMEDOUT' })]), 503],
    [{ name: 'NotFoundError', code: 'not_found', message: 'from another realm' }, 404],
    [new TypeError('bug'), 500],
    ['a string', 500],
  ])('maps %o to %i', (error, status) => {
    expect(statusOf(error)).toBe(status);
  });
});
