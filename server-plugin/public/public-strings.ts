/**
 * Every word of the public pages, in one catalog per language. The server renders with it,
 * and hands `gallery.js` the part it needs (`script`) in a data attribute, so the page's
 * script carries no words of its own. Plural entries follow `Intl.PluralRules`; `{n}` and
 * `{name}`-style fields are filled by `fill`.
 */
import type { Context } from 'koa';
import type { ErrorCode } from '../../shared/errors.js';

/** A text with plural forms by `Intl.PluralRules` category; `other` is always there. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface PublicStrings {
  sharedBy: string;
  files: Plural;
  empty: string;
  downloadAll: string;
  downloadSelected: string;
  clear: string;
  select: string;
  download: string;
  availableDays: Plural;
  availableHours: Plural;
  availableMinutes: string;
  until: string;
  pages: string;
  previous: string;
  next: string;
  pageOf: string;
  selectionZip: Plural;
  passwordHeading: string;
  passwordText: string;
  password: string;
  unlock: string;
  wrongPassword: string;
  tooManyAttempts: string;
  messages: Record<MessageKey, { heading: string; text: string }>;
  /** What gallery.js shows; sent to it whole. */
  script: {
    selected: Plural;
    close: string;
    previous: string;
    next: string;
    download: string;
    viewer: string;
    position: string;
  };
}

/** A page per domain error code, and one for the unexpected. */
export type MessageKey = ErrorCode | 'internal';

const en: PublicStrings = {
  sharedBy: 'Shared by {name}',
  files: { one: '{n} file', other: '{n} files' },
  empty: 'This collection is empty.',
  downloadAll: 'Download all ({size})',
  downloadSelected: 'Download selected',
  clear: 'Clear',
  select: 'Select {name}',
  download: 'Download {name}',
  availableDays: { one: 'Available for 1 more day', other: 'Available for {n} more days' },
  availableHours: { one: 'Available for 1 more hour', other: 'Available for {n} more hours' },
  availableMinutes: 'Available for less than an hour',
  until: 'until {date}',
  pages: 'Pages',
  previous: 'Previous',
  next: 'Next',
  pageOf: 'page {page} of {count}',
  selectionZip: { one: '{title} (1 file)', other: '{title} ({n} files)' },
  passwordHeading: 'Password required',
  passwordText: 'This shared collection is protected. Enter the password you were given.',
  password: 'Password',
  unlock: 'Unlock',
  wrongPassword: 'Wrong password',
  tooManyAttempts: 'Too many attempts. Try again in {n} seconds.',
  messages: {
    not_found: { heading: 'Link not found', text: 'This link does not exist. Check that you copied all of it.' },
    gone: {
      heading: 'This link has expired',
      text: 'The shared collection is no longer available. Ask the person who sent you the link for a new one.',
    },
    unauthenticated: {
      heading: 'Sign in to view this collection',
      text: 'This collection is shared only with people signed in to the catalog. Sign in, then open this link again.',
    },
    forbidden: { heading: 'Not allowed', text: 'Downloading original files is not allowed for this collection.' },
    rate_limited: { heading: 'Too many requests', text: 'Please wait a moment before trying again.' },
    validation_failed: { heading: 'Bad request', text: 'The request could not be understood.' },
    payload_too_large: { heading: 'Too much data', text: 'The request was too large.' },
    unavailable: { heading: 'Temporarily unavailable', text: 'The service is busy or down. Try again in a moment.' },
    conflict: { heading: 'Bad request', text: 'The request could not be understood.' },
    internal: { heading: 'Something went wrong', text: 'The page could not be shown. Try again later.' },
  },
  script: {
    selected: { one: '1 selected', other: '{n} selected' },
    close: 'Close',
    previous: 'Previous',
    next: 'Next',
    download: 'Download',
    viewer: 'Preview',
    position: '{index} of {count}',
  },
};

export const CATALOG = { en } as const satisfies Record<string, PublicStrings>;

export type Locale = keyof typeof CATALOG;

/** The languages offered, the first being the default for a request that states none we have. */
export const LOCALES = Object.keys(CATALOG) as Locale[];

/** `{key}` fields of `text` replaced by `values`; an unknown field stays as it is. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (field, key: string) => (key in values ? String(values[key]) : field));
}

/** The plural form of `plural` for `n` in `locale`, with `{n}` (and `values`) filled. */
export function plural(locale: Locale, forms: Plural, n: number, values: Record<string, string | number> = {}): string {
  const category = new Intl.PluralRules(locale).select(n);
  return fill(forms[category] ?? forms.other, { n: new Intl.NumberFormat(locale).format(n), ...values });
}

/** The request's language by `Accept-Language` (Koa's negotiation: `de-CH` gets `de`); English when none fits. */
export function localeOf(ctx: Pick<Context, 'acceptsLanguages'>): Locale {
  const chosen = ctx.acceptsLanguages(LOCALES);
  return typeof chosen === 'string' && chosen in CATALOG ? (chosen as Locale) : 'en';
}
