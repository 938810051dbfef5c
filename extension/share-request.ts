/**
 * Turns the Share Files form into API bodies, validated with the same parsers the server
 * runs (`shared/validation.ts`), so most mistakes show next to their field before any
 * request. Pure: unit-tested without a browser.
 */
import type { CollectionJson, CreateCollectionBody, UpdateCollectionBody } from '../shared/api-types.js';
import { ValidationError } from '../shared/errors.js';
import { parseCreateCollection, parseUpdateCollection } from '../shared/validation.js';
import { t } from './i18n.js';

export interface ShareFormValues {
  title: string;
  description: string;
  isPublic: boolean;
  /** Empty means: no password (create), or keep the current one (edit). */
  password: string;
  /** Edit only: the `Remove password` option. */
  removePassword: boolean;
  /** `YYYY-MM-DD` from the date field, or empty for no expiry. */
  expiryDate: string;
  allowDownload: boolean;
}

export function initialValues(collection?: CollectionJson): ShareFormValues {
  return {
    title: collection?.title ?? '',
    description: collection?.description ?? '',
    isPublic: collection?.isPublic ?? true,
    password: '',
    removePassword: false,
    expiryDate: collection?.expiresAt ? toDateInputValue(new Date(collection.expiresAt)) : '',
    allowDownload: collection?.allowDownload ?? false,
  };
}

/** The link works until the end of the chosen day where the sharer is. */
export function endOfLocalDay(date: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year!, month! - 1, day!, 23, 59, 59, 999);
}

/** `YYYY-MM-DD` of an instant in the local time zone, as `<input type=date>` wants it. */
export function toDateInputValue(instant: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}

/** The shared parsers' messages are the server's, in English: the form's own come from `_locales`. */
function requireTitle(values: ShareFormValues): void {
  if (values.title.trim() === '') throw ValidationError.field('title', t('titleRequired'));
}

function expiresAt(values: ShareFormValues, now: Date): string | null {
  if (values.expiryDate === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.expiryDate) || Number.isNaN(endOfLocalDay(values.expiryDate).getTime())) {
    throw ValidationError.field('expiresAt', t('expiryInvalid'));
  }
  if (values.expiryDate < toDateInputValue(now)) throw ValidationError.field('expiresAt', t('expiryPast'));
  return endOfLocalDay(values.expiryDate).toISOString();
}

/** A `POST /` body; throws a `ValidationError` naming each bad field. */
export function buildCreateBody(values: ShareFormValues, assetIds: readonly string[], now: Date): CreateCollectionBody {
  requireTitle(values);
  const body: CreateCollectionBody = {
    title: values.title,
    description: values.description,
    isPublic: values.isPublic,
    expiresAt: expiresAt(values, now),
    allowDownload: values.allowDownload,
    assetIds: [...assetIds],
  };
  // The password applies only to public links; an internal share has none.
  if (values.isPublic && values.password !== '') body.password = values.password;
  parseCreateCollection(body, now);
  return body;
}

/**
 * A `PATCH /:id` body with only what changed (plus the revision read), or undefined when
 * nothing did. An empty password field sends no `password` key, which keeps the password.
 */
export function buildUpdateBody(values: ShareFormValues, collection: CollectionJson, now: Date): UpdateCollectionBody | undefined {
  requireTitle(values);
  const before = initialValues(collection);
  const body: UpdateCollectionBody = {};
  if (values.title.trim() !== before.title) body.title = values.title;
  if (values.description.trim() !== before.description) body.description = values.description;
  if (values.isPublic !== before.isPublic) body.isPublic = values.isPublic;
  if (values.allowDownload !== before.allowDownload) body.allowDownload = values.allowDownload;
  if (values.expiryDate !== before.expiryDate) body.expiresAt = expiresAt(values, now);
  if (!values.isPublic || values.removePassword) {
    if (collection.hasPassword) body.password = null;
  } else if (values.password !== '') {
    body.password = values.password;
  }
  if (Object.keys(body).length === 0) return undefined;
  body.revision = collection.revision;
  parseUpdateCollection(body, now);
  return body;
}
