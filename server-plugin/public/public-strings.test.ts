import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { CATALOG, fill, localeOf, LOCALES, plural, type Plural } from './public-strings.js';

/** Every text of a catalog, by its path, e.g. `files.one` or `messages.gone.heading`. */
function texts(value: unknown, path = ''): Map<string, string> {
  if (typeof value === 'string') return new Map([[path, value]]);
  return new Map(Object.entries(value as object).flatMap(([key, inner]) => [...texts(inner, path ? `${path}.${key}` : key)]));
}
const fields = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
/** A plural's forms without their category: the fields of `other` must be in every language's `other`. */
const base = (path: string) => path.replace(/\.(zero|one|two|few|many|other)$/, '');

describe('public pages catalog', () => {
  it('has en, de, fr and ja, each text filled with the same fields as English', () => {
    expect(LOCALES).toEqual(['en', 'de', 'fr', 'ja']);
    const english = texts(CATALOG.en);
    for (const locale of LOCALES) {
      const own = texts(CATALOG[locale]);
      for (const [path, text] of own) {
        expect(text.trim(), `${locale} ${path}`).not.toBe('');
        const reference = english.get(path) ?? english.get(`${base(path)}.other`)!;
        // A singular form may spell its number out ("1 Datei"), so only `other` must carry {n}.
        const expected = path.endsWith('.one') ? fields(reference).filter((field) => fields(text).includes(field)) : fields(reference);
        expect(fields(text), `${locale} ${path}`).toEqual(expected);
      }
      expect(new Set([...own.keys()].map(base)), locale).toEqual(new Set([...english.keys()].map(base)));
    }
  });

  it('picks the plural form of the language and formats the number for it', () => {
    const forms: Plural = { one: '{n} file', other: '{n} files' };
    expect(plural('en', forms, 1)).toBe('1 file');
    expect(plural('en', forms, 12345)).toBe('12,345 files');
    expect(plural('de', CATALOG.de.files, 12345)).toBe('12.345 Dateien');
    expect(plural('fr', CATALOG.fr.files, 0)).toBe('0 fichier');
    expect(plural('ja', CATALOG.ja.files, 1)).toBe('1 個のファイル');
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('follows Accept-Language, regional variants and weights included, English when nothing fits', () => {
    const ask = (header: string | undefined) => localeOf(new Koa().createContext(request(header), new ServerResponse(request(header))));
    expect(ask('de-CH,de;q=0.9,en;q=0.8')).toBe('de');
    expect(ask('fr-CA')).toBe('fr');
    expect(ask('ja,en;q=0.5')).toBe('ja');
    expect(ask('en;q=0.2,ja;q=0.9')).toBe('ja');
    expect(ask('zz')).toBe('en');
    expect(ask(undefined)).toBe('en');
  });
});

/** A bare request with this Accept-Language, for a real Koa context. */
function request(header: string | undefined): IncomingMessage {
  const message = new IncomingMessage(new Socket());
  if (header !== undefined) message.headers['accept-language'] = header;
  return message;
}
