import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { type DemoServer, startDemoServer } from '../helpers/demo-server.js';

const SCREENSHOT_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
/** More than one page of 48, so the pager has somewhere to go. */
const SAMPLE_COUNT = 60;

describe('the demo catalog page in headless Chromium', () => {
  let demo: DemoServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    demo = await startDemoServer({ sampleCount: SAMPLE_COUNT });
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  async function waitForThumbnails(count: number): Promise<void> {
    await page.waitForFunction(
      (expected) => {
        const images = [...document.querySelectorAll<HTMLImageElement>('li.thumbnail img')];
        return images.length === expected && images.every((img) => img.complete && img.naturalWidth > 0);
      },
      { timeout: 60_000 },
      count,
    );
  }

  it('signs in through the login form and shows thumbnails, toolbar, pager and menus', async () => {
    await page.goto(`${demo.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.type('input[name="username"]', 'editor');
    await page.type('input[name="password"]', 'demo');
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(new URL(page.url()).pathname).toBe('/');

    // Every thumbnail's image is a real rendition the browser decoded; scrolling loads the lazy ones.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await waitForThumbnails(48);
    await page.evaluate(() => window.scrollTo(0, 0));

    expect(await page.$eval('.dam-user', (el) => [el.getAttribute('data-role'), el.textContent])).toEqual(['editor', 'Erin Editor (editor)']);
    expect(await page.$('.thumbnail-toolbar[role="toolbar"] input[type="search"][aria-label="Search files"]')).not.toBeNull();
    expect(await page.$eval('.toolbar-status', (el) => el.textContent)).toBe(`${SAMPLE_COUNT} files`);
    expect(await page.$eval('.pager-status', (el) => el.textContent)).toBe('Page 1 of 2');
    expect(await page.$$eval('li.thumbnail [aria-label="Item actions"]', (buttons) => buttons.length)).toBe(48);
    const first = await page.$eval('li.thumbnail', (li) => ({ id: li.getAttribute('data-asset-id'), name: li.getAttribute('data-file-name'), selected: li.getAttribute('aria-selected') }));
    expect(first).toEqual({ id: expect.stringMatching(/^\d+$/), name: 'Café – München.jpg', selected: 'false' });
  });

  it('opens the More actions menu, closes it with Escape, and pages with dam:grid-rendered events', async () => {
    const menuOf = (label: string) => page.$eval(`.thumbnail-toolbar [aria-label="${label}"]`, (button) => ({
      expanded: button.getAttribute('aria-expanded'),
      hidden: (button.parentElement!.querySelector('.menu') as HTMLElement).hidden,
      items: [...button.parentElement!.querySelectorAll('[role="menuitem"]')].map((item) => item.textContent),
    }));
    expect(await menuOf('More actions')).toEqual({ expanded: 'false', hidden: true, items: ['Refresh', 'Sort by name', 'Sort by date'] });
    await page.click('[aria-label="More actions"]');
    expect(await menuOf('More actions')).toMatchObject({ expanded: 'true', hidden: false });
    await page.keyboard.press('Escape');
    expect(await menuOf('More actions')).toMatchObject({ expanded: 'false', hidden: true });

    await page.evaluate(() => {
      document.addEventListener('dam:grid-rendered', (event) => ((window as any).lastRender = (event as CustomEvent).detail), { once: true });
    });
    await page.click('[data-page="next"]');
    await page.waitForFunction(() => (window as any).lastRender);
    expect(await page.evaluate(() => (window as any).lastRender)).toEqual({ page: 2, pageCount: 2, total: SAMPLE_COUNT, query: '' });
    await waitForThumbnails(SAMPLE_COUNT - 48);
    await page.click('[data-page="prev"]');
    await waitForThumbnails(48);
  });

  it('opens Edit Tags for the selection, hides a tag group through the gear and remembers it', async () => {
    const thumbnails = await page.$$('li.thumbnail');
    await thumbnails[1]!.$eval('img', (img) => (img as HTMLElement).click());
    await page.keyboard.down('Control');
    await thumbnails[2]!.click();
    await page.keyboard.up('Control');
    expect(await page.$$eval('li.thumbnail[aria-selected="true"]', (items) => items.length)).toBe(2);

    const opened = page.evaluate(
      () => new Promise((resolve) => document.addEventListener('dam:tags-panel-opened', (event) => resolve((event as CustomEvent).detail), { once: true })),
    );
    await thumbnails[2]!.hover();
    await thumbnails[2]!.$eval('[aria-label="Item actions"]', (button) => (button as HTMLElement).click());
    await thumbnails[2]!.$eval('[data-action="edit-tags"]', (item) => (item as HTMLElement).click());
    const ids = await page.$$eval('li.thumbnail[aria-selected="true"]', (items) => items.map((li) => li.getAttribute('data-asset-id')));
    expect(await opened).toEqual({ assetIds: ids });
    expect(await page.$eval('.tags-panel', (panel) => (panel as HTMLElement).hidden)).toBe(false);
    expect(await page.$eval('.tags-panel-target', (el) => el.textContent)).toBe('2 files');
    expect(await page.$$eval('.tag-groups section.tag-group', (sections) => sections.map((s) => s.getAttribute('data-tag-group')))).toEqual(['keywords', 'categories']);

    await page.click('[aria-label="Tag settings"]');
    await page.click('.tag-settings input[data-tag-group="keywords"]');
    expect(await page.$eval('section.tag-group[data-tag-group="keywords"]', (section) => (section as HTMLElement).hidden)).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('dam.visibleTagGroups'))).toBe('{"keywords":false}');

    await page.click('.tag-settings input[data-tag-group="keywords"]');
    await page.click('[aria-label="Tag settings"]');
  });

  it('opens the preview of a thumbnail from its Item actions menu in a lightbox', async () => {
    const thumbnail = (await page.$$('li.thumbnail'))[0]!;
    await thumbnail.hover();
    await thumbnail.$eval('[aria-label="Item actions"]', (button) => (button as HTMLElement).click());
    await thumbnail.$eval('[data-action="open"]', (item) => (item as HTMLElement).click());
    await page.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('dialog.lightbox[open] .lightbox-image');
      return image !== null && image.complete && image.naturalWidth > 0;
    });
    expect(await page.$eval('.lightbox-image', (img) => [(img as HTMLImageElement).naturalWidth, img.getAttribute('alt')])).toEqual([1600, 'Café – München.jpg']);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('dialog.lightbox[open]'));
  });

  it('saves a screenshot of the catalog with the More actions menu open', async () => {
    await page.click('[aria-label="More actions"]');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOT_DIR}catalog.png` });
    expect(await page.$eval('.thumbnail-toolbar .menu', (menu) => (menu as HTMLElement).hidden)).toBe(false);
  });
});
