/**
 * Files other than pictures in the gallery, in real Chromium: a video plays in the viewer
 * from the host's playable rendition (fetched with Range), a video without one shows its
 * poster and offers the original, a PDF shows the host's preview and its type, and a file
 * without any picture gets a tile with its type, name and size, never a broken image. The
 * video is the README's screenshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMedia, DESKTOP, type Gallery, PHONE, SCREENSHOTS, startGallery } from './gallery-harness.js';

describe('videos, documents and other files in the gallery, in Chromium', () => {
  let g: Gallery;
  let token: string;

  beforeAll(async () => {
    g = await startGallery();
    ({ token } = await g.h.share({ title: 'Media kit', assetIds: [...(await addMedia(g)), 'p0'] }));
  });
  afterAll(() => g?.close());

  it('shows each file\'s type on its thumbnail or tile, with no broken image, on a desktop and a phone', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await g.newPage(viewport);
      await page.goto(`${g.h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
      expect(await page.$$eval('.badge', (badges) => badges.map((badge) => getComputedStyle(badge, '::before').content + badge.textContent))).toEqual([
        '"▶ "WEBM',
        '"▶ "MOV',
        'nonePDF',
      ]);
      expect(await page.$eval('li[data-id="z1"] .tile', (tile) => [...tile.children].map((part) => part.textContent))).toEqual(['ZIP', 'Raw files.zip', '22 byte']);
      // Thumbnails load lazily: scroll them all in, then none may be broken.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForFunction(() => [...document.querySelectorAll('.grid img')].every((image) => (image as HTMLImageElement).complete));
      expect(await page.$$eval('.grid img', (images) => images.filter((image) => (image as HTMLImageElement).naturalWidth === 0).length)).toBe(0);
      expect(await page.$('li[data-id="z1"] img')).toBeNull();
      await page.close();
    }
    expect(g.problems).toEqual([]);
  });

  it('plays a video in the viewer, streamed with Range; shows the poster and offers the original of one it cannot play', async () => {
    const page = await g.newPage(DESKTOP);
    const ranges: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/assets/v1/video')) ranges.push(response.status());
    });
    await page.goto(`${g.h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
    await page.click('li[data-id="v1"] a.thumb');
    await page.waitForSelector('.viewer:not([hidden])');
    expect(await page.$eval('.viewer-video', (video) => [(video as HTMLVideoElement).hidden, (video as HTMLVideoElement).src])).toEqual([
      false,
      `${g.h.baseUrl}/s/${token}/assets/v1/video`,
    ]);
    await page.$eval('.viewer-video', (video) => {
      (video as HTMLVideoElement).muted = true;
      return (video as HTMLVideoElement).play();
    });
    await page.waitForFunction(() => (document.querySelector('.viewer-video') as HTMLVideoElement).currentTime > 0.5);
    expect(ranges).toContain(206);
    await page.screenshot({ path: `${SCREENSHOTS}/public-video.png` });

    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('.viewer-name')?.textContent === 'Interview raw.mov');
    expect(await page.$eval('.viewer-video', (video) => (video as HTMLVideoElement).hidden)).toBe(true);
    expect(await page.$eval('.viewer-image', (image) => [(image as HTMLImageElement).hidden, (image as HTMLImageElement).src])).toEqual([
      false,
      `${g.h.baseUrl}/s/${token}/assets/v2/preview`,
    ]);
    expect(await page.$eval('.viewer-download', (link) => (link as HTMLAnchorElement).href)).toBe(`${g.h.baseUrl}/s/${token}/assets/v2/original`);

    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('.viewer-name')?.textContent === 'Price list.pdf');
    expect(await page.$eval('.viewer-image', (image) => (image as HTMLImageElement).naturalHeight > (image as HTMLImageElement).naturalWidth)).toBe(true);

    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('.viewer-name')?.textContent === 'Raw files.zip');
    expect(await page.$eval('.viewer-image', (image) => (image as HTMLImageElement).hidden)).toBe(true);
    expect(await page.$eval('.viewer-tile', (tile) => [...tile.children].map((part) => part.textContent))).toEqual(['ZIP', 'Raw files.zip', '22 byte']);
    await page.close();
    expect(g.problems).toEqual([]);
  });
});
