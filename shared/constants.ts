/** Limits and defaults of the HTTP contract; both the server and the extension use them. */
import type { ErrorCode } from './errors.js';
export const LIMITS = {
  titleMaxLength: 200,
  descriptionMaxLength: 2000,
  passwordMaxLength: 128,
  /** Most asset ids one collection may hold, and one request may add or remove: a whole archive. */
  maxAssetsPerCollection: 100_000,
  /** Longest asset id the plugin stores. */
  assetIdMaxLength: 64,
  /** Largest JSON body the owner API reads: 100,000 ids of 64 characters, quoted, fit. */
  jsonBodyMaxBytes: 8 * 1024 * 1024,
  /** Default and largest page size of paginated listings. */
  defaultPageSize: 100,
  maxPageSize: 500,
} as const;

export const DEFAULT_API_PREFIX = '/api/shared-collections';
export const DEFAULT_PUBLIC_PREFIX = '/s';

const ASSET_ID = '[A-Za-z0-9_-]{1,64}';
/** Asset ids are opaque strings of these characters (the host's ids must fit). */
export const ASSET_ID_PATTERN = new RegExp(`^${ASSET_ID}$`);
/** Asset ids separated by commas, as a query string lists them. */
export const ASSET_ID_LIST_PATTERN = new RegExp(`^${ASSET_ID}(?:,${ASSET_ID})*$`);

/** Public tokens: 32 url-safe base64 characters (192 random bits). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** The HTTP status of each error code (DESIGN.md, "HTTP contract"); hosts may use it too. */
export const STATUS_BY_ERROR_CODE: Readonly<Record<ErrorCode, number>> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};
