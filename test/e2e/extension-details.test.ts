/**
 * The owner side's details (issue 15): counts in words with their plural forms, the dialogs'
 * own titles and the number of files they share, a collection's contents without the
 * catalog's count, the Edit Tags panel after a removal, and no sideways scrolling with files
 * selected, on a desktop and a 390 px phone.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionJson } from '../../shared/api-types.js';
import { type DemoServer, login } from '../helpers/demo-server.js';
import {
  byRole,
  catalogAssetIds,
  checkboxOf,
  chooseFromMenu,
  type DemoWithExtension,
  displayedThumbnails,
  getByRole,
  openCatalogAs,
  openCollectionsWindow,
  ownerApi,
  startDemoWithExtension,
  textOf,
  waitForNoRole,
  waitForRole,
} from './extension-harness.js';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844, isMobile: true, hasTouch: true };

let session: DemoWithExtension;
let demo: DemoServer;
let browser: Browser;
let page: Page;
let single: CollectionJson;

beforeAll(async () => {
  session = await startDemoWithExtension();
  ({ demo, browser } = session);
  const cookie = await login(demo.baseUrl, 'editor');
  const ids = await catalogAssetIds(demo.baseUrl, cookie, 3);
  single = await ownerApi(demo.baseUrl, cookie, 'POST', '', { title: 'Single file', allowDownload: true, assetIds: ids.slice(0, 1) });
  await ownerApi(demo.baseUrl, cookie, 'POST', '', { title: 'Two files', assetIds: ids.slice(1, 3) });
  // One recipient opens the single file's page and downloads the file once.
  await (await fetch(single.url)).text();
  await (await fetch(`${single.url}/assets/${ids[0]}/original`)).arrayBuffer();
  page = await browser.newPage();
  await openCatalogAs(page, demo.baseUrl, 'editor');
}, 120_000);

afterAll(() => session?.close());

const selectedCount = () => page.$$eval('li.thumbnail[aria-selected="true"]', (items) => items.length);

/** Selects the first `count` displayed files, from no selection. */
async function select(count: number): Promise<void> {
  if ((await selectedCount()) > 0) {
    await (await waitForRole(page, 'button', 'Clear selection')).click();
    await page.waitForFunction(() => document.querySelectorAll('li.thumbnail[aria-selected="true"]').length === 0);
  }
  for (const thumbnail of (await displayedThumbnails(page)).slice(0, count)) {
    await (await checkboxOf(thumbnail)).click();
    await waitForRole(page, 'button', 'Select displayed files');
  }
  expect(await selectedCount()).toBe(count);
}

/** Reloads at that size (turning phone emulation on or off reloads the page anyway, without waiting for it). */
async function useViewport(viewport: typeof DESKTOP | typeof PHONE): Promise<void> {
  await page.setViewport(viewport);
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('li.thumbnail sc-check');
}

/** How far the page reaches past the viewport's right edge, in CSS pixels. */
const sidewaysOverflow = (target: Page) => target.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('counts in words', () => {
  it('a tile reads 1 file, 1 view, 1 download; another 2 files, 0 views, 0 downloads', async () => {
    const window = await openCollectionsWindow(page);
    const one = await textOf(await waitForRole(window, 'listitem', 'Single file'));
    for (const words of ['1 file', '1 view · 1 download']) expect(one).toContain(words);
    for (const wrong of ['1 files', '1 views', '1 downloads']) expect(one).not.toContain(wrong);
    const two = await textOf(await waitForRole(window, 'listitem', 'Two files'));
    for (const words of ['2 files', '0 views · 0 downloads']) expect(two).toContain(words);
    await (await getByRole(window, 'button', 'Close')).click();
    await waitForNoRole(page, 'dialog', 'Shared Collections');
  });
});

describe.each([
  ['desktop', DESKTOP],
  ['390 px phone', PHONE],
])('on a %s', (_name, viewport) => {
  // Selected at desktop size: the selection outlives the reload to the other size.
  beforeAll(async () => {
    await useViewport(DESKTOP);
    await select(2);
    await useViewport(viewport);
    await waitForRole(page, 'button', 'Select displayed files');
  });

  it('never scrolls sideways with files selected', async () => {
    expect(await sidewaysOverflow(page)).toBe(0);
  });

  it('Share Files says how many files it shares', async () => {
    await chooseFromMenu(page, 'More actions', 'Create Shared Collection');
    const dialog = await waitForRole(page, 'dialog', 'Share Files');
    expect(await textOf(dialog)).toContain('Shares 2 files');
    expect(await dialog.evaluate((element) => element.getAttribute('aria-describedby'))).toBeTruthy();
    expect(await sidewaysOverflow(page)).toBe(0);
    await page.keyboard.press('Escape');
    await waitForNoRole(page, 'dialog', 'Share Files');
  });

  it('edits in its own dialog, Edit Shared Collection with Save, which says how many files it shares', async () => {
    const window = await openCollectionsWindow(page);
    const tile = await waitForRole(window, 'listitem', 'Single file');
    await (await getByRole(tile, 'button', 'More options')).click();
    await (await waitForRole(tile, 'menuitem', 'Edit')).click();
    const dialog = await waitForRole(page, 'dialog', 'Edit Shared Collection');
    expect(await byRole(page, 'dialog', 'Share Files')).toBeNull();
    expect(await textOf(dialog)).toContain('Shares 1 file');
    expect(await textOf(dialog)).not.toContain('1 files');
    await getByRole(dialog, 'button', 'Save');
    expect(await byRole(dialog, 'button', 'Get Link')).toBeNull();
    await page.keyboard.press('Escape');
    await waitForNoRole(page, 'dialog', 'Edit Shared Collection');
    await (await getByRole(window, 'button', 'Close')).click();
    await waitForNoRole(page, 'dialog', 'Shared Collections');
  });
});

/** Shows a collection's contents from its tile, and waits for its files' checkboxes. */
async function showContents(title: string, fileCount: number): Promise<void> {
  const window = await openCollectionsWindow(page);
  await (await getByRole(await waitForRole(window, 'listitem', title), 'button', title)).click();
  await waitForRole(page, 'button', 'Back to catalog');
  await page.waitForFunction((count) => document.querySelectorAll('ul.thumbnail-grid:not([data-sc-hidden]) > li.thumbnail sc-check').length === count, {}, fileCount);
}

async function backToCatalog(): Promise<void> {
  await (await getByRole(page, 'button', 'Back to catalog')).click();
  await waitForNoRole(page, 'button', 'Back to catalog');
}

const hostCountShown = () => page.$eval('.toolbar-status', (status) => (status as HTMLElement).offsetParent !== null);

describe('a collection\'s contents', () => {
  beforeAll(() => useViewport(DESKTOP));

  it('hide the catalog\'s file count beside the search box', async () => {
    expect(await hostCountShown()).toBe(true);
    await showContents('Two files', 2);
    expect(await hostCountShown()).toBe(false);
    await backToCatalog();
    expect(await hostCountShown()).toBe(true);
  });

  it('lose the files removed through Edit Tags, and the panel about them closes; "none" is no tag chip', async () => {
    await showContents('Two files', 2);
    const shown = await displayedThumbnails(page);
    for (const thumbnail of shown) await (await checkboxOf(thumbnail)).click();
    await chooseFromMenu(shown[0]!.handle, 'Item actions', 'Edit Tags');
    const panel = await waitForRole(page, 'complementary', 'Edit Tags');
    expect(await textOf(panel)).toContain('2 files');
    await (await getByRole(panel, 'button', 'Tag settings')).click();
    const toggle = await waitForRole(panel, 'checkbox', 'Shared Collection');
    if (!(await toggle.evaluate((box) => (box as HTMLInputElement).checked))) await toggle.click();
    await (await panel.waitForSelector('::-p-text(Two files)'))!.hover();
    await (await waitForRole(panel, 'button', 'Remove from Two files')).click();
    await waitForNoRole(page, 'complementary', 'Edit Tags');
    await page.waitForFunction(() => document.querySelectorAll('ul.thumbnail-grid:not([data-sc-hidden]) > li.thumbnail').length === 0);
    await backToCatalog();

    // In the catalog one of those files alone (nothing selected), now in no collection: the group says so in plain text.
    await select(0);
    const removed = (await displayedThumbnails(page)).find((thumbnail) => thumbnail.id === shown[0]!.id)!;
    await chooseFromMenu(removed.handle, 'Item actions', 'Edit Tags');
    const reopened = await waitForRole(page, 'complementary', 'Edit Tags');
    const group = (await reopened.waitForSelector('section[data-tag-group="sc-shared-collection"]:not([hidden])'))!;
    await group.waitForSelector('::-p-text(Not in any shared collection)');
    expect(await group.$$('.tag')).toHaveLength(0);
    await (await getByRole(reopened, 'button', 'Close')).click();
  });
});
