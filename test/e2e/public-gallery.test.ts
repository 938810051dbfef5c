/**
 * The public gallery in real headless Chromium at desktop (1280x800) and phone (390 px)
 * sizes: justified rows that keep every picture's proportions, the header's owner, count,
 * size and expiry in the reader's time zone, a selection kept across pages and reloads with
 * its bar and ZIP, the whole page without JavaScript, the password page, and the README's
 * screenshots.
 */
import { mkdirSync } from 'node:fs';
import JSZip from 'jszip';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCopies, DESKTOP, type Gallery, PHONE, PHOTOS, SCREENSHOTS, startGallery } from './gallery-harness.js';

const PASSWORD = 'open sesame';

/** Each thumbnail's box against its picture's proportions, grouped into rows by their top. */
async function rows(page: Page) {
  return page.$$eval('li.item', (items) =>
    items.map((item) => {
      const box = item.querySelector('.thumb')!.getBoundingClientRect();
      const ratio = Number((item as HTMLElement).dataset.width) / Number((item as HTMLElement).dataset.height);
      return { top: Math.round(box.top), left: box.left, right: box.right, height: box.height, boxRatio: box.width / box.height, ratio };
    }),
  );
}

async function expectJustified(page: Page): Promise<void> {
  const boxes = await rows(page);
  const grid = await page.$eval('.grid', (element) => element.getBoundingClientRect().toJSON() as DOMRect);
  const tops = [...new Set(boxes.map((box) => box.top))];
  expect(tops.length).toBeGreaterThan(1);
  for (const [index, top] of tops.entries()) {
    const row = boxes.filter((box) => box.top === top);
    // One height per row; no letterboxing: the box has the picture's own proportions.
    for (const box of row) {
      expect(Math.abs(box.height - row[0]!.height)).toBeLessThan(1);
      expect(Math.abs(box.boxRatio / box.ratio - 1)).toBeLessThan(0.01);
    }
    // Every row but the last fills the width.
    if (index < tops.length - 1) expect(Math.abs(Math.max(...row.map((box) => box.right)) - grid.right)).toBeLessThan(1);
  }
}

describe('public gallery in Chromium', () => {
  let g: Gallery;

  beforeAll(async () => {
    g = await startGallery();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(() => g?.close());

  it('lays the pictures out in justified rows and states owner, count, size and expiry in the reader\'s zone', async () => {
    const { token } = await g.h.share({
      title: 'Coastal trip: spring workshop',
      description: 'Photos from the spring workshop. The brief: https://example.com/brief\nDownload what you need before the link expires.',
      ownerName: 'Ann Lee',
      expiresAt: new Date('2027-06-30T21:59:59.999Z'),
      assetIds: g.photoIds,
    });
    const bytes = [...g.h.assets.values()].reduce((sum, asset) => sum + asset.meta.size, 0);
    const page = await g.newPage(DESKTOP);
    await page.emulateTimezone('Asia/Tokyo');
    await page.goto(`${g.h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
    expect(await page.$eval('h1', (h1) => h1.textContent)).toBe('Coastal trip: spring workshop');
    expect(await page.$eval('.owner', (owner) => owner.textContent)).toBe('Shared by Ann Lee');
    expect(await page.$eval('.description a', (link) => [link.getAttribute('href'), link.getAttribute('rel')])).toEqual([
      'https://example.com/brief',
      'noopener noreferrer nofollow',
    ]);
    const kB = `${(bytes / 1000).toFixed(1)} kB`;
    expect(await page.$eval('.meta', (meta) => meta.textContent)).toBe(`8 files · ${kB} · Available for 215 more days (until July 1, 2027 at 6:59 AM)`);
    expect(await page.$eval('.actions a', (link) => link.textContent)).toBe(`Download all (${kB})`);
    expect(await page.$eval('li.item[data-id="p7"] img', (img) => img.getAttribute('alt'))).toBe(PHOTOS[7][0]);
    await expectJustified(page);
    await page.screenshot({ path: `${SCREENSHOTS}/public-gallery.png` });

    await page.setViewport(PHONE);
    await page.reload({ waitUntil: 'networkidle0' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectJustified(page);
    await page.screenshot({ path: `${SCREENSHOTS}/public-gallery-mobile.png` });
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    await page.close();
    expect(g.problems).toEqual([]);
  });

  it('keeps a selection across pages and reloads, shows it in a bar that stays in view, and zips it under the collection\'s name', async () => {
    const ids = [...g.photoIds, ...addCopies(g, 'copy', 60)];
    const { token } = await g.h.share({ title: 'Selection trip', assetIds: ids });
    const page = await g.newPage(DESKTOP);
    await page.goto(`${g.h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
    expect(await page.$eval('#selection', (bar) => (bar as HTMLElement).hidden)).toBe(true);
    await page.click('input[aria-label="Select Dunes.jpg"]');
    await page.click('a[rel="next"]');
    await page.waitForSelector('input[aria-label="Select copy59.jpg"]');
    await page.click('input[aria-label="Select copy59.jpg"]');
    const size = (id: string) => g.h.assets.get(id)!.meta.size;
    const expected = `2 selected · ${((size('p2') + size('copy59')) / 1000).toFixed(1)} kB`;
    expect(await page.$eval('.selection-count', (count) => count.textContent)).toBe(expected);
    await page.reload({ waitUntil: 'networkidle0' });
    expect(await page.$eval('input[aria-label="Select copy59.jpg"]', (box) => (box as HTMLInputElement).checked)).toBe(true);
    expect(await page.$eval('.selection-count', (count) => count.textContent)).toBe(expected);
    // The bar stays in view wherever the page is scrolled.
    for (const y of [0, 100_000]) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      const bar = await page.$eval('#selection', (element) => element.getBoundingClientRect().toJSON() as DOMRect);
      expect(bar.bottom).toBeLessThanOrEqual(DESKTOP.height);
      expect(bar.top).toBeGreaterThan(DESKTOP.height / 2);
    }
    await page.screenshot({ path: `${SCREENSHOTS}/public-selection.png` });

    const download = g.nextDownload(page);
    await page.click('#selection button[type="submit"]');
    const zip = await download;
    expect(zip.name).toBe('Selection trip (2 files).zip');
    expect(Object.keys((await JSZip.loadAsync(zip.bytes)).files).sort()).toEqual(['Dunes.jpg', 'copy59.jpg']);

    await page.click('#selection button[type="reset"]');
    expect(await page.$eval('#selection', (bar) => (bar as HTMLElement).hidden)).toBe(true);
    await page.click('a[rel="prev"]');
    await page.waitForSelector('input[aria-label="Select Dunes.jpg"]');
    expect(await page.$eval('input[aria-label="Select Dunes.jpg"]', (box) => (box as HTMLInputElement).checked)).toBe(false);
    await page.close();
    expect(g.problems).toEqual([]);
  });

  it('works without JavaScript: pages, a file, all files and a selection download', async () => {
    const ids = [...g.photoIds, ...addCopies(g, 'plain', 60)];
    const { token } = await g.h.share({ title: 'No script', assetIds: ids });
    const page = await g.newPage(PHONE, { javaScript: false });
    await page.goto(`${g.h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
    expect(await page.$eval('.meta', (meta) => meta.textContent)).toContain('68 files');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await Promise.all([page.waitForNavigation(), page.click('a[rel="next"]')]);
    expect(await page.$$eval('li.item', (items) => items.length)).toBe(8);

    let download = g.nextDownload(page);
    await page.click('a[aria-label="Download plain59.jpg"]');
    expect((await download).bytes.equals(g.h.assets.get('plain59')!.original)).toBe(true);

    download = g.nextDownload(page);
    await page.click('.actions a');
    expect(Object.keys((await JSZip.loadAsync((await download).bytes)).files)).toHaveLength(68);

    await page.click('input[aria-label="Select plain58.jpg"]');
    await page.click('input[aria-label="Select plain59.jpg"]');
    download = g.nextDownload(page);
    await page.click('#selection button[type="submit"]');
    const zip = await download;
    expect(zip.name).toBe('No script (2 files).zip');
    expect(Object.keys((await JSZip.loadAsync(zip.bytes)).files).sort()).toEqual(['plain58.jpg', 'plain59.jpg']);
    await page.close();
    expect(g.problems).toEqual([]);
  });

  it('unlocks a password-protected collection through its form, showing nothing before', async () => {
    const { token } = await g.h.share({ title: 'Private proofs', assetIds: ['p0', 'p1'], password: PASSWORD });
    const page = await g.newPage(DESKTOP);
    await page.goto(`${g.h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
    expect(await page.content()).not.toMatch(/Private proofs|Harbour|thumbnail/);
    await page.type('input[name="password"]', 'wrong');
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(await page.$eval('[role="alert"]', (alert) => alert.textContent)).toBe('Wrong password');
    await page.screenshot({ path: `${SCREENSHOTS}/public-password.png` });
    // The address bar now shows the unlock URL: opening it again (a reload re-posts the form)
    // must ask for the password again.
    expect(page.url()).toBe(`${g.h.baseUrl}/s/${token}/unlock`);
    await page.goto(page.url(), { waitUntil: 'networkidle0' });
    expect(await page.$('input[name="password"]')).not.toBeNull();
    expect(await page.content()).not.toContain('Private proofs');
    await page.type('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(await page.$eval('h1', (h1) => h1.textContent)).toBe('Private proofs');
    await page.close();
    expect(g.problems).toEqual([]);
  });
});
