/**
 * Parsers of untrusted input for the HTTP contract. Each `parseX` returns a typed
 * value or throws a `ValidationError` that names every offending field, so a form
 * can show each message next to its field. The extension runs the same parsers
 * before sending, the server runs them again: the server's word is final.
 */
import { ASSET_ID_PATTERN, LIMITS } from './constants.js';
import { type FieldIssue, ValidationError } from './errors.js';

/** A validated create request. */
export interface CreateCollectionInput {
  title: string;
  description: string;
  isPublic: boolean;
  password: string | null;
  expiresAt: Date | null;
  allowDownload: boolean;
  assetIds: string[];
}

/** A validated edit: absent keys are left as they are; `password: null` removes the password. */
export interface UpdateCollectionInput {
  title?: string;
  description?: string;
  isPublic?: boolean;
  password?: string | null;
  expiresAt?: Date | null;
  allowDownload?: boolean;
  revision?: number;
}

export interface UpdateAssetsInput {
  add: string[];
  remove: string[];
}

export interface PageInput {
  page: number;
  limit: number;
}

/** Collects issues so one answer lists every bad field, not just the first. */
class Issues {
  readonly list: FieldIssue[] = [];
  add(field: string, message: string): undefined {
    this.list.push({ field, message });
    return undefined;
  }
  throwIfAny(): void {
    if (this.list.length === 0) return;
    const summary = this.list.map((issue) => issue.message).join(' ');
    throw new ValidationError(summary, this.list);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const CREATE_KEYS = new Set(['title', 'description', 'isPublic', 'password', 'expiresAt', 'allowDownload', 'assetIds']);
const UPDATE_KEYS = new Set(['title', 'description', 'isPublic', 'password', 'expiresAt', 'allowDownload', 'revision']);
const ASSETS_KEYS = new Set(['add', 'remove']);

function requireObject(body: unknown, allowed: ReadonlySet<string>): Record<string, unknown> {
  if (!isPlainObject(body)) throw ValidationError.field('body', 'The request body must be a JSON object.');
  const unknownKeys = Object.keys(body).filter((key) => !allowed.has(key));
  if (unknownKeys.length > 0) {
    throw new ValidationError(
      `Unknown field${unknownKeys.length > 1 ? 's' : ''}: ${unknownKeys.slice(0, 5).join(', ')}.`,
      unknownKeys.slice(0, 5).map((field) => ({ field, message: `Unknown field "${field}".` })),
    );
  }
  return body;
}

/** Lone surrogates and most control characters make no sense in user text and break some clients. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function parseTitle(value: unknown, issues: Issues): string | undefined {
  if (typeof value !== 'string') return issues.add('title', 'Title is required.');
  const title = value.trim();
  if (title.length === 0) return issues.add('title', 'Title is required.');
  if (title.length > LIMITS.titleMaxLength) {
    return issues.add('title', `Title must be at most ${LIMITS.titleMaxLength} characters.`);
  }
  if (/[\r\n]/.test(title) || FORBIDDEN_TEXT.test(title)) {
    return issues.add('title', 'Title must be a single line of text.');
  }
  return title;
}

function parseDescription(value: unknown, issues: Issues): string | undefined {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return issues.add('description', 'Description must be text.');
  const description = value.trim();
  if (description.length > LIMITS.descriptionMaxLength) {
    return issues.add('description', `Description must be at most ${LIMITS.descriptionMaxLength} characters.`);
  }
  if (FORBIDDEN_TEXT.test(description)) return issues.add('description', 'Description contains invalid characters.');
  return description;
}

function parseBoolean(field: string, label: string, value: unknown, issues: Issues): boolean | undefined {
  if (typeof value !== 'boolean') return issues.add(field, `${label} must be true or false.`);
  return value;
}

/** `null` means no password; a string must be 1..128 characters and is never trimmed. */
function parsePassword(value: unknown, issues: Issues): string | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'string') return issues.add('password', 'Password must be text.');
  if (value.length === 0) return issues.add('password', 'Password must not be empty; send null for no password.');
  if (value.length > LIMITS.passwordMaxLength) {
    return issues.add('password', `Password must be at most ${LIMITS.passwordMaxLength} characters.`);
  }
  if (FORBIDDEN_TEXT.test(value)) return issues.add('password', 'Password contains invalid characters.');
  return value;
}

/** Full ISO 8601 instant with an explicit offset, e.g. `2026-12-31T22:59:59.999Z`. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Year 9999 is the last a DATETIME or an ISO string can hold; nobody needs a later expiry. */
const LATEST_EXPIRY = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** `Date` rolls an impossible day over (April 31st becomes May 1st): refuse it rather than move the expiry. */
function isCalendarDate(isoInstant: string): boolean {
  const [year, month, day] = isoInstant.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseExpiresAt(value: unknown, now: Date, issues: Issues): Date | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) {
    return issues.add('expiresAt', 'Expiration date must be an ISO 8601 date and time with a time zone.');
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime()) || instant.getTime() > LATEST_EXPIRY || !isCalendarDate(value)) {
    return issues.add('expiresAt', 'Expiration date is not a valid date.');
  }
  if (instant.getTime() <= now.getTime()) return issues.add('expiresAt', 'Expiration date must be in the future.');
  return instant;
}

function parseAssetIdList(field: string, value: unknown, issues: Issues, minimum: number): string[] | undefined {
  if (!Array.isArray(value)) return issues.add(field, `${field} must be a list of asset ids.`);
  if (value.length < minimum) return issues.add(field, 'Select at least one file.');
  if (value.length > LIMITS.maxAssetsPerCollection) {
    return issues.add(field, `At most ${LIMITS.maxAssetsPerCollection} files can be shared at once.`);
  }
  // `some`, not `find`: a list whose bad entry is `undefined` would look clean to `find`.
  if (value.some((id) => typeof id !== 'string' || !ASSET_ID_PATTERN.test(id))) {
    return issues.add(field, `${field} contains an invalid asset id.`);
  }
  return [...new Set(value as string[])];
}

/** Parses a `POST /` body. `now` decides what "future" means for the expiry. */
export function parseCreateCollection(body: unknown, now: Date): CreateCollectionInput {
  const input = requireObject(body, CREATE_KEYS);
  const issues = new Issues();
  const title = parseTitle(input.title, issues);
  const description = parseDescription(input.description, issues);
  const isPublic = input.isPublic === undefined ? true : parseBoolean('isPublic', 'Public access', input.isPublic, issues);
  const password = input.password === undefined ? null : parsePassword(input.password, issues);
  const expiresAt = input.expiresAt === undefined ? null : parseExpiresAt(input.expiresAt, now, issues);
  const allowDownload =
    input.allowDownload === undefined
      ? false
      : parseBoolean('allowDownload', 'Allow to download original files', input.allowDownload, issues);
  const assetIds = parseAssetIdList('assetIds', input.assetIds, issues, 1);
  if (isPublic === false && typeof password === 'string') {
    issues.add('password', 'A collection without public access cannot have a password.');
  }
  issues.throwIfAny();
  return {
    title: title!,
    description: description!,
    isPublic: isPublic!,
    password: password ?? null,
    expiresAt: expiresAt ?? null,
    allowDownload: allowDownload!,
    assetIds: assetIds!,
  };
}

/** Parses a `PATCH /:id` body. At least one field must be present. */
export function parseUpdateCollection(body: unknown, now: Date): UpdateCollectionInput {
  const input = requireObject(body, UPDATE_KEYS);
  const issues = new Issues();
  const update: UpdateCollectionInput = {};
  if ('title' in input) update.title = parseTitle(input.title, issues);
  if ('description' in input) update.description = parseDescription(input.description, issues);
  if ('isPublic' in input) update.isPublic = parseBoolean('isPublic', 'Public access', input.isPublic, issues);
  if ('password' in input) update.password = parsePassword(input.password, issues);
  if ('expiresAt' in input) update.expiresAt = parseExpiresAt(input.expiresAt, now, issues);
  if ('allowDownload' in input) {
    update.allowDownload = parseBoolean('allowDownload', 'Allow to download original files', input.allowDownload, issues);
  }
  if ('revision' in input) {
    const revision = input.revision;
    if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 1) {
      issues.add('revision', 'Revision must be a positive whole number.');
    } else {
      update.revision = revision;
    }
  }
  if (Object.keys(input).filter((key) => key !== 'revision').length === 0) {
    issues.add('body', 'Send at least one field to change.');
  }
  if (update.isPublic === false && typeof update.password === 'string') {
    issues.add('password', 'A collection without public access cannot have a password.');
  }
  issues.throwIfAny();
  return update;
}

/** Parses a `PATCH /:id/assets` body. */
export function parseUpdateAssets(body: unknown): UpdateAssetsInput {
  const input = requireObject(body, ASSETS_KEYS);
  const issues = new Issues();
  const add = input.add === undefined ? [] : parseAssetIdList('add', input.add, issues, 0);
  const remove = input.remove === undefined ? [] : parseAssetIdList('remove', input.remove, issues, 0);
  if (add && remove && add.length + remove.length === 0) issues.add('body', 'Send asset ids to add or remove.');
  issues.throwIfAny();
  return { add: add!, remove: remove! };
}

/**
 * Parses a list of asset ids from a query string or form: comma-separated, and/or a repeated
 * parameter (`?assetIds=a,b&assetIds=c`, which Koa and URLSearchParams give as an array).
 */
export function parseAssetIdQuery(field: string, value: unknown): string[] {
  const issues = new Issues();
  const parts = Array.isArray(value) && value.every((part) => typeof part === 'string') ? (value as string[]) : [value];
  if (parts.some((part) => typeof part !== 'string' || part.length === 0)) {
    issues.add(field, `${field} must list at least one asset id.`);
    issues.throwIfAny();
  }
  const ids = parseAssetIdList(field, (parts as string[]).join(',').split(','), issues, 1);
  issues.throwIfAny();
  return ids!;
}

/** Parses `?page=&limit=`; pages count from 1. */
export function parsePage(query: Record<string, unknown>): PageInput {
  const issues = new Issues();
  const page = parsePositiveInteger('page', query.page, 1, Number.MAX_SAFE_INTEGER, issues);
  const limit = parsePositiveInteger('limit', query.limit, LIMITS.defaultPageSize, LIMITS.maxPageSize, issues);
  issues.throwIfAny();
  return { page: page!, limit: limit! };
}

function parsePositiveInteger(field: string, value: unknown, fallback: number, max: number, issues: Issues): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^[1-9]\d{0,15}$/.test(value)) {
    return issues.add(field, `${field} must be a whole number from 1 to ${max}.`);
  }
  const number = Number(value);
  if (number > max) return issues.add(field, `${field} must be a whole number from 1 to ${max}.`);
  return number;
}
