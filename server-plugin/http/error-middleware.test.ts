import { describe, expect, it } from 'vitest';
import { ConflictError, GoneError, RateLimitedError, ValidationError } from '../../shared/errors.js';
import { describeForLog, errorBody, statusOf } from './error-middleware.js';

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

describe('errorBody', () => {
  it('lists validation issues and hides the message of a bug', () => {
    expect(errorBody(ValidationError.field('title', 'Title is required.'))).toEqual({
      error: { code: 'validation_failed', message: 'Title is required.', issues: [{ field: 'title', message: 'Title is required.' }] },
    });
    expect(errorBody(undefined).error.code).toBe('internal_error');
  });
});

describe('describeForLog', () => {
  it('redacts tokens and bcrypt hashes that knex inlines into failed SQL', () => {
    const hash = '$2b$12$' + 'a'.repeat(53);
    const error = new Error(`insert into sc_collections values ('AbCdEfGhIjKlMnOpQrStUvWxYz012345', '${hash}') - ER_X`);
    const logged = JSON.stringify(describeForLog(error));
    expect(logged).not.toContain('AbCdEfGhIjKlMnOpQrStUvWxYz012345');
    expect(logged).not.toContain(hash);
    expect(logged).toContain('ER_X');
  });
});
