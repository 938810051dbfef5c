/**
 * The gallery's viewer in real Chromium: by keyboard on a desktop (Enter, arrows, Home, End,
 * Esc, focus back where it was), across the link's pages, its item in the URL (a reload
 * reopens it), the neighbours' previews preloaded, its Download button; on a phone, opaque
 * and full-screen, swiped and pinch-zoomed by touch. Screenshots for the README.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import { addCopies, DESKTOP, type Gallery, PHONE, SCREENSHOTS, startGallery } from './gallery-harness.js';

const caption = (page: Page) =>
  page.$eval('.viewer', (viewer) => [viewer.querySelector('.viewer-name')!.textContent, viewer.querySelector('.viewer-position')!.textContent]);
const imageSource = (page: Page) => page.$eval('.viewer-image', (image) => (image as HTMLImageElement).src);
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.getAttribute('href'));

describe('public gallery viewer in Chromium', () => {
  let g: Gallery;
  let token: string;

  beforeAll(async () => {
    g = await startGallery();
    ({ token } = await g.h.share({ title: 'Viewer trip', assetIds: [...g.photoIds, ...addCopies(g, 'copy', 60)] }));
  });
  afterAll(() => g?.close());

  it('opens from the keyboard, steps through every page of the link, keeps its item in the URL, and gives focus back', async () => {
    const page = await g.newPage(DESKTOP);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    const base = `${g.h.baseUrl}/s/${token}`;
    await page.goto(base, { waitUntil: 'networkidle0' });
    await page.focus('li.item[data-id="p0"] a.thumb');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.viewer:not([hidden])');
    expect(await caption(page)).toEqual(['Harbour at dawn.jpg', '1 of 68']);
    expect(await focused(page)).toBe('Close');
    expect(page.url()).toBe(`${base}?page=1#view=p0`);
    // The next preview is fetched before it is asked for.
    await eventually(() => requested.includes(`/s/${token}/assets/p1/preview`), 'the next preview was preloaded');

    await page.keyboard.press('ArrowRight');
    expect(await caption(page)).toEqual(['Lighthouse.jpg', '2 of 68']);
    expect(await imageSource(page)).toBe(`${base}/assets/p1/preview`);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await caption(page)).toEqual(['Harbour at dawn.jpg', '1 of 68']);
    expect(await page.$eval('.viewer button[aria-label="Previous"]', (button) => (button as HTMLButtonElement).disabled)).toBe(true);

    // The last item lives on the second page: the viewer reads it from data.json.
    await page.keyboard.press('End');
    await page.waitForFunction(() => document.querySelector('.viewer-position')?.textContent === '68 of 68');
    expect(await caption(page)).toEqual(['copy59.jpg', '68 of 68']);
    expect(page.url()).toBe(`${base}?page=2#view=copy59`);
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.querySelector('.viewer-position')?.textContent === '1 of 68');

    const download = g.nextDownload(page);
    await page.click('.viewer-download');
    expect((await download).bytes.equals(g.h.assets.get('p0')!.original)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/public-viewer.png` });

    // A shared or reloaded URL opens the same item, on its own page.
    await page.keyboard.press('End');
    await page.waitForFunction(() => location.hash === '#view=copy59');
    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForSelector('.viewer:not([hidden])');
    expect(await caption(page)).toEqual(['copy59.jpg', '68 of 68']);
    await page.keyboard.press('Escape');
    expect(await page.$eval('.viewer', (viewer) => (viewer as HTMLElement).hidden)).toBe(true);
    expect(await focused(page)).toBe(`/s/${token}/assets/copy59/preview`);
    expect(page.url()).toBe(`${base}?page=2`);
    await page.close();
    expect(g.problems).toEqual([]);
  });

  it('is opaque and full-screen on a phone, swipes between items and pinch-zooms', async () => {
    const page = await g.newPage(PHONE);
    await page.goto(`${g.h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
    await page.tap('li.item[data-id="p2"] a.thumb');
    await page.waitForSelector('.viewer:not([hidden])');
    const box = await page.$eval('.viewer', (viewer) => {
      const rect = viewer.getBoundingClientRect();
      return { width: rect.width, height: rect.height, background: getComputedStyle(viewer).backgroundColor };
    });
    expect(box).toEqual({ width: PHONE.width, height: PHONE.height, background: 'rgb(0, 0, 0)' });
    expect(await caption(page)).toEqual(['Dunes.jpg', '3 of 68']);

    const swipe = async (from: number, to: number) => {
      const touch = await page.touchscreen.touchStart(from, 400);
      for (const x of [from + (to - from) / 3, from + (2 * (to - from)) / 3, to]) await touch.move(x, 400);
      await touch.end();
    };
    await swipe(300, 60);
    await page.waitForFunction(() => document.querySelector('.viewer-name')?.textContent === 'Forest path.jpg');
    await swipe(60, 300);
    await page.waitForFunction(() => document.querySelector('.viewer-name')?.textContent === 'Dunes.jpg');
    await page.screenshot({ path: `${SCREENSHOTS}/public-viewer-mobile.png` });

    const first = await page.touchscreen.touchStart(180, 400);
    const second = await page.touchscreen.touchStart(210, 430);
    await first.move(120, 340);
    await second.move(270, 490);
    await first.end();
    await second.end();
    const width = await page.$eval('.viewer-image', (image) => image.getBoundingClientRect().width / (image as HTMLElement).offsetWidth);
    expect(width).toBeGreaterThan(2);
    // Zoomed in, a swipe pans instead of moving on.
    await swipe(300, 60);
    expect(await caption(page)).toEqual(['Dunes.jpg', '3 of 68']);
    await page.close();
    expect(g.problems).toEqual([]);
  });

  it('offers no Download in the viewer when the sharer allowed none', async () => {
    const { token: previewOnly } = await g.h.share({ title: 'Look only', assetIds: ['p0', 'p1'], allowDownload: false });
    const page = await g.newPage(DESKTOP);
    await page.goto(`${g.h.baseUrl}/s/${previewOnly}`, { waitUntil: 'networkidle0' });
    await page.click('li.item[data-id="p0"] a.thumb');
    await page.waitForSelector('.viewer:not([hidden])');
    expect(await page.$eval('.viewer-download', (link) => (link as HTMLElement).hidden)).toBe(true);
    expect(await page.$$eval('a[href$="/original"]:not([hidden])', (links) => links.length)).toBe(0);
    await page.close();
    expect(g.problems).toEqual([]);
  });
});
