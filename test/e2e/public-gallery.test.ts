/**
 * The public gallery in real headless Chromium: the preview viewer by keyboard, the
 * strict CSP not breaking the page, script payloads staying text, the password page, and
 * the README's screenshots (desktop, 375 px mobile, password page).
 */
import { mkdirSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPublicHarness, type PublicHarness } from '../integration/public-harness.js';

const SCREENSHOTS = 'docs/screenshots';
const PASSWORD = 'open sesame';
const PHOTOS = [
  ['Harbour at dawn.png', '#1d4e89', '#f4a259', 1200, 800],
  ['Lighthouse.png', '#0b3954', '#bfd7ea', 800, 1200],
  ['Dunes.png', '#e07a5f', '#f2cc8f', 1200, 800],
  ['Forest path.png', '#2d6a4f', '#95d5b2', 1000, 1000],
  ['Night market.png', '#3d348b', '#f7b801', 1200, 800],
  ['Glacier.png', '#5fa8d3', '#e8f1f2', 1200, 900],
  ['<img src=x onerror="window.__xss=1">.png', '#6d597a', '#eaac8b', 1200, 800],
] as const;

async function photo(from: string, to: string, width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width * 0.7}" cy="${height * 0.35}" r="${Math.min(width, height) * 0.12}" fill="#fff" fill-opacity="0.6"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe('public gallery in Chromium', () => {
  let h: PublicHarness;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    h = await startPublicHarness('sqlite');
    for (const [index, [name, from, to, width, height]] of PHOTOS.entries()) {
      const original = await photo(from, to, width, height);
      const rendition = await sharp(original).resize(480, 480, { fit: 'inside' }).jpeg({ quality: 80 }).toBuffer();
      const meta = { id: `p${index}`, name, mime: 'image/png', size: original.length, width, height, modifiedAt: new Date(0) };
      h.assets.set(meta.id, { meta, original, rendition });
    }
    browser = await puppeteer.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    // A CSP violation, a script error or a broken image or stylesheet would show up here.
    // Status errors are judged from responses: the password page itself is a 401 document.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('response', (response) => {
      const subresource = response.request().resourceType() !== 'document' && !response.url().endsWith('/favicon.ico');
      if (subresource && response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('opens the preview viewer from the keyboard, navigates with arrows, and Esc returns focus', async () => {
    const { token } = await h.share({
      title: 'Coastal trip: spring workshop',
      description: 'Photos from the spring workshop.\nDownload what you need before the link expires.',
      expiresAt: new Date('2027-06-30T21:59:59.999Z'),
      assetIds: PHOTOS.map((_, index) => `p${index}`),
    });
    await page.setViewport({ width: 1280, height: 860 });
    await page.goto(`${h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
    expect(await page.$eval('h1', (h1) => h1.textContent)).toBe('Coastal trip: spring workshop');
    expect(await page.$eval('a.thumb[href$="/p6/preview"] img', (img) => img.getAttribute('alt'))).toBe(PHOTOS[6][0]);
    await page.screenshot({ path: `${SCREENSHOTS}/public-gallery.png` });

    await page.focus('a.thumb');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.viewer:not([hidden])');
    expect(await page.$eval('.viewer img', (img) => (img as HTMLImageElement).src)).toMatch(/\/assets\/p0\/preview$/);
    await page.keyboard.press('ArrowRight');
    expect(await page.$eval('.viewer-caption', (caption) => caption.textContent)).toBe('Lighthouse.png (2 of 7)');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await page.$eval('.viewer-caption', (caption) => caption.textContent)).toContain('(7 of 7)');
    await page.keyboard.press('Escape');
    expect(await page.$eval('.viewer', (viewer) => (viewer as HTMLElement).hidden)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toMatch(/\/assets\/p6\/preview$/);

    expect(await page.$eval('#selection button', (button) => (button as HTMLButtonElement).disabled)).toBe(true);
    await page.click('input[aria-label="Select Dunes.png"]');
    expect(await page.$eval('#selection button', (button) => (button as HTMLButtonElement).disabled)).toBe(false);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

    await page.setViewport({ width: 375, height: 812, isMobile: true, hasTouch: true });
    await page.goto(`${h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${SCREENSHOTS}/public-gallery-mobile.png` });
    expect(problems).toEqual([]);
  });

  it('unlocks a password-protected collection through its form', async () => {
    const { token } = await h.share({ title: 'Private proofs', assetIds: ['p0', 'p1'], password: PASSWORD });
    await page.setViewport({ width: 1280, height: 720 });
    await page.goto(`${h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
    expect(await page.content()).not.toContain('Private proofs');
    await page.type('input[name="password"]', 'wrong');
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(await page.$eval('[role="alert"]', (alert) => alert.textContent)).toBe('Wrong password');
    await page.screenshot({ path: `${SCREENSHOTS}/public-password.png` });
    // The address bar now shows the unlock URL: opening it again (a reload re-posts the form)
    // must ask for the password again.
    expect(page.url()).toBe(`${h.baseUrl}/s/${token}/unlock`);
    await page.goto(page.url(), { waitUntil: 'networkidle0' });
    expect(await page.$('input[name="password"]')).not.toBeNull();
    expect(await page.content()).not.toContain('Private proofs');
    await page.type('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(await page.$eval('h1', (h1) => h1.textContent)).toBe('Private proofs');
    expect(problems).toEqual([]);
  });
});
