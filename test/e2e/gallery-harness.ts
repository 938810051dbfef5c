/**
 * What the public-page browser suites share: the plugin on the fake host (test/integration/
 * public-harness.ts) with real pictures of several shapes, system Chromium, a record of every
 * script error, CSP violation and failed subresource, and real downloads to a folder.
 *
 * @example
 * const g = await startGallery();
 * const { token } = await g.h.share({ assetIds: g.photoIds });
 * const page = await g.newPage({ width: 390, height: 844, isMobile: true, hasTouch: true });
 * const file = g.nextDownload(page); await page.click('...'); (await file).name;
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page, Viewport } from 'puppeteer-core';
import sharp from 'sharp';
import { renderPdfPreview, renderSamplePdf } from '../../demo/samples/render-sample-pdf.js';
import { launchBrowser } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { startPublicHarness, type PublicHarness } from '../integration/public-harness.js';

export const SCREENSHOTS = 'docs/screenshots';
export const DESKTOP: Viewport = { width: 1280, height: 800 };
export const PHONE: Viewport = { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Name, two colours, width, height: landscape, portrait, square, panorama. */
export const PHOTOS = [
  ['Harbour at dawn.jpg', '#1d4e89', '#f4a259', 1200, 800],
  ['Lighthouse.jpg', '#0b3954', '#bfd7ea', 800, 1200],
  ['Dunes.jpg', '#e07a5f', '#f2cc8f', 1200, 800],
  ['Forest path.jpg', '#2d6a4f', '#95d5b2', 1000, 1000],
  ['Night market.jpg', '#3d348b', '#f7b801', 1200, 800],
  ['Coastline panorama.jpg', '#5fa8d3', '#e8f1f2', 2400, 700],
  ['Old town.jpg', '#6d597a', '#eaac8b', 900, 1200],
  ['<img src=x onerror="window.__xss=1">.jpg', '#355070', '#e56b6f', 1200, 800],
] as const;

export async function picture(from: string, to: string, width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width * 0.7}" cy="${height * 0.35}" r="${Math.min(width, height) * 0.12}" fill="#fff" fill-opacity="0.6"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer();
}

export interface Download {
  name: string;
  bytes: Buffer;
}

export interface Gallery {
  h: PublicHarness;
  browser: Browser;
  /** Ids of the photos, in PHOTOS order. */
  photoIds: string[];
  /** Script errors, CSP violations and failed subresources seen on any page so far. */
  problems: string[];
  newPage(viewport: Viewport, options?: { javaScript?: boolean; language?: string }): Promise<Page>;
  /** The next file `page` downloads (start waiting before the click). */
  nextDownload(page: Page): Promise<Download>;
  close(): Promise<void>;
}

export async function startGallery(): Promise<Gallery> {
  const h = await startPublicHarness('sqlite');
  const photoIds: string[] = [];
  for (const [index, [name, from, to, width, height]] of PHOTOS.entries()) {
    const original = await picture(from, to, width, height);
    const rendition = await sharp(original).resize(480, 480, { fit: 'inside' }).jpeg({ quality: 80 }).toBuffer();
    const meta = { id: `p${index}`, name, mime: 'image/jpeg', size: original.length, width, height, modifiedAt: new Date(0) };
    h.assets.set(meta.id, { meta, original, rendition });
    photoIds.push(meta.id);
  }
  const browser = await launchBrowser();
  const problems: string[] = [];
  const folder = mkdtempSync(path.join(tmpdir(), 'gallery-downloads-'));
  const downloads = new Map<string, { name: string; done: boolean }>();

  async function newPage(viewport: Viewport, options: { javaScript?: boolean; language?: string } = {}): Promise<Page> {
    const page = await browser.newPage();
    await page.setViewport(viewport);
    if (options.javaScript === false) await page.setJavaScriptEnabled(false);
    if (options.language) await page.setExtraHTTPHeaders({ 'Accept-Language': options.language });
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('response', (response) => {
      const subresource = response.request().resourceType() !== 'document' && !response.url().endsWith('/favicon.ico');
      if (subresource && response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    const session = await page.createCDPSession();
    await session.send('Browser.setDownloadBehavior', { behavior: 'allowAndName', downloadPath: folder, eventsEnabled: true });
    session.on('Browser.downloadWillBegin', (event) => downloads.set(event.guid, { name: event.suggestedFilename, done: false }));
    session.on('Browser.downloadProgress', (event) => {
      const download = downloads.get(event.guid);
      if (download && event.state === 'completed') download.done = true;
    });
    return page;
  }

  async function nextDownload(): Promise<Download> {
    const before = new Set(downloads.keys());
    let guid = '';
    await eventually(() => {
      guid = [...downloads.keys()].find((key) => !before.has(key) && downloads.get(key)!.done) ?? '';
      return guid !== '';
    }, 'a download finished');
    return { name: downloads.get(guid)!.name, bytes: readFileSync(path.join(folder, guid)) };
  }

  return {
    h,
    browser,
    photoIds,
    problems,
    newPage,
    nextDownload: () => nextDownload(),
    async close() {
      await browser.close();
      await h.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

const MEDIA = path.join('demo', 'samples', 'media');
const PRICE_LIST = ['Price list 2027', 'Prints from 12 EUR', 'Licences on request'];

/**
 * A playable video (a WebM with its poster), a video the host cannot play (poster only), a
 * PDF with the host's preview of its page, and a ZIP the host has no picture of.
 */
export async function addMedia(g: Gallery): Promise<string[]> {
  const clip = readFileSync(path.join(MEDIA, 'test-pattern.webm'));
  const poster = readFileSync(path.join(MEDIA, 'test-pattern-poster.jpg'));
  const at = new Date(0);
  const pdf = renderSamplePdf(PRICE_LIST);
  const zip = Buffer.from('PK\x05\x06' + '\0'.repeat(18), 'latin1');
  const assets = [
    { meta: { id: 'v1', name: 'Test pattern.webm', mime: 'video/webm', size: clip.length, width: 480, height: 270, modifiedAt: at, playable: true }, original: clip, rendition: poster, playable: { bytes: clip, mime: 'video/webm' } },
    { meta: { id: 'v2', name: 'Interview raw.mov', mime: 'video/quicktime', size: clip.length, width: 480, height: 270, modifiedAt: at }, original: clip, rendition: poster },
    { meta: { id: 'd1', name: 'Price list.pdf', mime: 'application/pdf', size: pdf.length, width: 595, height: 842, modifiedAt: at }, original: pdf, rendition: await renderPdfPreview(PRICE_LIST, 480) },
    { meta: { id: 'z1', name: 'Raw files.zip', mime: 'application/zip', size: zip.length, width: null, height: null, modifiedAt: at, hasPreview: false }, original: zip, rendition: Buffer.alloc(0) },
  ];
  for (const asset of assets) g.h.assets.set(asset.meta.id, asset);
  return assets.map((asset) => asset.meta.id);
}

/** Adds `count` copies of photo p0 as `<prefix><n>.jpg`, for collections that need pages. */
export function addCopies(g: Gallery, prefix: string, count: number): string[] {
  const source = g.h.assets.get('p0')!;
  return Array.from({ length: count }, (_, index) => {
    const id = `${prefix}${index}`;
    g.h.assets.set(id, { ...source, meta: { ...source.meta, id, name: `${prefix}${index}.jpg` } });
    return id;
  });
}
