import type { ParsedUrlQuery } from 'node:querystring';
import { ValidationError } from 'koa-shared-collections';
import type { AssetListQuery, AssetSort } from '../asset-store.js';

export const DEFAULT_PAGE_SIZE = 48;
export const MAX_PAGE_SIZE = 200;
const MAX_QUERY_LENGTH = 200;
const SORTS: ReadonlySet<string> = new Set<AssetSort>(['id', 'name', 'date']);

/** `?page=&limit=&q=&sort=` of `GET /api/assets`, or a ValidationError naming each bad field. */
export function parseAssetListQuery(query: ParsedUrlQuery): AssetListQuery {
  const issues: Array<{ field: string; message: string }> = [];
  const page = parsePositiveInt(single(query.page), 1, 1_000_000);
  if (page === undefined) issues.push({ field: 'page', message: 'page must be a whole number from 1.' });
  const limit = parsePositiveInt(single(query.limit), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (limit === undefined) issues.push({ field: 'limit', message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.` });
  const q = (single(query.q) ?? '').trim();
  if (q.length > MAX_QUERY_LENGTH) issues.push({ field: 'q', message: `q must be at most ${MAX_QUERY_LENGTH} characters.` });
  const sort = single(query.sort) ?? 'id';
  if (!SORTS.has(sort)) issues.push({ field: 'sort', message: 'sort must be id, name or date.' });
  if (issues.length > 0 || page === undefined || limit === undefined) {
    throw new ValidationError(issues.map((issue) => issue.message).join(' '), issues);
  }
  return { page, limit, q, sort: sort as AssetSort };
}

/** A repeated parameter (`?page=1&page=2`) is ambiguous: treat it as invalid, not as the first. */
function single(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) return '\u0000';
  return value;
}

function parsePositiveInt(value: string | undefined, fallback: number, max: number): number | undefined {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,9}$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 && number <= max ? number : undefined;
}
