/**
 * Guide, "How to create a shared collection", first paragraph and hint: select with the
 * checkbox in the thumbnail's upper-right corner, Shift for ranges, `Select displayed files`
 * after one item; the selection survives paging and search, and sign-out clears it.
 */
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../helpers/demo-server.js';
import {
  byRole,
  checkboxOf,
  type DemoWithExtension,
  displayedThumbnails,
  getByRole,
  isChecked,
  openCatalogAs,
  selectedIds,
  setValue,
  startDemoWithExtension,
  textOf,
  waitForRole,
} from './extension-harness.js';

/** More than one catalog page (the demo shows 48), so paging means something. */
const SAMPLE_COUNT = 60;

let session: DemoWithExtension;
let demo: DemoServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  session = await startDemoWithExtension({ sampleCount: SAMPLE_COUNT });
  ({ demo, browser } = session);
  page = await browser.newPage();
  await openCatalogAs(page, demo.baseUrl, 'editor');
}, 120_000);

afterAll(() => session?.close());

async function goToPage(direction: 'Next page' | 'Previous page'): Promise<void> {
  const before = (await displayedThumbnails(page))[0]!.id;
  await (await getByRole(page, 'button', direction)).click();
  await page.waitForFunction((id) => document.querySelector('li.thumbnail')?.getAttribute('data-asset-id') !== id, {}, before);
  await page.waitForSelector('li.thumbnail sc-check');
}

describe('selection', () => {
  it('puts a named checkbox in the upper-right corner of every thumbnail, without moving the thumbnail', async () => {
    const thumbnails = await displayedThumbnails(page);
    expect(thumbnails.length).toBe(48);
    const geometry = await thumbnails[0]!.handle.evaluate((li) => {
      const box = li.querySelector('sc-check')!.shadowRoot!.querySelector('input')!.getBoundingClientRect();
      const frame = li.querySelector('.thumbnail-frame')!.getBoundingClientRect();
      return { right: frame.right - box.right, top: box.top - frame.top, width: frame.width };
    });
    expect(geometry.right).toBeGreaterThanOrEqual(0);
    expect(geometry.right).toBeLessThan(20);
    expect(geometry.top).toBeLessThan(20);
    expect(await byRole(page, 'button', 'Select displayed files')).toBeNull();
  });

  it('selects by click, shows the count and toolbar actions, and Shift+click selects and deselects a range', async () => {
    const thumbnails = await displayedThumbnails(page);
    await (await checkboxOf(thumbnails[1]!)).click();
    expect(await selectedIds(page)).toEqual([thumbnails[1]!.id]);
    // The count is a live region added with the toolbar; its text follows a moment later.
    await page.waitForFunction((element) => (element as HTMLElement).innerText.includes('1 selected'), {}, await waitForRole(page, 'group', 'Selection'));
    await waitForRole(page, 'button', 'Select displayed files');

    await page.keyboard.down('Shift');
    await (await checkboxOf(thumbnails[5]!)).click();
    await page.keyboard.up('Shift');
    expect(await selectedIds(page)).toEqual(thumbnails.slice(1, 6).map((thumbnail) => thumbnail.id));
    expect(await textOf(await getByRole(page, 'group', 'Selection'))).toContain('5 selected');

    await (await checkboxOf(thumbnails[4]!)).click();
    await page.keyboard.down('Shift');
    await (await checkboxOf(thumbnails[2]!)).click();
    await page.keyboard.up('Shift');
    expect(await selectedIds(page)).toEqual([thumbnails[1]!.id, thumbnails[5]!.id]);
  });

  it('toggles with Space on a focused checkbox', async () => {
    const thumbnails = await displayedThumbnails(page);
    await (await checkboxOf(thumbnails[8]!)).focus();
    await page.keyboard.press('Space');
    expect(await isChecked(thumbnails[8]!)).toBe(true);
    await page.keyboard.press('Space');
    expect(await isChecked(thumbnails[8]!)).toBe(false);
  });

  it('selects every displayed file from the toolbar, keeps the selection across pages and search, and clears it', async () => {
    await (await getByRole(page, 'button', 'Select displayed files')).click();
    expect((await selectedIds(page)).length).toBe(48);

    await goToPage('Next page');
    const second = await displayedThumbnails(page);
    expect(second.length).toBe(SAMPLE_COUNT - 48);
    expect(await selectedIds(page)).toEqual([]);
    await (await checkboxOf(second[0]!)).click();
    expect(await textOf(await getByRole(page, 'group', 'Selection'))).toContain('49 selected');

    await goToPage('Previous page');
    expect((await selectedIds(page)).length).toBe(48);

    const target = (await displayedThumbnails(page))[3]!;
    await setValue(await page.$('input.search') as ElementHandle<Element>, target.name);
    await page.waitForFunction((id) => document.querySelectorAll('li.thumbnail').length < 48 && document.querySelector(`li.thumbnail[data-asset-id="${id}"]`), {}, target.id);
    await page.waitForSelector(`li.thumbnail[data-asset-id="${target.id}"][aria-selected="true"]`);
    expect(await isChecked((await displayedThumbnails(page)).find((thumbnail) => thumbnail.id === target.id)!)).toBe(true);
    await setValue(await page.$('input.search') as ElementHandle<Element>, '');
    await page.waitForFunction(() => document.querySelectorAll('li.thumbnail[aria-selected="true"]').length === 48);

    await (await getByRole(page, 'button', 'Clear selection')).click();
    expect(await selectedIds(page)).toEqual([]);
    expect(await byRole(page, 'button', 'Select displayed files')).toBeNull();
  });

  it('follows the host\'s own selection: a click on a picture selects that file alone', async () => {
    const thumbnails = await displayedThumbnails(page);
    await (await checkboxOf(thumbnails[0]!)).click();
    await (await thumbnails[10]!.handle.$('img'))!.click();
    await page.waitForFunction((element) => (element as HTMLElement).innerText.includes('1 selected'), {}, await getByRole(page, 'group', 'Selection'));
    expect(await isChecked(thumbnails[10]!)).toBe(true);
    expect(await isChecked(thumbnails[0]!)).toBe(false);
    await (await getByRole(page, 'button', 'Clear selection')).click();
  });

  it('keeps the selection over a reload and forgets it on sign-out', async () => {
    const thumbnails = await displayedThumbnails(page);
    await (await checkboxOf(thumbnails[0]!)).click();
    await page.reload();
    await page.waitForSelector('li.thumbnail[aria-selected="true"] sc-check');
    expect(await selectedIds(page)).toEqual([thumbnails[0]!.id]);

    await Promise.all([page.waitForNavigation(), (await getByRole(page, 'button', 'Sign out')).click()]);
    await openCatalogAs(page, demo.baseUrl, 'editor');
    expect(await selectedIds(page)).toEqual([]);
  });
});
