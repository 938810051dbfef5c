import { describe, expect, it } from 'vitest';
import { ValidationError } from 'koa-shared-collections';
import { parseAssetListQuery } from './parse-asset-list-query.js';

describe('parseAssetListQuery', () => {
  it('fills defaults and trims the search', () => {
    expect(parseAssetListQuery({})).toEqual({ page: 1, limit: 48, q: '', sort: 'id' });
    expect(parseAssetListQuery({ page: '3', limit: '200', q: '  café ', sort: 'date' })).toEqual({ page: 3, limit: 200, q: 'café', sort: 'date' });
  });

  it('names every bad field at once', () => {
    try {
      parseAssetListQuery({ page: '0', limit: '500', sort: 'size' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual(['page', 'limit', 'sort']);
    }
  });

  it.each([{ page: '1e2' }, { page: ' 1' }, { limit: '-5' }, { limit: '9'.repeat(20) }, { page: ['1', '2'] }, { q: 'x'.repeat(201) }])('refuses %j', (query) => {
    expect(() => parseAssetListQuery(query)).toThrow(ValidationError);
  });
});
