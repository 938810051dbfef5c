/**
 * The message catalogs in `_locales`, one per language: complete and consistent with the
 * English one, or the browser would show English (or an empty string) in the middle of a
 * translated dialog, or drop a title or a count from a message.
 */
import { describe, expect, it } from 'vitest';
import { type CatalogEntry, catalogLanguages, formatMessage, readCatalog } from '../test/helpers/chrome-i18n.js';

const english = readCatalog('en');
const PLURAL_KEY = /^(.+)_(zero|one|two|few|many|other)$/;
const pluralNames = new Set(Object.keys(english).flatMap((key) => PLURAL_KEY.exec(key)?.[1] ?? []));

/** Messages that read the same in a language as in English (a loanword, symbols only). */
const SAME_AS_ENGLISH: Record<string, string[]> = { de: ['link', 'stats'], fr: ['description', 'stats'] };

function placeholdersUsed(entry: CatalogEntry): string[] {
  return [...new Set([...entry.message.matchAll(/\$([a-z0-9_@]+)\$/gi)].map((match) => match[1]!.toLowerCase()))].sort();
}

function placeholdersDefined(entry: CatalogEntry): Record<string, string> {
  return Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, { content }]) => [name.toLowerCase(), content]));
}

/** The English message a translated one stands for: a plural form English lacks (French `many`) stands for `_other`. */
function englishFor(key: string): CatalogEntry | undefined {
  const plural = PLURAL_KEY.exec(key);
  return english[key] ?? (plural ? english[`${plural[1]}_other`] : undefined);
}

it('ships English, German, French and Japanese', () => {
  expect(catalogLanguages()).toEqual(['en', 'de', 'fr', 'ja']);
});

describe.each(catalogLanguages())('the %s catalog', (language) => {
  const catalog = readCatalog(language);
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;

  it('has every message of the English catalog, none empty', () => {
    expect(Object.keys(english).filter((key) => !catalog[key])).toEqual([]);
    expect(Object.keys(catalog).filter((key) => catalog[key]!.message.trim() === '')).toEqual([]);
  });

  it('has every plural form its language uses, and nothing else English lacks', () => {
    const needed = [...pluralNames].flatMap((name) => categories.map((category) => `${name}_${category}`));
    expect(needed.filter((key) => !catalog[key])).toEqual([]);
    expect(Object.keys(catalog).filter((key) => !english[key] && !needed.includes(key))).toEqual([]);
  });

  it('uses, and defines, the same placeholders as English in every message', () => {
    const differing = Object.entries(catalog).flatMap(([key, entry]) => {
      const source = englishFor(key);
      if (!source) return [];
      const same = JSON.stringify(placeholdersUsed(entry)) === JSON.stringify(placeholdersUsed(source))
        && JSON.stringify(placeholdersDefined(entry)) === JSON.stringify(placeholdersDefined(source));
      return same ? [] : [key];
    });
    expect(differing).toEqual([]);
  });

  it('fills in every placeholder it uses', () => {
    const substitutions = ['FIRST', 'SECOND'];
    const unfilled = Object.entries(catalog).filter(([, entry]) => /\$[a-z0-9_@]+\$/i.test(formatMessage(entry, substitutions)));
    expect(unfilled.map(([key]) => key)).toEqual([]);
  });
});

describe.each(catalogLanguages().filter((language) => language !== 'en'))('the %s translation', (language) => {
  it('leaves no message in English', () => {
    const catalog = readCatalog(language);
    const untranslated = Object.keys(catalog).filter((key) => catalog[key]!.message === english[key]?.message);
    expect(untranslated.sort()).toEqual((SAME_AS_ENGLISH[language] ?? []).sort());
  });
});
