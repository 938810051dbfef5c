/**
 * Headless system Chromium for browser tests, optionally with an unpacked MV3 extension:
 *
 *   const browser = await launchBrowser();                        // the plain catalog
 *   const browser = await launchBrowser({ extensionDir: root });  // with the extension running
 *   try { ... } finally { await browser.close(); }
 *
 * puppeteer-core never downloads a browser: a missing Chromium fails with the install command,
 * so a browser test can never pass by not running.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Chromium as root in a container needs --no-sandbox; the rest keeps it quiet and offline. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VIEWPORT = { width: 1280, height: 900 };

/** The Chromium to run: `CHROMIUM_PATH`, else the usual system locations. */
export function findChromium(): string {
  const found = [process.env.CHROMIUM_PATH, ...CANDIDATES].find((candidate) => candidate && existsSync(candidate));
  if (!found) {
    throw new Error(
      `No Chromium found (looked at ${[...(process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : []), ...CANDIDATES].join(', ')}). ` +
        'Install it with: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).',
    );
  }
  return found;
}

export interface LaunchOptions {
  /** An unpacked extension to install and wait for. */
  extensionDir?: string;
  /** More Chromium switches, e.g. `--host-resolver-rules` for a second name of a local server. */
  args?: readonly string[];
  /**
   * The browser's UI language (`de`, `ja`...): what `chrome.i18n.getUILanguage()` answers and
   * which `_locales` catalog extensions get. On Linux Chromium reads it from the `LANGUAGE`
   * environment variable, and only for a language whose resources are installed (Debian:
   * `apt-get install chromium-l10n`); `--lang` is ignored there, and `--accept-lang` changes
   * only what pages are told (`navigator.language`; set too, so pages agree). Tests name
   * controls in English, so that is the UI language by default, whatever this machine's locale.
   */
  language?: string;
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const language = options.language ?? 'en-US';
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    pipe: true,
    args: [...ARGS, `--window-size=${VIEWPORT.width},${VIEWPORT.height}`, ...(options.language ? [`--accept-lang=${options.language}`] : []), ...(options.args ?? [])],
    env: { ...process.env, LANGUAGE: language },
    defaultViewport: VIEWPORT,
    // Without this, installExtension returns an id but the extension never runs.
    ...(options.extensionDir ? { enableExtensions: true } : {}),
  });
  if (!options.extensionDir) return browser;
  try {
    const manifest = path.join(options.extensionDir, 'manifest.json');
    if (!existsSync(manifest)) throw new Error(`No manifest.json in ${options.extensionDir}: is it an unpacked extension?`);
    const id = await browser.installExtension(path.resolve(options.extensionDir));
    await browser.waitForTarget(
      (target) => target.type() === 'service_worker' && target.url().startsWith(`chrome-extension://${id}/`),
      { timeout: 15_000 },
    );
    return browser;
  } catch (error) {
    await browser.close();
    throw error;
  }
}
