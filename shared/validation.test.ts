import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { parseAssetIdQuery, parseCreateCollection } from './validation.js';

const now = new Date('2026-11-27T12:00:00Z');

describe('parseCreateCollection', () => {
  it('fills the documented defaults', () => {
    expect(parseCreateCollection({ title: ' Trip ', assetIds: ['a', 'a', 'b'] }, now)).toEqual({
      title: 'Trip',
      description: '',
      isPublic: true,
      password: null,
      expiresAt: null,
      allowDownload: false,
      assetIds: ['a', 'b'],
    });
  });

  it('names every bad field at once', () => {
    const error = catchError(() => parseCreateCollection({ title: '  ', expiresAt: '2020-01-01T00:00:00Z', assetIds: [] }, now));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((issue) => issue.field)).toEqual(['title', 'expiresAt', 'assetIds']);
  });
});

function catchError(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('parseAssetIdQuery', () => {
  it('reads comma lists and repeated parameters alike', () => {
    expect(parseAssetIdQuery('assetIds', 'a,b')).toEqual(['a', 'b']);
    expect(parseAssetIdQuery('assetIds', ['a,b', 'c', 'a'])).toEqual(['a', 'b', 'c']);
  });

  it('refuses an empty list, an empty part and non-text', () => {
    for (const value of [undefined, '', [], ['a', ''], ['a', 3], 'a,,b']) {
      expect(() => parseAssetIdQuery('assetIds', value)).toThrow(ValidationError);
    }
  });
});
