/**
 * Headless system Firefox for browser tests, driven over WebDriver BiDi, optionally with an
 * unpacked extension installed as a temporary add-on (as about:debugging would):
 *
 *   const { browser, extensionUrl } = await launchFirefox({ extensionDir });
 *   await openExtensionPage(page, extensionUrl('build/options.html'));
 *   try { ... } finally { await browser.close(); }
 *
 * puppeteer-core never downloads a browser: a missing Firefox fails with the install command,
 * so a browser test can never pass by not running.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { VIEWPORT } from './browser.js';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** The extension's internal UUID, fixed so its pages have a known address (Firefox picks a random one otherwise). */
const EXTENSION_UUID = '5c3e0d2a-7f41-4b8e-9d6c-2a1f0e9b8c7d';

/** The Firefox to run: `FIREFOX_PATH`, else the usual system locations. */
export function findFirefox(): string {
  const candidates = [...(process.env.FIREFOX_PATH ? [process.env.FIREFOX_PATH] : []), ...CANDIDATES];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(`No Firefox found (looked at ${candidates.join(', ')}). Install it with: apt-get update && apt-get install -y firefox-esr (or set FIREFOX_PATH).`);
  }
  return found;
}

/** The browsers this module launched, so shared helpers can tell them apart from Chromium. */
const launched = new WeakSet<Browser>();

export function isFirefox(browser: Browser): boolean {
  return launched.has(browser);
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** The address of a file of the installed extension, e.g. `extensionUrl('build/options.html')`. */
  extensionUrl(file: string): string;
}

/**
 * Firefox with the unpacked extension in `extensionDir` installed. A user installing it would
 * be asked once for its host permissions and for each origin added later; headless, nobody
 * can answer, so the preferences below answer as a user who allows.
 */
export async function launchFirefox({ extensionDir }: { extensionDir: string }): Promise<FirefoxWithExtension> {
  const manifestPath = path.join(extensionDir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`No manifest.json in ${extensionDir}: is it an unpacked extension?`);
  const id = (JSON.parse(await readFile(manifestPath, 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } }).browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${manifestPath} has no browser_specific_settings.gecko.id; Firefox needs one for an MV3 add-on.`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    defaultViewport: VIEWPORT,
    // Lets WebDriver BiDi open moz-extension:// pages (the options page), which it refuses by default.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [id]: EXTENSION_UUID }),
      // MV3 host permissions, content-script matches included, are granted at install as the
      // install prompt grants them (already the default in Firefox 153; stated, not assumed).
      'extensions.originControls.grantByDefault': true,
      // permissions.request() (the options page's Add) is granted without the prompt a user would answer.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  launched.add(browser);
  try {
    const installed = await browser.installExtension(path.resolve(extensionDir));
    if (installed !== id) throw new Error(`Firefox installed the extension as ${installed}, not as its gecko id ${id}.`);
    return { browser, extensionUrl: (file) => `moz-extension://${EXTENSION_UUID}/${file}` };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * Opens an extension page in `page`. Firefox reports no navigation of a tab into the extension's
 * process to WebDriver BiDi, so `page.goto()` would wait until its timeout: the navigation is
 * started without waiting on it, and the page's own document tells when it has loaded.
 */
export async function openExtensionPage(page: Page, url: string): Promise<void> {
  // It settles only when the tab closes ("Frame detached"); nothing waits on it.
  page.goto(url, { timeout: 0 }).catch(() => undefined);
  await page.waitForFunction((href) => location.href === href && document.readyState === 'complete', { timeout: 30_000 }, url);
}
