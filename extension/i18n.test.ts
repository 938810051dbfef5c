import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubChromeI18n } from '../test/helpers/chrome-i18n.js';

/** `chrome.i18n` over a message table, as the browser fills in `$1` placeholders. */
function stubMessages(language: string, messages: Record<string, string>): void {
  const getMessage = (key: string, substitution?: string | string[]) => (messages[key] ?? '').replace('$1', String(substitution ?? ''));
  vi.stubGlobal('chrome', { i18n: { getMessage, getUILanguage: () => language } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('plural', () => {
  it('picks the one and other forms from the locale file', async () => {
    stubMessages('en', { viewCount_one: '$1 view', viewCount_other: '$1 views' });
    const { plural } = await import('./i18n.js');
    expect([0, 1, 2, 1234].map((count) => plural('viewCount', count))).toEqual(['0 views', '1 view', '2 views', '1,234 views']);
  });

  it('uses the language\'s own categories, and the other form where a translation lacks one', async () => {
    stubMessages('pl', { fileCount_one: '$1 plik', fileCount_few: '$1 pliki', fileCount_other: '$1 plików' });
    const { plural } = await import('./i18n.js');
    expect([1, 3, 5, 22].map((count) => plural('fileCount', count))).toEqual(['1 plik', '3 pliki', '5 plików', '22 pliki']);
    stubMessages('pl', { fileCount_other: '$1 plików' });
    expect(plural('fileCount', 3)).toBe('3 plików');
  });
});

describe('numbers and dates', () => {
  it('are written as the browser\'s language writes them', async () => {
    const { formatDate, formatNumber } = await import('./i18n.js');
    const endOfYear = new Date(2026, 11, 31, 23, 59);
    const written = (language: string) => {
      stubMessages(language, {});
      return [formatNumber(1234.5), formatDate(endOfYear)];
    };
    expect(written('en')).toEqual(['1,234.5', 'Dec 31, 2026']);
    expect(written('de')).toEqual(['1.234,5', '31.12.2026']);
    expect(written('fr')).toEqual(['1\u202f234,5', '31 déc. 2026']);
    expect(written('ja')).toEqual(['1,234.5', '2026/12/31']);
  });
});

describe('the shipped catalogs', () => {
  it('count files in each language\'s own plural forms', async () => {
    const counted = async (language: string, counts: number[]) => {
      vi.resetModules();
      stubChromeI18n(language);
      const { plural } = await import('./i18n.js');
      return counts.map((count) => plural('fileCount', count));
    };
    expect(await counted('en', [0, 1, 2])).toEqual(['0 files', '1 file', '2 files']);
    expect(await counted('de', [0, 1, 2])).toEqual(['0 Dateien', '1 Datei', '2 Dateien']);
    // French: 0 and 1 are singular; a round million takes "de".
    expect(await counted('fr', [0, 1, 2, 1_000_000])).toEqual(['0 fichier', '1 fichier', '2 fichiers', '1\u202f000\u202f000 de fichiers']);
    expect(await counted('ja', [1, 2])).toEqual(['1 個のファイル', '2 個のファイル']);
  });
});
