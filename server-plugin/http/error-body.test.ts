import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors.js';
import { errorBody } from './error-body.js';

describe('errorBody', () => {
  it('lists validation issues and hides the message of a bug', () => {
    expect(errorBody(ValidationError.field('title', 'Title is required.'))).toEqual({
      error: { code: 'validation_failed', message: 'Title is required.', issues: [{ field: 'title', message: 'Title is required.' }] },
    });
    expect(errorBody(undefined).error.code).toBe('internal_error');
  });
});
