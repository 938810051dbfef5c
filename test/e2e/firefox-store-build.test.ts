/**
 * The Firefox package exactly as addons.mozilla.org receives it, unzipped and installed in real
 * Firefox. A store build runs on no DAM of its own accord, a local one included: the user adds
 * the address in the options page, Firefox asks for that site (answered yes here, as a user
 * would), the content script is registered, and it runs on the catalog. Remove takes both away.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../helpers/demo-server.js';
import { launchFirefox, openExtensionPage } from '../helpers/firefox.js';
import { type Packaged, packageIntoTemp, run } from '../helpers/store-packages.js';
import { byRole, getByRole, openCatalogAs, waitForRole } from './extension-harness.js';

const PATTERN = 'http://127.0.0.1/*';

/** What the extension itself knows, asked from its options page. */
interface ExtensionState {
  granted: boolean;
  scripts: { id: string; matches?: string[]; js?: string[] }[];
}
type ExtensionGlobal = typeof globalThis & {
  browser: {
    permissions: { contains(permissions: { origins: string[] }): Promise<boolean> };
    scripting: { getRegisteredContentScripts(): Promise<ExtensionState['scripts']> };
  };
};

let packaged: Packaged;
let unpacked: string;
let demo: DemoServer;
let browser: Browser;
let options: Page;

beforeAll(async () => {
  [packaged, demo] = await Promise.all([packageIntoTemp(), startDemoServer()]);
  unpacked = await mkdtemp(`${tmpdir()}/sc-firefox-store-`);
  await run('unzip', ['-q', packaged.zip('firefox'), '-d', unpacked]);
  const firefox = await launchFirefox({ extensionDir: unpacked });
  browser = firefox.browser;
  options = await browser.newPage();
  await openExtensionPage(options, firefox.extensionUrl('build/options.html'));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await packaged?.remove();
  if (unpacked) await rm(unpacked, { recursive: true, force: true });
});

function extensionState(): Promise<ExtensionState> {
  return options.evaluate(async (pattern) => {
    const { browser: api } = globalThis as ExtensionGlobal;
    return { granted: await api.permissions.contains({ origins: [pattern] }), scripts: await api.scripting.getRegisteredContentScripts() };
  }, PATTERN);
}

async function statusAfter(action: () => Promise<void>): Promise<string> {
  await options.$eval('[role="status"]', (status) => (status.textContent = ''));
  await action();
  await options.waitForFunction(() => (document.querySelector('[role="status"]')?.textContent ?? '') !== '', { timeout: 30_000 });
  return options.$eval('[role="status"]', (status) => status.textContent ?? '');
}

describe('the Firefox store package', () => {
  it('claims no origin of its own: no hint about built-in origins, nothing added, no access to 127.0.0.1', async () => {
    const text = await options.$eval('body', (body) => body.innerText);
    expect(text).toContain('Add your DAM');
    expect(text).not.toContain('works without adding it');
    await options.waitForFunction(() => document.body.innerText.includes('None yet.'), { timeout: 30_000 });
    expect(await extensionState()).toEqual({ granted: false, scripts: [] });
  });

  it('adds a DAM on 127.0.0.1 from the options page, and the extension runs on its catalog', async () => {
    const status = await statusAfter(async () => {
      await (await getByRole(options, 'textbox', 'DAM address')).type(demo.baseUrl);
      await (await getByRole(options, 'button', 'Add')).click();
    });
    expect(status).toBe(`Added ${demo.baseUrl}. Reload its catalog page to start.`);
    expect(await extensionState()).toEqual({
      granted: true,
      scripts: [expect.objectContaining({ id: 'sc-origin:http://127.0.0.1', matches: [PATTERN], js: ['build/content.js'] })],
    });

    const catalog = await browser.newPage();
    await openCatalogAs(catalog, demo.baseUrl, 'editor');
    const name = await catalog.$eval('li.thumbnail', (item) => (item as HTMLElement).dataset.fileName ?? '');
    expect(await byRole(catalog, 'checkbox', `Select ${name}`)).not.toBeNull();
    await catalog.close();
  }, 120_000);

  it('removes it again: the registration and the access are gone', async () => {
    await waitForRole(options, 'button', 'Remove http://127.0.0.1');
    const status = await statusAfter(async () => (await getByRole(options, 'button', 'Remove http://127.0.0.1')).click());
    expect(status).toBe('Removed http://127.0.0.1.');
    expect(await extensionState()).toEqual({ granted: false, scripts: [] });
  }, 60_000);
});
