import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkVersions, deriveManifest, isLocalPattern, TARGETS } from './store-manifests.mjs';

const root = JSON.parse(readFileSync(new URL('../manifest.json', import.meta.url), 'utf8')) as Record<string, any>;
const allMatches = (manifest: Record<string, any>): string[] => (manifest.content_scripts ?? []).flatMap((script: { matches: string[] }) => script.matches);

describe('store manifests, derived from the root manifest.json', () => {
  it('starts from a root manifest that serves both browsers in development', () => {
    expect(root.key).toEqual(expect.any(String));
    expect(root.background).toEqual({ service_worker: 'build/background.js', scripts: ['build/background.js'] });
    expect(allMatches(root)).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
  });

  it('Chrome store: the service worker only, no key, no local content-script match, no Firefox settings', () => {
    const chrome = deriveManifest(root, TARGETS.chrome);
    expect(chrome.background).toEqual({ service_worker: 'build/background.js' });
    expect(chrome).not.toHaveProperty('key');
    expect(chrome).not.toHaveProperty('content_scripts');
    expect(chrome).not.toHaveProperty('browser_specific_settings');
    expect(chrome.minimum_chrome_version).toBe(root.minimum_chrome_version);
    expect(chrome.optional_host_permissions).toEqual(root.optional_host_permissions);
  });

  it('Firefox store: background scripts only, the gecko id, no key, no local content-script match, no Chrome settings', () => {
    const firefox = deriveManifest(root, TARGETS.firefox);
    expect(firefox.background).toEqual({ scripts: ['build/background.js'] });
    expect(firefox.browser_specific_settings).toEqual(root.browser_specific_settings);
    expect(firefox.browser_specific_settings.gecko.id).toMatch(/^(\{[0-9a-f-]{36}\}|[\w.-]+@[\w.-]+)$/);
    expect(firefox).not.toHaveProperty('key');
    expect(firefox).not.toHaveProperty('content_scripts');
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
  });

  it('Firefox development: the Firefox background, and the demo origins kept', () => {
    const development = deriveManifest(root, TARGETS['firefox-dev']);
    expect(development.background).toEqual({ scripts: ['build/background.js'] });
    expect(development.content_scripts).toEqual(root.content_scripts);
    expect(development).not.toHaveProperty('key');
  });

  it('keeps every other field as it is and leaves the root manifest untouched', () => {
    const before = structuredClone(root);
    for (const target of Object.values(TARGETS)) {
      const derived = deriveManifest(root, target);
      for (const field of ['manifest_version', 'name', 'description', 'version', 'default_locale', 'icons', 'options_ui', 'permissions', 'optional_host_permissions']) {
        expect(derived[field], field).toEqual(root[field]);
      }
    }
    expect(root).toEqual(before);
  });

  it('drops only the local matches of a content script that also names real hosts', () => {
    const manifest = { ...root, content_scripts: [{ matches: ['http://localhost/*', 'https://dam.example.com/*'], js: ['build/content.js'] }] };
    expect(deriveManifest(manifest, TARGETS.chrome).content_scripts).toEqual([{ matches: ['https://dam.example.com/*'], js: ['build/content.js'] }]);
  });

  it('knows which patterns are local', () => {
    for (const pattern of ['http://127.0.0.1/*', 'http://localhost/*', 'https://localhost/catalog/*', '*://localhost/*', 'http://[::1]/*']) expect(isLocalPattern(pattern), pattern).toBe(true);
    for (const pattern of ['https://dam.example.com/*', 'http://localhost.example.com/*', 'http://*/*', '<all_urls>']) expect(isLocalPattern(pattern), pattern).toBe(false);
  });

  it('refuses a root manifest that lacks what a browser needs', () => {
    expect(() => deriveManifest({ ...root, background: { service_worker: 'build/background.js' } }, TARGETS.firefox)).toThrow(/background.scripts/);
    expect(() => deriveManifest({ ...root, browser_specific_settings: {} }, TARGETS.firefox)).toThrow(/gecko.id/);
  });

  it('refuses to package when manifest.json and package.json disagree on the version', () => {
    expect(() => checkVersions({ version: '0.2.0' }, { version: '0.1.0' })).toThrow(/bump both/);
    expect(() => checkVersions({ version: '0.2.0' }, { version: '0.2.0' })).not.toThrow();
  });
});
