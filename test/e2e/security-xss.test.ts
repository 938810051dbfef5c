/**
 * Script injection on the public side in real Chromium: a title, a description and file
 * names made of script payloads are shown on the gallery page, in the preview viewer
 * (gallery.js reads names back from the DOM), in data.json opened as a document, on the
 * password page and on error pages. No payload may run, no dialog may open, no markup may be
 * injected (the CSP must not be what saves us), and every text shows literally.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPngAssets, startPublicHarness, type PublicHarness } from '../integration/public-harness.js';

const TITLE = '</title><script>window.__xss=1</script>"><img src=x onerror=window.__xss=1>';
const DESCRIPTION = [
  '<script>window.__xss=1</script>',
  '"><img src=x onerror="window.__xss=1">',
  'javascript:window.__xss=1',
  "${window.__xss=1}`-(window.__xss=1)-`' onmouseover='window.__xss=1",
].join('\n');
const NAMES = [
  '"><img src=x onerror=window.__xss=1>.png',
  '<script>window.__xss=1</script>.png',
  'javascript:window.__xss=1.png',
  "' autofocus onfocus='window.__xss=1' x='.png",
  '${window.__xss=1}`;window.__xss=1;`.png',
  '</title><svg onload=window.__xss=1>.png',
];
const PASSWORD = 'let me in';

describe('script payloads on the public pages in Chromium', () => {
  let h: PublicHarness;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const cspReports: string[] = [];

  beforeAll(async () => {
    h = await startPublicHarness('sqlite');
    await addPngAssets(h.assets, NAMES);
    browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    // A blocked inline script means escaping failed and only the CSP stopped it: that is a failure too.
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspReports.push(message.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  /** Nothing ran, nothing was injected: one script (gallery.js) at most, no handlers, no javascript: links, no img src=x. */
  async function expectInert(where: string): Promise<void> {
    const found = await page.evaluate(() => ({
      xss: (window as { __xss?: unknown }).__xss,
      scripts: [...document.scripts].map((script) => new URL(script.src || 'inline:', location.href).pathname),
      handlers: [...document.querySelectorAll('*')].flatMap((element) =>
        [...element.attributes].filter((attribute) => attribute.name.startsWith('on')).map((attribute) => `${element.tagName} ${attribute.name}`),
      ),
      javascriptLinks: [...document.querySelectorAll('[href], [src], [action]')].filter((element) =>
        /^\s*javascript:/i.test(element.getAttribute('href') ?? element.getAttribute('src') ?? element.getAttribute('action') ?? ''),
      ).length,
      injected: document.querySelectorAll('img[src="x"], svg[onload], script:not([src])').length,
    }));
    expect(found, where).toEqual({ xss: undefined, scripts: found.scripts.filter((path) => path.endsWith('/_assets/gallery.js')), handlers: [], javascriptLinks: 0, injected: 0 });
    expect(found.scripts.length, where).toBeLessThanOrEqual(1);
    expect(dialogs, where).toEqual([]);
    expect(cspReports, where).toEqual([]);
  }

  it('shows the title, description and file names literally on the gallery and in the viewer', async () => {
    const ids = NAMES.map((_, index) => `a${index + 1}`);
    const { token } = await h.share({ title: TITLE, description: DESCRIPTION, assetIds: ids, allowDownload: true });
    await page.goto(`${h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
    await expectInert('gallery');
    expect(await page.title()).toBe(TITLE);
    expect(await page.$eval('h1', (h1) => h1.textContent)).toBe(TITLE);
    expect(await page.$eval('.description', (p) => (p as HTMLElement).innerText)).toBe(DESCRIPTION);
    expect(await page.$$eval('li.item', (items) => items.map((item) => (item as HTMLElement).dataset.name))).toEqual(NAMES);
    expect(await page.$$eval('a.thumb img', (images) => images.map((image) => image.getAttribute('alt')))).toEqual(NAMES);
    expect(await page.$$eval('input.select', (boxes) => boxes.map((box) => box.getAttribute('aria-label')))).toEqual(NAMES.map((name) => `Select ${name}`));

    // gallery.js builds the viewer from data-name: walk through every picture.
    await page.click('a.thumb');
    await page.waitForSelector('.viewer:not([hidden])');
    for (const [index, name] of NAMES.entries()) {
      await page.waitForFunction((position) => document.querySelector('.viewer-position')?.textContent === position, {}, `${index + 1} of ${NAMES.length}`);
      expect(await page.$eval('.viewer-name', (caption) => caption.textContent)).toBe(name);
      expect(await page.$eval('.viewer-image', (image) => image.getAttribute('alt'))).toBe(name);
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Escape');
    await page.hover('a.thumb');
    await expectInert('gallery after the viewer');
  });

  it('keeps the payloads inert in data.json opened as a document', async () => {
    const { token } = await h.share({ title: TITLE, description: DESCRIPTION, assetIds: ['a1', 'a2'] });
    const response = await page.goto(`${h.baseUrl}/s/${token}/data.json`, { waitUntil: 'networkidle0' });
    expect(response?.headers()['content-type']).toMatch(/^application\/json/);
    await expectInert('data.json');
    const data = JSON.parse(await page.evaluate(() => document.body.innerText)) as { title: string; description: string; assets: { name: string }[] };
    expect(data).toMatchObject({ title: TITLE, description: DESCRIPTION });
    expect(data.assets.map((asset) => asset.name)).toEqual(NAMES.slice(0, 2));
  });

  it('shows nothing of a locked collection, echoes no payload password, and renders it literally once unlocked', async () => {
    const { token } = await h.share({ title: TITLE, description: DESCRIPTION, assetIds: ['a1'], password: PASSWORD });
    await page.goto(`${h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
    expect(await page.content()).not.toContain('__xss');
    await page.type('input[name="password"]', '"><img src=x onerror=window.__xss=1>');
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(await page.$eval('[role="alert"]', (alert) => alert.textContent)).toBe('Wrong password');
    expect(await page.content()).not.toContain('__xss');
    await expectInert('password page');
    await page.type('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(await page.$eval('h1', (h1) => h1.textContent)).toBe(TITLE);
    await expectInert('unlocked gallery');
  });

  it('keeps payloads in the address inert on error pages', async () => {
    const { token } = await h.share({ title: 'Plain', assetIds: ['a1'] });
    const payload = encodeURIComponent('"><img src=x onerror=window.__xss=1>');
    for (const path of [`/s/${payload}`, `/s/${token}/assets/${payload}/preview`, `/s/${token}/download?assets=${payload}`, `/s/${token}?page=${payload}`]) {
      const response = await page.goto(`${h.baseUrl}${path}`, { waitUntil: 'networkidle0' });
      expect(response?.status(), path).toBeGreaterThanOrEqual(400);
      await expectInert(path);
    }
  });
});
