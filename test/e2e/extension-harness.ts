/**
 * What the extension's browser suites share: real Chromium with the real unpacked extension
 * loaded from the repository root (the `key` in the manifest fixes its id), or real Firefox
 * with the Firefox development build; signed in to the demo DAM as one of its seeded users,
 * and the catalog page ready.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { launchBrowser } from '../helpers/browser.js';
import { type DemoServer, startDemoServer } from '../helpers/demo-server.js';
import { type FirefoxWithExtension, isFirefox, launchFirefox } from '../helpers/firefox.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The extension's id, fixed by the manifest's `key`: Chromium's rule, the first 128 bits of
 * the key's SHA-256 in hexadecimal, written with the letters a-p. Its pages open by this id
 * even while its service worker sleeps (an idle MV3 worker stops, and is no target to find).
 */
export const EXTENSION_ID = (() => {
  const { key } = JSON.parse(readFileSync(`${REPO_ROOT}manifest.json`, 'utf8')) as { key: string };
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
})();
export const SCREENSHOT_DIR = `${REPO_ROOT}docs/screenshots`;

/**
 * Chromium (test/helpers/browser.ts) with the extension unless `withExtension` is false, in
 * the UI `language` when given (English otherwise).
 */
export async function launchChromium({ withExtension = true, language }: { withExtension?: boolean; language?: string } = {}): Promise<Browser> {
  if (!existsSync(`${REPO_ROOT}build/content.js`)) throw new Error('Run `npm run build` first: the extension loads from build/.');
  return launchBrowser({ ...(withExtension ? { extensionDir: REPO_ROOT } : {}), ...(language ? { language } : {}) });
}

/**
 * Firefox (test/helpers/firefox.ts) with the Firefox development build: the same build script
 * stages it (`--firefox-dev`: Firefox's manifest, demo origins kept) into a temporary
 * directory, removed when the browser closes.
 */
export async function launchFirefoxWithExtension(): Promise<FirefoxWithExtension> {
  const dir = await mkdtemp(`${tmpdir()}/sc-firefox-dev-`);
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--firefox-dev', '--build-dir', `${dir}/build`, '--dist-dir', dir], { cwd: REPO_ROOT });
    const firefox = await launchFirefox({ extensionDir: `${dir}/firefox-dev` });
    firefox.browser.once('disconnected', () => void remove());
    return firefox;
  } catch (error) {
    await remove();
    throw error;
  }
}

export interface DemoWithExtension {
  demo: DemoServer;
  /** The browser with the extension. */
  browser: Browser;
  /** Closes the browser, then the demo. */
  close(): Promise<void>;
}

/**
 * The demo DAM and a browser with the extension (Chromium unless `launch` says otherwise),
 * started side by side: every extension suite's set-up.
 *
 * @example
 * let session: DemoWithExtension;
 * beforeAll(async () => { session = await startDemoWithExtension({ sampleCount: 60 }); }, 120_000);
 * afterAll(() => session?.close());
 * // In Firefox:
 * session = await startDemoWithExtension({}, async () => (await launchFirefoxWithExtension()).browser);
 */
export async function startDemoWithExtension(
  options: Parameters<typeof startDemoServer>[0] = {},
  launch: () => Promise<Browser> = launchChromium,
): Promise<DemoWithExtension> {
  const [demo, browser] = await Promise.all([startDemoServer(options), launch()]);
  return {
    demo,
    browser,
    async close() {
      await browser.close();
      await demo.close();
    },
  };
}

/** The seeded users who may share: the extension gives only them selection checkboxes. */
const SHARERS = new Set(['admin', 'editor', 'editor2']);

/**
 * Signs `page` in through the demo's login form and opens the catalog with its first grid
 * rendered and, for users who may share, the extension's checkboxes in it.
 */
export async function openCatalogAs(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill('demo');
  await Promise.all([page.waitForNavigation(), page.locator('button[type="submit"]').click()]);
  await page.waitForSelector('li.thumbnail');
  if (SHARERS.has(username)) await page.waitForSelector('li.thumbnail sc-check');
}

/** Calls the owner API as the user behind `cookie`, as a test's set-up or check. */
export async function ownerApi<T>(baseUrl: string, cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}/api/shared-collections${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** The ids of the first `limit` catalog assets the user behind `cookie` sees (for API set-up in tests). */
export async function catalogAssetIds(baseUrl: string, cookie: string, limit: number): Promise<string[]> {
  const response = await fetch(`${baseUrl}/api/assets?limit=${limit}`, { headers: { cookie } });
  const { items } = (await response.json()) as { items: { id: string }[] };
  return items.map((asset) => asset.id);
}

/** The element with this role and accessible name (ARIA, through shadow roots), scoped to `root`. */
export async function byRole(root: Page | ElementHandle, role: string, name: string): Promise<ElementHandle<Element> | null> {
  const selector = `::-p-aria([name="${name.replaceAll('"', '\\"')}"][role="${role}"])`;
  if (!isFirefox('goto' in root ? root.browser() : root.frame.page().browser())) return root.$(selector);
  // Firefox's WebDriver BiDi looks for roles in the light DOM only (its locator walks
  // `children`), and the extension's controls live in shadow roots: ask each of those too,
  // side by side (each query visits every element under its start one by one).
  const found = await Promise.all([root, ...(await openShadowRoots(root))].map((start) => start.$(selector)));
  return found.find((element) => element !== null) ?? null;
}

/** Every open shadow root under `root`, nested ones included. */
async function openShadowRoots(root: Page | ElementHandle): Promise<ElementHandle<Node>[]> {
  // Runs in the page: no inner named functions, which a TypeScript transform may wrap in a helper the page lacks.
  const collect = (start?: Node) => {
    const roots: ShadowRoot[] = [];
    const pending = [(start ?? document) as ParentNode];
    for (let node = pending.pop(); node; node = pending.pop()) {
      for (const element of node.querySelectorAll('*')) {
        if (element.shadowRoot) {
          roots.push(element.shadowRoot);
          pending.push(element.shadowRoot);
        }
      }
    }
    return roots;
  };
  // One call; TypeScript cannot call evaluateHandle on the Page | ElementHandle union.
  const list = 'goto' in root ? await root.evaluateHandle(collect) : await root.evaluateHandle(collect);
  const handles = [...(await list.getProperties()).values()].flatMap((handle) => handle.asElement() ?? []);
  await list.dispose();
  return handles as ElementHandle<Node>[];
}

export async function getByRole(root: Page | ElementHandle, role: string, name: string): Promise<ElementHandle<Element>> {
  const element = await byRole(root, role, name);
  if (!element) throw new Error(`No ${role} named "${name}"`);
  return element;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` as `${string}.png` });
}

export interface ThumbnailRef {
  id: string;
  name: string;
  handle: ElementHandle<HTMLLIElement>;
}

/** The displayed thumbnails (the visible grid), in screen order. */
export async function displayedThumbnails(page: Page): Promise<ThumbnailRef[]> {
  const handles = (await page.$$('ul.thumbnail-grid:not([data-sc-hidden]) > li.thumbnail')) as ElementHandle<HTMLLIElement>[];
  return Promise.all(
    handles.map(async (handle) => {
      const [id, name] = await handle.evaluate((li) => [li.dataset.assetId ?? '', li.dataset.fileName ?? '']);
      return { id: id!, name: name!, handle };
    }),
  );
}

/** The `Select <file name>` checkbox of one thumbnail, found by its accessible name inside it. */
export function checkboxOf(thumbnail: ThumbnailRef): Promise<ElementHandle<Element>> {
  return getByRole(thumbnail.handle, 'checkbox', `Select ${thumbnail.name}`);
}

export async function isChecked(thumbnail: ThumbnailRef): Promise<boolean> {
  return (await checkboxOf(thumbnail)).evaluate((input) => (input as HTMLInputElement).checked);
}

export async function selectedIds(page: Page): Promise<string[]> {
  return page.$$eval('li.thumbnail[aria-selected="true"]', (items) => items.map((li) => (li as HTMLElement).dataset.assetId ?? ''));
}

/** Opens a host three-dots menu (`More actions`, or a thumbnail's `Item actions`) and picks an item. */
export async function chooseFromMenu(root: Page | ElementHandle, menuLabel: string, itemName: string): Promise<void> {
  // A thumbnail's three dots appear on hover, as for a user.
  if (!('goto' in root)) await root.hover();
  await (await getByRole(root, 'button', menuLabel)).click();
  const item = await waitForRole(root, 'menuitem', itemName);
  await item.click();
}

/** Opens the Shared Collections window from `More actions` and waits for its first tile. */
export async function openCollectionsWindow(page: Page): Promise<ElementHandle<Element>> {
  await chooseFromMenu(page, 'More actions', 'Shared Collections');
  const window = await waitForRole(page, 'dialog', 'Shared Collections');
  await page.waitForFunction((element) => element.querySelectorAll('li.tile').length > 0, {}, window);
  return window;
}

/**
 * Generous: a busy 2-core machine, and Firefox, where one look-up of a role visits the
 * page's elements one by one (seconds under load), must pass on conditions, not on speed.
 */
const ROLE_WAIT_MILLISECONDS = 30_000;

export async function waitForRole(root: Page | ElementHandle, role: string, name: string, timeout = ROLE_WAIT_MILLISECONDS): Promise<ElementHandle<Element>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const element = await byRole(root, role, name);
    if (element) return element;
    if (Date.now() > deadline) throw new Error(`No ${role} named "${name}" within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function waitForNoRole(root: Page | ElementHandle, role: string, name: string, timeout = ROLE_WAIT_MILLISECONDS): Promise<void> {
  const deadline = Date.now() + timeout;
  while (await byRole(root, role, name)) {
    if (Date.now() > deadline) throw new Error(`A ${role} named "${name}" is still there after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The text a user sees in an element (light or shadow DOM). */
export function textOf(element: ElementHandle<Element>): Promise<string> {
  return element.evaluate((node) => (node as HTMLElement).innerText ?? node.textContent ?? '');
}

/** `YYYY-MM-DD`, `days` from today in the browser's (and this machine's) time zone. */
export function localDate(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Sets a field's value as typing would, firing `input` and `change`. */
export async function setValue(field: ElementHandle<Element>, value: string): Promise<void> {
  await field.evaluate((input, text) => {
    (input as HTMLInputElement).value = text;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }, value);
}
