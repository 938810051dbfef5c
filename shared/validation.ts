/**
 * The HTTP contract's request bodies, declared once as valibot schemas. The request types
 * (`CreateCollectionBody`, ...) are the schemas' inputs, the parsed types
 * (`CreateCollectionInput`, ...) their outputs, and the accepted keys their entries. Each
 * `parseX` returns a typed value or throws a `ValidationError` that names every offending
 * field (the first problem of each), so a form can show each message next to its field. The
 * extension runs the same parsers before sending, the server runs them again: the server's
 * word is final.
 */
import * as v from 'valibot';
import { ASSET_ID_LIST_PATTERN, ASSET_ID_PATTERN, LIMITS } from './constants.js';
import { type FieldIssue, ValidationError } from './errors.js';

/** Lone surrogates and most control characters make no sense in user text and break some clients. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const hasNoForbiddenText = (text: string) => !FORBIDDEN_TEXT.test(text);

const title = v.pipe(
  v.string('Title is required.'),
  v.trim(),
  v.nonEmpty('Title is required.'),
  v.maxLength(LIMITS.titleMaxLength, `Title must be at most ${LIMITS.titleMaxLength} characters.`),
  v.check((text) => !/[\r\n]/.test(text) && hasNoForbiddenText(text), 'Title must be a single line of text.'),
);

/** Absent or null reads as no description. */
const description = v.nullish(
  v.pipe(
    v.string('Description must be text.'),
    v.trim(),
    v.maxLength(LIMITS.descriptionMaxLength, `Description must be at most ${LIMITS.descriptionMaxLength} characters.`),
    v.check(hasNoForbiddenText, 'Description contains invalid characters.'),
  ),
  '',
);

const flag = (label: string) => v.boolean(`${label} must be true or false.`);
const isPublic = flag('Public access');
const allowDownload = flag('Allow to download original files');

/** `null` means no password; a string must be 1..128 characters and is never trimmed. */
const password = v.nullable(
  v.pipe(
    v.string('Password must be text.'),
    v.nonEmpty('Password must not be empty; send null for no password.'),
    v.maxLength(LIMITS.passwordMaxLength, `Password must be at most ${LIMITS.passwordMaxLength} characters.`),
    v.check(hasNoForbiddenText, 'Password contains invalid characters.'),
  ),
);

/** Full ISO 8601 instant with an explicit offset, e.g. `2026-12-31T22:59:59.999Z`. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Year 9999 is the last a DATETIME or an ISO string can hold; nobody needs a later expiry. */
const LATEST_EXPIRY = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** `Date` rolls an impossible day over (April 31st becomes May 1st): refuse it rather than move the expiry. */
function isCalendarInstant(isoInstant: string): boolean {
  const time = Date.parse(isoInstant);
  if (Number.isNaN(time) || time > LATEST_EXPIRY) return false;
  const [year, month, day] = isoInstant.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `now` decides what "future" means, so the schema is made per request. */
const expiresAt = (now: Date) => {
  const format = 'Expiration date must be an ISO 8601 date and time with a time zone.';
  return v.nullable(
    v.pipe(
      v.string(format),
      v.regex(ISO_INSTANT, format),
      v.check(isCalendarInstant, 'Expiration date is not a valid date.'),
      v.check((text) => Date.parse(text) > now.getTime(), 'Expiration date must be in the future.'),
      v.transform((text) => new Date(text)),
    ),
  );
};

/**
 * A list of asset ids, de-duplicated in order. The list is checked as a whole (one message
 * for the field, whatever number of bad ids it holds), hence `unknown` items and one cast.
 */
function assetIdList(field: string, minimum: number): v.GenericSchema<readonly string[], string[]> {
  return v.pipe(
    v.array(v.unknown(), `${field} must be a list of asset ids.`),
    v.minLength(minimum, 'Select at least one file.'),
    v.maxLength(LIMITS.maxAssetsPerCollection, `At most ${LIMITS.maxAssetsPerCollection} files can be shared at once.`),
    v.check((ids) => ids.every((id) => typeof id === 'string' && ASSET_ID_PATTERN.test(id)), `${field} contains an invalid asset id.`),
    v.transform((ids) => [...new Set(ids as string[])]),
  ) as unknown as v.GenericSchema<readonly string[], string[]>;
}

const NO_PASSWORD_WITHOUT_PUBLIC_ACCESS = 'A collection without public access cannot have a password.';
/** A password only guards a public link; refused on the password field, checked once both fields are valid. */
const passwordHasPublicAccess = (input: { isPublic?: boolean; password?: string | null }) =>
  !(input.isPublic === false && typeof input.password === 'string');

const createSchema = (now: Date) =>
  v.pipe(
    v.object({
      title,
      description,
      isPublic: v.optional(isPublic, true),
      password: v.optional(password, null),
      expiresAt: v.optional(expiresAt(now), null),
      allowDownload: v.optional(allowDownload, false),
      assetIds: assetIdList('assetIds', 1),
    }),
    v.forward(v.partialCheck([['isPublic'], ['password']], passwordHasPublicAccess, NO_PASSWORD_WITHOUT_PUBLIC_ACCESS), ['password']),
  );

const REVISION = 'Revision must be a positive whole number.';

const updateSchema = (now: Date) =>
  v.pipe(
    v.object({
      title: v.optional(title),
      description: v.optional(description),
      isPublic: v.optional(isPublic),
      password: v.optional(password),
      expiresAt: v.optional(expiresAt(now)),
      allowDownload: v.optional(allowDownload),
      /** The revision the client read; a stale one answers 409. Optional for clients that do not care. */
      revision: v.optional(v.pipe(v.number(REVISION), v.safeInteger(REVISION), v.minValue(1, REVISION))),
    }),
    v.forward(v.partialCheck([['isPublic'], ['password']], passwordHasPublicAccess, NO_PASSWORD_WITHOUT_PUBLIC_ACCESS), ['password']),
  );

const assetsSchema = v.object({
  add: v.optional(assetIdList('add', 0), []),
  remove: v.optional(assetIdList('remove', 0), []),
});

/** `POST /` body. */
export type CreateCollectionBody = v.InferInput<ReturnType<typeof createSchema>>;
/** `PATCH /:id` body: every key optional; `password: null` removes the password, an absent key keeps it. */
export type UpdateCollectionBody = v.InferInput<ReturnType<typeof updateSchema>>;
/** `PATCH /:id/assets` body. */
export type UpdateAssetsBody = v.InferInput<typeof assetsSchema>;

/** A validated create request. */
export type CreateCollectionInput = v.InferOutput<ReturnType<typeof createSchema>>;
/** A validated edit: absent keys are left as they are; `password: null` removes the password. */
export type UpdateCollectionInput = v.InferOutput<ReturnType<typeof updateSchema>>;
export type UpdateAssetsInput = v.InferOutput<typeof assetsSchema>;

export interface PageInput {
  page: number;
  limit: number;
}

/**
 * Runs `schema` over a JSON object whose keys it knows, and throws one ValidationError with
 * the first problem of each field. Unknown keys are refused first, by name, from the schema's
 * own entries: a misspelled field must not be silently ignored.
 */
function parseBody<T>(
  body: unknown,
  schema: v.GenericSchema<unknown, T>,
  keys: readonly string[],
  extra?: (input: Record<string, unknown>) => FieldIssue | undefined,
): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ValidationError.field('body', 'The request body must be a JSON object.');
  }
  const unknownKeys = Object.keys(body).filter((key) => !keys.includes(key)).slice(0, 5);
  if (unknownKeys.length > 0) {
    throw new ValidationError(
      `Unknown field${unknownKeys.length > 1 ? 's' : ''}: ${unknownKeys.join(', ')}.`,
      unknownKeys.map((field) => ({ field, message: `Unknown field "${field}".` })),
    );
  }
  const result = v.safeParse(schema, body, { abortPipeEarly: true });
  const issue = extra?.(body as Record<string, unknown>);
  if (result.success && !issue) return result.output;
  const issues = [...(result.success ? [] : firstIssuePerField(result.issues)), ...(issue ? [issue] : [])];
  throw new ValidationError(issues.map((each) => each.message).join(' '), issues);
}

function firstIssuePerField(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  const byField = new Map<string, string>();
  for (const issue of issues) {
    const field = String(issue.path?.[0]?.key ?? 'body');
    if (!byField.has(field)) byField.set(field, issue.message);
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}

const keysOf = (schema: { entries: object }) => Object.keys(schema.entries);
const CREATE_KEYS = keysOf(createSchema(new Date(0)).pipe[0]);
const UPDATE_KEYS = keysOf(updateSchema(new Date(0)).pipe[0]);
const ASSETS_KEYS = keysOf(assetsSchema);

/** Parses a `POST /` body. `now` decides what "future" means for the expiry. */
export function parseCreateCollection(body: unknown, now: Date): CreateCollectionInput {
  return parseBody(body, createSchema(now), CREATE_KEYS);
}

/** Parses a `PATCH /:id` body. At least one field must be present. */
export function parseUpdateCollection(body: unknown, now: Date): UpdateCollectionInput {
  return parseBody(body, updateSchema(now), UPDATE_KEYS, (input) =>
    Object.keys(input).some((key) => key !== 'revision') ? undefined : { field: 'body', message: 'Send at least one field to change.' },
  );
}

/** Parses a `PATCH /:id/assets` body. */
export function parseUpdateAssets(body: unknown): UpdateAssetsInput {
  const change = parseBody(body, assetsSchema, ASSETS_KEYS);
  if (change.add.length + change.remove.length === 0) throw ValidationError.field('body', 'Send asset ids to add or remove.');
  return change;
}

/**
 * Parses a list of asset ids from a query string or form: comma-separated, and/or a repeated
 * parameter (`?assetIds=a,b&assetIds=c`, which Koa and URLSearchParams give as an array).
 */
export function parseAssetIdQuery(field: string, value: unknown): string[] {
  const parts = Array.isArray(value) && value.every((part) => typeof part === 'string') ? (value as string[]) : [value];
  if (parts.some((part) => typeof part !== 'string' || part.length === 0)) {
    throw ValidationError.field(field, `${field} must list at least one asset id.`);
  }
  const list = (parts as string[]).join(',');
  // The common case, a page of valid ids, in one pass over the string: the schema checks each
  // id on its own, which cost more for 1,000 ids than looking up their memberships. Anything
  // else goes to the schema, for its message.
  if (ASSET_ID_LIST_PATTERN.test(list)) {
    const ids = list.split(',');
    if (ids.length <= LIMITS.maxAssetsPerCollection) return [...new Set(ids)];
  }
  const result = v.safeParse(assetIdList(field, 1), list.split(','), { abortPipeEarly: true });
  if (!result.success) throw ValidationError.field(field, result.issues[0].message);
  return result.output;
}

/** Parses `?page=&limit=`; pages count from 1. */
export function parsePage(query: Record<string, unknown>): PageInput {
  const issues: FieldIssue[] = [];
  const page = parsePositiveInteger('page', query.page, 1, Number.MAX_SAFE_INTEGER, issues);
  const limit = parsePositiveInteger('limit', query.limit, LIMITS.defaultPageSize, LIMITS.maxPageSize, issues);
  if (issues.length > 0) throw new ValidationError(issues.map((issue) => issue.message).join(' '), issues);
  return { page, limit };
}

function parsePositiveInteger(field: string, value: unknown, fallback: number, max: number, issues: FieldIssue[]): number {
  if (value === undefined) return fallback;
  const number = typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : NaN;
  if (number <= max) return number;
  issues.push({ field, message: `${field} must be a whole number from 1 to ${max}.` });
  return fallback;
}
