/**
 * The two store uploads as `npm run build -- --package` writes them: each holds only shipped
 * files and every file its manifest names; neither carries the development `key` or runs on
 * local servers by itself; Chrome's has only the service worker and Chromium starts it; Firefox's
 * has the background scripts and its gecko id, and Mozilla's `web-ext lint` finds nothing at all
 * (0 errors, 0 warnings) in it.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { type Packaged, packageIntoTemp, REPO_ROOT, run, zipEntries, zipEntry, zipJson } from '../helpers/store-packages.js';

const SHIPPED = /^(manifest\.json|_locales\/[a-z_]+\/messages\.json|build\/[\w.-]+|extension\/icons\/icon-\d+\.png)$/;
const LOCAL = /127\.0\.0\.1|localhost|\[::1\]/;

let packaged: Packaged;
beforeAll(async () => {
  packaged = await packageIntoTemp();
}, 120_000);
afterAll(() => packaged?.remove());

/** Every file a manifest points at: what a browser would fail to load if it were missing. */
function filesNamedBy(manifest: Record<string, any>): string[] {
  return [
    ...Object.values(manifest.icons as Record<string, string>),
    ...(manifest.background.service_worker ? [manifest.background.service_worker] : []),
    ...(manifest.background.scripts ?? []),
    manifest.options_ui.page,
    ...(manifest.content_scripts ?? []).flatMap((script: { js: string[] }) => script.js),
    `_locales/${manifest.default_locale}/messages.json`,
  ];
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

describe.each(['chrome', 'firefox'] as const)('the %s package', (browser) => {
  it('zips exactly its staged files: the manifest, locales, bundles and icons, and everything the manifest names', async () => {
    const files = await zipEntries(packaged.zip(browser));
    expect(files.sort()).toEqual((await filesUnder(`${packaged.distDir}/stage/${browser}`)).sort());
    expect(files.filter((name) => !SHIPPED.test(name))).toEqual([]);
    const manifest = await zipJson(packaged.zip(browser), 'manifest.json');
    expect(filesNamedBy(manifest).filter((name) => !files.includes(name))).toEqual([]);
    expect(files).toContain('build/content.js');
  });

  it('carries no development key and no content script or host permission of its own for local servers', async () => {
    const manifest = await zipJson(packaged.zip(browser), 'manifest.json');
    expect(manifest).not.toHaveProperty('key');
    expect(JSON.stringify(manifest.content_scripts ?? [])).not.toMatch(LOCAL);
    expect(manifest.host_permissions ?? []).toEqual([]);
    // Every DAM, a local one too, is added by the user in the options page.
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(manifest.permissions).toContain('scripting');
  });

  it('keeps the content script within 60 KB minified', async () => {
    expect((await zipEntry(packaged.zip(browser), 'build/content.js')).length).toBeLessThanOrEqual(60 * 1024);
  });
});

describe('the Chrome package', () => {
  it('has the service worker only and nothing Firefox-specific', async () => {
    const manifest = await zipJson(packaged.zip('chrome'), 'manifest.json');
    expect(manifest.background).toEqual({ service_worker: 'build/background.js' });
    expect(manifest).not.toHaveProperty('browser_specific_settings');
    expect(manifest).toMatchObject({ manifest_version: 3, version: packaged.version, minimum_chrome_version: expect.any(String) });
  });

  // web-ext lint checks for Firefox; Chromium itself is the judge of a Chrome manifest.
  it('loads in Chromium: the service worker starts, and the options page claims no built-in origin', async () => {
    let chromium: Browser | undefined;
    try {
      chromium = await launchBrowser({ extensionDir: `${packaged.distDir}/stage/chrome` });
      const worker = await chromium.waitForTarget((target) => target.type() === 'service_worker' && target.url().startsWith('chrome-extension://'));
      const page = await chromium.newPage();
      await page.goto(new URL('/build/options.html', worker.url()).href);
      await page.waitForSelector('form');
      const text = await page.$eval('body', (body) => body.innerText);
      expect(text).toContain('Add your DAM');
      expect(text).not.toContain('works without adding it');
    } finally {
      await chromium?.close();
    }
  });
});

describe('the Firefox package', () => {
  it('has background scripts, no service worker, the gecko id and minimum versions', async () => {
    const manifest = await zipJson(packaged.zip('firefox'), 'manifest.json');
    expect(manifest.background).toEqual({ scripts: ['build/background.js'] });
    expect(manifest).not.toHaveProperty('minimum_chrome_version');
    const rootManifest = (await import(`${REPO_ROOT}manifest.json`, { with: { type: 'json' } })).default as Record<string, any>;
    expect(manifest.browser_specific_settings).toEqual(rootManifest.browser_specific_settings);
    expect(manifest.browser_specific_settings.gecko).toMatchObject({
      id: expect.stringMatching(/^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/),
      strict_min_version: expect.stringMatching(/^\d+\.\d+$/),
      data_collection_permissions: { required: ['none'] },
    });
  });

  it('passes web-ext lint with 0 errors and 0 warnings', async () => {
    const { stdout } = await run(`${REPO_ROOT}node_modules/.bin/web-ext`, ['lint', '--source-dir', `${packaged.distDir}/stage/firefox`, '--output', 'json', '--no-config-discovery'], {
      cwd: REPO_ROOT,
    }).catch(
      // web-ext exits non-zero when it finds errors; the report is still on stdout.
      (error: { stdout: string }) => ({ stdout: error.stdout }),
    );
    const report = JSON.parse(stdout) as { errors: unknown[]; warnings: unknown[]; summary: { errors: number; warnings: number; notices: number } };
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0 });
  }, 120_000);
});
