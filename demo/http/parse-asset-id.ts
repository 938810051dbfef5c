import { ValidationError } from 'koa-shared-collections';

/** An asset id from a URL or body: a positive decimal row id. */
export function parseAssetId(value: unknown, field = 'id'): number {
  if (typeof value === 'string' && /^[1-9]\d{0,14}$/.test(value)) return Number(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  throw ValidationError.field(field, `"${String(value).slice(0, 40)}" is not an asset id.`);
}

/** Most ids one tag request may name. */
export const MAX_IDS_PER_REQUEST = 10_000;

/** `1,2,3` (query string) or `[1, "2"]` (JSON) to distinct ids, 1..10000 of them. */
export function parseAssetIdList(value: unknown, field = 'ids'): number[] {
  const parts = typeof value === 'string' ? value.split(',').filter((part) => part !== '') : value;
  if (!Array.isArray(parts) || parts.length === 0) throw ValidationError.field(field, 'Name at least one asset id.');
  if (parts.length > MAX_IDS_PER_REQUEST) {
    throw ValidationError.field(field, `Name at most ${MAX_IDS_PER_REQUEST} asset ids.`);
  }
  return [...new Set(parts.map((part) => parseAssetId(part, field)))];
}
