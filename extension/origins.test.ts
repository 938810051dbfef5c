import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubChromeI18n } from '../test/helpers/chrome-i18n.js';
import { builtInPatterns, originOfScriptId, parseDamOrigin } from './origins.js';

beforeAll(() => stubChromeI18n());
afterAll(() => vi.unstubAllGlobals());

describe('parseDamOrigin', () => {
  it('accepts a bare host name as https, and drops paths', () => {
    expect(parseDamOrigin(' dam.example.com ')).toEqual({
      origin: 'https://dam.example.com',
      pattern: 'https://dam.example.com/*',
      scriptId: 'sc-origin:https://dam.example.com',
    });
    expect(parseDamOrigin('http://dam.local:8080/catalog?x=1').pattern).toBe('http://dam.local/*');
  });

  it('recovers the origin from the script id', () => {
    expect(originOfScriptId(parseDamOrigin('https://dam.example.com').scriptId)).toBe('https://dam.example.com');
    expect(originOfScriptId('other')).toBeUndefined();
  });

  it('refuses what is not a plain web origin', () => {
    expect(() => parseDamOrigin('')).toThrow(/Enter the address/);
    expect(() => parseDamOrigin('ftp://dam.example.com')).toThrow(/http and https/);
    expect(() => parseDamOrigin('https://user:pw@dam.example.com')).toThrow(/user name/);
    expect(() => parseDamOrigin('http://')).toThrow(/not a web address/);
  });

  it('says so in the browser\'s language', () => {
    stubChromeI18n('de');
    expect(() => parseDamOrigin('ftp://dam.example.com')).toThrow('Nur http- und https-Adressen können hinzugefügt werden.');
    stubChromeI18n();
  });

  it('takes the built-in origins from the manifest: the demo origins in development, none in a store build', () => {
    const development = { content_scripts: [{ matches: ['http://127.0.0.1/*', 'http://localhost/*'], js: ['build/content.js'] }] };
    expect(builtInPatterns(development)).toContain(parseDamOrigin('http://localhost:3000').pattern);
    expect(builtInPatterns(development)).not.toContain(parseDamOrigin('https://dam.example.com').pattern);
    expect(builtInPatterns({})).toEqual([]);
  });
});
