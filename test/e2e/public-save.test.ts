/**
 * `Save` on a phone, in real Chromium: a file from the viewer, and a small selection, go to
 * the Web Share API as files (on a phone: into the photo library) with their names and exact
 * bytes; where the browser cannot share files, Save downloads them instead; where it has no
 * Web Share API at all, there is no Save, only Download. Desktop Linux Chromium has no Web
 * Share, so the tests give the page one that records what it was handed.
 */
import JSZip from 'jszip';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gallery, PHONE, startGallery } from './gallery-harness.js';

interface Shared {
  name: string;
  type: string;
  base64: string;
}

/** A Web Share API that can share files (`canShareFiles`) and records what it was given. */
async function giveWebShare(page: Page, canShareFiles: boolean): Promise<void> {
  await page.evaluateOnNewDocument((can: boolean) => {
    const encode = async (file: File) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let text = '';
      for (const byte of bytes) text += String.fromCharCode(byte);
      return { name: file.name, type: file.type, base64: btoa(text) };
    };
    Object.assign(navigator, {
      canShare: (data: { files?: File[] }) => can && Array.isArray(data.files) && data.files.every((file) => file instanceof File),
      share: async (data: { files: File[] }) => {
        (window as unknown as { shared: unknown }).shared = await Promise.all(data.files.map(encode));
      },
    });
  }, canShareFiles);
}

const shared = (page: Page) => page.waitForFunction(() => (window as unknown as { shared?: Shared[] }).shared).then((handle) => handle.jsonValue() as Promise<Shared[]>);

describe('Save on a phone, in Chromium', () => {
  let g: Gallery;
  let token: string;
  const original = (id: string) => ({ name: g.h.assets.get(id)!.meta.name, type: 'image/jpeg', base64: g.h.assets.get(id)!.original.toString('base64') });

  beforeAll(async () => {
    g = await startGallery();
    ({ token } = await g.h.share({ title: 'Phone trip', assetIds: g.photoIds }));
  });
  afterAll(() => g?.close());

  it('shares the open file, and a small selection, as files through the Web Share API', async () => {
    const page = await g.newPage(PHONE);
    await giveWebShare(page, true);
    await page.goto(`${g.h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
    await page.tap('li.item[data-id="p2"] a.thumb');
    await page.waitForSelector('.viewer:not([hidden])');
    await page.tap('.viewer button[aria-label="Save"]');
    expect(await shared(page)).toEqual([original('p2')]);
    await page.keyboard.press('Escape');

    await page.evaluate(() => delete (window as unknown as { shared?: unknown }).shared);
    await page.tap('input[aria-label="Select Dunes.jpg"]');
    await page.tap('input[aria-label="Select Forest path.jpg"]');
    await page.tap('#selection button[type="button"]');
    expect(await shared(page)).toEqual([original('p2'), original('p3')]);
    // The selection is kept per link in the browser: leave none behind for the next test.
    await page.tap('#selection button[type="reset"]');
    await page.close();
    expect(g.problems).toEqual([]);
  });

  it('downloads instead where the browser cannot share files', async () => {
    const page = await g.newPage(PHONE);
    await giveWebShare(page, false);
    await page.goto(`${g.h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
    await page.tap('li.item[data-id="p1"] a.thumb');
    await page.waitForSelector('.viewer:not([hidden])');
    let download = g.nextDownload(page);
    await page.tap('.viewer button[aria-label="Save"]');
    expect((await download).bytes.equals(g.h.assets.get('p1')!.original)).toBe(true);
    await page.keyboard.press('Escape');

    await page.tap('input[aria-label="Select Dunes.jpg"]');
    download = g.nextDownload(page);
    await page.tap('#selection button[type="button"]');
    const zip = await download;
    expect(zip.name).toBe('Phone trip (1 file).zip');
    expect(Object.keys((await JSZip.loadAsync(zip.bytes)).files)).toEqual(['Dunes.jpg']);
    await page.tap('#selection button[type="reset"]');
    await page.close();
    expect(g.problems).toEqual([]);
  });

  it('offers no Save where the browser has no Web Share API', async () => {
    const page = await g.newPage(PHONE);
    await page.goto(`${g.h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
    expect(await page.evaluate(() => 'canShare' in navigator)).toBe(false);
    await page.tap('input[aria-label="Select Dunes.jpg"]');
    expect(await page.$$eval('#selection button', (buttons) => buttons.map((button) => button.textContent))).toEqual(['Download selected', 'Clear']);
    await page.tap('li.item[data-id="p1"] a.thumb');
    await page.waitForSelector('.viewer:not([hidden])');
    expect(await page.$eval('.viewer button[aria-label="Save"]', (button) => (button as HTMLElement).hidden)).toBe(true);
    await page.close();
    expect(g.problems).toEqual([]);
  });
});
