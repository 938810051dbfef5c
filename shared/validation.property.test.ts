/**
 * Property-based tests of every parser in validation.ts: whatever arrives (any JSON value,
 * any object with the right keys and wrong values), a parser returns a well-typed value or
 * throws a ValidationError whose issues name real fields; valid input is accepted and
 * normalized as documented. Seeded, so a failure reproduces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSET_ID_PATTERN, LIMITS } from './constants.js';
import { ValidationError } from './errors.js';
import {
  parseAssetIdQuery,
  parseCreateCollection,
  parsePage,
  parseUpdateAssets,
  parseUpdateCollection,
} from './validation.js';

const now = new Date('2026-11-27T12:00:00Z');
const RUNS = { seed: 20261127, numRuns: 400 };

const CREATE_FIELDS = ['title', 'description', 'isPublic', 'password', 'expiresAt', 'allowDownload', 'assetIds'];
const UPDATE_FIELDS = ['title', 'description', 'isPublic', 'password', 'expiresAt', 'allowDownload', 'revision'];
const ASSETS_FIELDS = ['add', 'remove'];

/** Runs `parse`; any throw other than a ValidationError fails the property. */
function outcome<T>(parse: () => T): { value: T } | { error: ValidationError } {
  try {
    return { value: parse() };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { error };
  }
}

/** An issue names a field of the contract, the body itself, or an unknown key the client sent. */
function expectRealFields(error: ValidationError, fields: readonly string[], input: unknown): void {
  const sent = typeof input === 'object' && input !== null && !Array.isArray(input) ? Object.keys(input) : [];
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect([...fields, 'body', ...sent]).toContain(issue.field);
    expect(issue.message).toMatch(/\S/);
  }
}

/** Values of every JSON type and a few that are not JSON at all. */
const anyValue = fc.oneof(fc.jsonValue(), fc.anything(), fc.constantFrom(Number.NaN, Infinity, -0, undefined, 2 ** 53, ''));
/** Objects whose keys are (mostly) the contract's fields with values of any type. */
const objectWith = (fields: readonly string[]) =>
  fc.dictionary(fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 8 })), anyValue, { maxKeys: 9 });

// eslint-disable-next-line no-control-regex
const SINGLE_LINE = /^[^\u0000-\u001F\u007F]*$/;
const assetId = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const title = fc
  .string({ minLength: 1, maxLength: LIMITS.titleMaxLength, unit: 'grapheme-composite' })
  .filter((text) => text.trim().length > 0 && text.trim().length <= LIMITS.titleMaxLength && SINGLE_LINE.test(text));
const padding = fc.constantFrom('', ' ', '  ', '\t', '\u00A0');
const futureInstant = fc.date({ min: new Date(now.getTime() + 1), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });

describe('parseCreateCollection', () => {
  it('returns a well-typed value or a ValidationError naming real fields, for any input', () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, objectWith(CREATE_FIELDS)), (input) => {
        const result = outcome(() => parseCreateCollection(input, now));
        if ('error' in result) return expectRealFields(result.error, CREATE_FIELDS, input);
        const value = result.value;
        expect(value.title).toBe(value.title.trim());
        expect(value.title.length).toBeGreaterThan(0);
        expect(value.title.length).toBeLessThanOrEqual(LIMITS.titleMaxLength);
        expect(typeof value.description).toBe('string');
        expect(typeof value.isPublic).toBe('boolean');
        expect(typeof value.allowDownload).toBe('boolean');
        expect(value.expiresAt === null || value.expiresAt.getTime() > now.getTime()).toBe(true);
        expect(value.assetIds.every((id) => ASSET_ID_PATTERN.test(id))).toBe(true);
        expect(new Set(value.assetIds).size).toBe(value.assetIds.length);
      }),
      RUNS,
    );
  });

  it('accepts every valid request and normalizes it as documented', () => {
    fc.assert(
      fc.property(
        fc.record({
          title,
          before: padding,
          after: padding,
          ids: fc.array(assetId, { minLength: 1, maxLength: 20 }),
          expiresAt: fc.option(futureInstant),
          allowDownload: fc.option(fc.boolean()),
          password: fc.option(fc.string({ minLength: 1, maxLength: LIMITS.passwordMaxLength }).filter((p) => SINGLE_LINE.test(p))),
        }),
        (input) => {
          const parsed = parseCreateCollection(
            {
              title: `${input.before}${input.title}${input.after}`,
              assetIds: [...input.ids, ...input.ids],
              ...(input.expiresAt ? { expiresAt: input.expiresAt.toISOString() } : {}),
              ...(input.allowDownload === null ? {} : { allowDownload: input.allowDownload }),
              ...(input.password === null ? {} : { password: input.password }),
            },
            now,
          );
          expect(parsed).toEqual({
            title: input.title.trim(),
            description: '',
            isPublic: true,
            // Passwords are taken exactly as typed: trimming would lock out their owner.
            password: input.password,
            expiresAt: input.expiresAt,
            allowDownload: input.allowDownload ?? false,
            assetIds: [...new Set(input.ids)],
          });
        },
      ),
      RUNS,
    );
  });

  it('refuses a title that is blank, too long or more than one line', () => {
    const bad = fc.oneof(
      fc.stringMatching(/^\s*$/),
      fc.string({ minLength: LIMITS.titleMaxLength + 1, maxLength: 400 }).filter((text) => text.trim().length > LIMITS.titleMaxLength),
      fc.tuple(title, fc.constantFrom('\n', '\r', '\u0000', '\u001B', '\uD800'), title).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(bad, (text) => {
        const result = outcome(() => parseCreateCollection({ title: text, assetIds: ['a1'] }, now));
        expect('error' in result && result.error.issues.map((issue) => issue.field)).toEqual(['title']);
      }),
      RUNS,
    );
  });
});

describe('expiresAt', () => {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  /** Date and time fields as a client might write them, impossible days included (April 31st). */
  const written = fc.record({
    year: fc.integer({ min: 2027, max: 9998 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    offsetMinutes: fc.integer({ min: -14 * 60, max: 14 * 60 }),
  });

  it('means exactly the date and time written, or is refused: never a different day', () => {
    fc.assert(
      fc.property(written, (w) => {
        const sign = w.offsetMinutes < 0 ? '-' : '+';
        const offset = `${sign}${pad(Math.floor(Math.abs(w.offsetMinutes) / 60))}:${pad(Math.abs(w.offsetMinutes) % 60)}`;
        const text = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:00${offset}`;
        const result = outcome(() => parseUpdateCollection({ expiresAt: text }, now));
        const daysInMonth = new Date(Date.UTC(w.year, w.month, 0)).getUTCDate();
        if (w.day > daysInMonth) {
          expect('error' in result && result.error.issues.map((issue) => issue.field), text).toEqual(['expiresAt']);
          return;
        }
        if ('error' in result) throw new Error(`${text} was refused: ${result.error.message}`);
        const local = new Date(result.value.expiresAt!.getTime() + w.offsetMinutes * 60_000);
        expect([local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), local.getUTCHours(), local.getUTCMinutes()]).toEqual([
          w.year, w.month, w.day, w.hour, w.minute,
        ]);
      }),
      { ...RUNS, numRuns: 1000 },
    );
  });

  it('refuses absurd and past instants', () => {
    const absurd = ['+275760-09-13T00:00:00.000Z', '275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z', 'Infinity', 'NaN', '2026-13-01T00:00Z',
      '2026-11-27T12:00:00Z', '2020-01-01T00:00:00Z', '9999-12-31T23:59:59.999-01:00', '2027-01-01', '2027-01-01T00:00:00', 8.64e15, -1, true, {}, []];
    for (const value of absurd) {
      const result = outcome(() => parseUpdateCollection({ expiresAt: value }, now));
      expect('error' in result && result.error.issues.map((issue) => issue.field), String(value)).toEqual(['expiresAt']);
    }
  });
});

describe('parseUpdateCollection', () => {
  it('returns only the fields sent, well-typed, or a ValidationError naming real fields', () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, objectWith(UPDATE_FIELDS)), (input) => {
        const result = outcome(() => parseUpdateCollection(input, now));
        if ('error' in result) return expectRealFields(result.error, UPDATE_FIELDS, input);
        const sent = Object.keys(input as object);
        expect(Object.keys(result.value).every((key) => sent.includes(key))).toBe(true);
        const { title: t, revision, password } = result.value;
        if (t !== undefined) expect(t.length).toBeGreaterThan(0);
        if (revision !== undefined) expect(Number.isSafeInteger(revision) && revision >= 1).toBe(true);
        if (password !== undefined && password !== null) expect(password.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('keeps absent keys absent and turns password null into "remove it"', () => {
    fc.assert(
      fc.property(title, fc.integer({ min: 1, max: 2 ** 31 }), (text, revision) => {
        expect(parseUpdateCollection({ title: text, revision }, now)).toEqual({ title: text.trim(), revision });
        expect(parseUpdateCollection({ password: null }, now)).toEqual({ password: null });
      }),
      RUNS,
    );
  });
});

describe('parseUpdateAssets', () => {
  it('returns two lists of valid, unique ids or a ValidationError naming real fields', () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, objectWith(ASSETS_FIELDS), fc.record({ add: fc.array(anyValue), remove: fc.array(assetId) })), (input) => {
        const result = outcome(() => parseUpdateAssets(input));
        if ('error' in result) return expectRealFields(result.error, ASSETS_FIELDS, input);
        const { add, remove } = result.value;
        expect(add.length + remove.length).toBeGreaterThan(0);
        for (const list of [add, remove]) {
          expect(list.every((id) => ASSET_ID_PATTERN.test(id))).toBe(true);
          expect(new Set(list).size).toBe(list.length);
        }
      }),
      RUNS,
    );
  });
});

describe('parseAssetIdQuery', () => {
  it('parses any comma-separated list of valid ids, de-duplicated in order', () => {
    fc.assert(
      fc.property(fc.array(assetId, { minLength: 1, maxLength: 50 }), (ids) => {
        expect(parseAssetIdQuery('assets', ids.join(','))).toEqual([...new Set(ids)]);
      }),
      RUNS,
    );
  });

  it('refuses anything else with an issue on the named field only', () => {
    const junk = fc.oneof(anyValue, fc.string(), fc.constantFrom('../etc/passwd', 'a1,,a2', "a1' OR '1'='1", 'a1%00', ',', 'a1,' + 'x'.repeat(65)));
    fc.assert(
      fc.property(junk, (value) => {
        const result = outcome(() => parseAssetIdQuery('assets', value));
        if ('error' in result) expect(result.error.issues.every((issue) => issue.field === 'assets')).toBe(true);
        else expect(result.value.every((id) => ASSET_ID_PATTERN.test(id))).toBe(true);
      }),
      RUNS,
    );
  });

  it('gives ids that need no escaping in JSON, which the memberships answer relies on', () => {
    const junk = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('a"b', 'a\\b', '\u2028'));
    fc.assert(
      fc.property(fc.array(fc.oneof(assetId, junk), { minLength: 1, maxLength: 20 }), (ids) => {
        const result = outcome(() => parseAssetIdQuery('assets', ids.join(',')));
        if ('value' in result) for (const id of result.value) expect(JSON.stringify(id)).toBe(`"${id}"`);
      }),
      RUNS,
    );
  });
});

describe('parsePage', () => {
  it('gives whole numbers in range, defaults when absent, or an issue on page or limit', () => {
    const part = fc.oneof(anyValue, fc.stringMatching(/^-?\d{0,20}(\.\d+)?$/), fc.constantFrom('1e3', '0x10', ' 1', '1 ', '９', 'Infinity'));
    fc.assert(
      fc.property(fc.record({ page: part, limit: part }, { requiredKeys: [] }), (query) => {
        const result = outcome(() => parsePage(query));
        if ('error' in result) return expectRealFields(result.error, ['page', 'limit'], {});
        const { page, limit } = result.value;
        expect(Number.isSafeInteger(page) && page >= 1).toBe(true);
        expect(Number.isSafeInteger(limit) && limit >= 1 && limit <= LIMITS.maxPageSize).toBe(true);
        if (query.page === undefined) expect(page).toBe(1);
        else expect(String(page)).toBe(query.page);
        if (query.limit === undefined) expect(limit).toBe(LIMITS.defaultPageSize);
      }),
      RUNS,
    );
  });
});
