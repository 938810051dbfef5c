/**
 * The guide's "How to create a shared collection" in real Firefox, as extension-create.test.ts
 * walks it in Chromium: the Firefox development build installed as a temporary add-on, an
 * editor selects files with the `Select <file name>` checkboxes, `More actions` → `Create
 * Shared Collection`, fills `Share Files`, `Get Link`, reads the `Link`, and the link opens the
 * gallery of exactly those files, from the `Open` button and for a recipient with no session.
 */
import type { Browser, Page } from 'puppeteer-core';
import type { CollectionJson } from '../../shared/api-types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, login } from '../helpers/demo-server.js';
import {
  checkboxOf,
  chooseFromMenu,
  type DemoWithExtension,
  displayedThumbnails,
  getByRole,
  isChecked,
  launchFirefoxWithExtension,
  openCatalogAs,
  ownerApi,
  selectedIds,
  startDemoWithExtension,
  textOf,
  waitForNoRole,
  waitForRole,
} from './extension-harness.js';

let session: DemoWithExtension;
let demo: DemoServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  session = await startDemoWithExtension({}, async () => (await launchFirefoxWithExtension()).browser);
  ({ demo, browser } = session);
  page = await browser.newPage();
  await openCatalogAs(page, demo.baseUrl, 'editor');
}, 180_000);

afterAll(() => session?.close());

/** The gallery a link shows: its heading and the names of its files, once every thumbnail has loaded. */
async function readGallery(gallery: Page): Promise<{ title: string; names: string[] }> {
  await gallery.waitForSelector('li.item img');
  await gallery.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('li.item img')].every((image) => image.complete && image.naturalWidth > 0), { timeout: 30_000 });
  return {
    title: await textOf((await gallery.$('h1'))!),
    names: await gallery.$$eval('li.item img', (images) => images.map((image) => image.getAttribute('alt') ?? '')),
  };
}

describe('creating a shared collection in Firefox', () => {
  it('runs the extension on the catalog: an unticked Select checkbox on every displayed thumbnail', async () => {
    const thumbnails = await displayedThumbnails(page);
    expect(thumbnails.length).toBeGreaterThan(2);
    const labels = await page.$$eval('ul.thumbnail-grid:not([data-sc-hidden]) > li.thumbnail', (items) =>
      items.map((item) => {
        const input = item.querySelector('sc-check')?.shadowRoot?.querySelector('input[type="checkbox"]') as HTMLInputElement | null | undefined;
        return input ? `${input.getAttribute('aria-label')}${input.checked ? ' (ticked)' : ''}` : 'none';
      }),
    );
    expect(labels).toEqual(thumbnails.map((thumbnail) => `Select ${thumbnail.name}`));
    // Firefox's own accessibility tree gives the same names (one lookup per thumbnail takes seconds under load).
    for (const thumbnail of thumbnails.slice(0, 2)) expect(await isChecked(thumbnail)).toBe(false);
  });

  it('selects files, shares them through More actions and Share Files, and the link shows exactly those files', async () => {
    const thumbnails = await displayedThumbnails(page);
    const files = [thumbnails[0]!, thumbnails[2]!];
    for (const file of files) await (await checkboxOf(file)).click();
    await page.waitForFunction((count) => document.querySelectorAll('li.thumbnail[aria-selected="true"]').length === count, { timeout: 30_000 }, files.length);
    expect((await selectedIds(page)).sort()).toEqual(files.map((file) => file.id).sort());

    await chooseFromMenu(page, 'More actions', 'Create Shared Collection');
    const dialog = await waitForRole(page, 'dialog', 'Share Files');
    await (await getByRole(dialog, 'textbox', 'Title')).type('Shared from Firefox');
    await (await getByRole(dialog, 'textbox', 'Description')).type('Two files, one link.');
    await (await getByRole(dialog, 'checkbox', 'Allow to download original files')).click();
    await (await getByRole(dialog, 'button', 'Get Link')).click();

    const linkDialog = await waitForRole(page, 'dialog', 'Shared link');
    await waitForNoRole(page, 'dialog', 'Share Files');
    const link = await getByRole(linkDialog, 'textbox', 'Link');
    const url = await link.evaluate((input) => (input as HTMLInputElement).value);
    expect(url).toMatch(new RegExp(`^${demo.baseUrl}/s/[A-Za-z0-9_-]{32}$`));
    expect(await link.evaluate((input) => (input as HTMLInputElement).readOnly)).toBe(true);

    // Either the clipboard took it or the link is selected for Ctrl+C: a message says which.
    await (await getByRole(linkDialog, 'button', 'Copy link')).click();
    const copyStatus = (await linkDialog.$('[role="status"]'))!;
    await page.waitForFunction((status) => (status.textContent ?? '').length > 0, { timeout: 30_000 }, copyStatus);
    expect(await textOf(copyStatus)).toMatch(/Link copied|press Ctrl\+C/);

    const opened = browser.waitForTarget((target) => target.url() === url, { timeout: 30_000 });
    await (await getByRole(linkDialog, 'button', 'Open')).click();
    const tab = (await (await opened).page())!;
    const names = files.map((file) => file.name).sort();
    const shown = await readGallery(tab);
    expect(shown.title).toBe('Shared from Firefox');
    expect(shown.names.sort()).toEqual(names);
    await tab.close();
    await (await getByRole(linkDialog, 'button', 'Close')).click();
    await waitForNoRole(page, 'dialog', 'Shared link');

    const recipientContext = await browser.createBrowserContext();
    try {
      const recipient = await recipientContext.newPage();
      const response = await recipient.goto(url);
      expect(response?.status()).toBe(200);
      const gallery = await readGallery(recipient);
      expect(gallery.title).toBe('Shared from Firefox');
      expect(gallery.names.sort()).toEqual(names);
      expect(await recipient.content()).toContain('Two files, one link.');
      // The link states the archive's size since issue 15: `Download all (1.2 MB)`.
      expect(await recipient.$$eval('a', (links) => links.some((link) => /^Download all \(.+\)$/.test(link.textContent ?? '')))).toBe(true);
      for (const name of names) await getByRole(recipient, 'link', `Download ${name}`);
    } finally {
      await recipientContext.close();
    }

    const { items } = await ownerApi<{ items: CollectionJson[] }>(demo.baseUrl, await login(demo.baseUrl, 'editor'), 'GET', '');
    expect(items.find((collection) => collection.url === url)).toMatchObject({
      title: 'Shared from Firefox',
      description: 'Two files, one link.',
      isPublic: true,
      hasPassword: false,
      allowDownload: true,
      assetCount: 2,
    });
  }, 120_000);
});
