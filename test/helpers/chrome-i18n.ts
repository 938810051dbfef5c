/**
 * The extension's message catalogs (`_locales/<language>/messages.json`) and `chrome.i18n`
 * over them, substituting as the browser does, for unit tests that run without a browser.
 *
 * @example
 * beforeEach(() => stubChromeI18n('de'));
 * afterEach(() => vi.unstubAllGlobals());
 */
import { readdirSync, readFileSync } from 'node:fs';
import { vi } from 'vitest';

export interface CatalogEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalog = Record<string, CatalogEntry>;

const LOCALES = new URL('../../_locales/', import.meta.url);

/** The languages the extension ships, `en` (the manifest's default locale) first. */
export function catalogLanguages(): string[] {
  const languages = readdirSync(LOCALES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  return ['en', ...languages.filter((language) => language !== 'en').sort()];
}

export function readCatalog(language: string): Catalog {
  return JSON.parse(readFileSync(new URL(`${language}/messages.json`, LOCALES), 'utf8')) as Catalog;
}

/**
 * A message with its `$NAME$` placeholders replaced by their content, and `$1`..`$9` in that
 * content by the substitutions (Chrome's rules: names are case-insensitive, `$$` is a dollar).
 */
export function formatMessage(entry: CatalogEntry, substitutions: readonly string[] = []): string {
  const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, { content }]) => [name.toLowerCase(), content]));
  const substitute = (text: string) => text.replace(/\$(\d)/g, (_, index: string) => substitutions[Number(index) - 1] ?? '');
  return entry.message
    .replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => {
      const content = placeholders[name.toLowerCase()];
      return content === undefined ? whole : substitute(content);
    })
    .replaceAll('$$', '$');
}

/** Stubs the global `chrome.i18n` with `language`'s catalog; missing keys fall back to English, as in the browser. */
export function stubChromeI18n(language = 'en'): void {
  const catalog = readCatalog(language);
  const fallback = readCatalog('en');
  const getMessage = (key: string, substitutions?: string | string[]) => {
    const entry = catalog[key] ?? fallback[key];
    if (!entry) return '';
    return formatMessage(entry, substitutions === undefined ? [] : typeof substitutions === 'string' ? [substitutions] : substitutions);
  };
  vi.stubGlobal('chrome', { i18n: { getMessage, getUILanguage: () => language } });
}
