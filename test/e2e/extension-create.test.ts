/**
 * Guide, "How to create a shared collection" and "What a shared collection looks like": both
 * ways into `Share Files`, the required title, every setting, `Get Link`, the `Shared link`
 * window, and the link opened by a recipient in a fresh browser context with the settings
 * in force (password prompt, download buttons present or absent, internal share).
 */
import type { Browser, ElementHandle, HTTPRequest, Page } from 'puppeteer-core';
import type { CollectionJson } from '../../shared/api-types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, login } from '../helpers/demo-server.js';
import {
  byRole,
  checkboxOf,
  chooseFromMenu,
  type DemoWithExtension,
  displayedThumbnails,
  getByRole,
  localDate,
  openCatalogAs,
  ownerApi,
  screenshot,
  setValue,
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
  session = await startDemoWithExtension();
  ({ demo, browser } = session);
  await browser.defaultBrowserContext().overridePermissions(demo.baseUrl, ['clipboard-read', 'clipboard-sanitized-write']);
  page = await browser.newPage();
  await openCatalogAs(page, demo.baseUrl, 'editor');
}, 120_000);

afterAll(() => session?.close());

async function select(indexes: number[]): Promise<{ id: string; name: string }[]> {
  const clear = await byRole(page, 'button', 'Clear selection');
  if (clear) await clear.click();
  const thumbnails = await displayedThumbnails(page);
  for (const index of indexes) await (await checkboxOf(thumbnails[index]!)).click();
  return indexes.map((index) => thumbnails[index]!);
}

const field = (dialog: ElementHandle, role: string, name: string) => getByRole(dialog, role, name);

/** Fills Share Files; `password` undefined leaves the field empty. */
async function fillShareFiles(dialog: ElementHandle, values: { title: string; description?: string; isPublic?: boolean; password?: string; expiry?: string; allowDownload?: boolean }) {
  await (await field(dialog, 'textbox', 'Title')).type(values.title);
  if (values.description) await (await field(dialog, 'textbox', 'Description')).type(values.description);
  if (values.isPublic === false) await (await field(dialog, 'checkbox', 'Public access')).click();
  if (values.password) await (await field(dialog, 'textbox', 'Password')).type(values.password);
  if (values.expiry) await setValue(await dialog.$('input[type="date"]') as ElementHandle<Element>, values.expiry);
  if (values.allowDownload) await (await field(dialog, 'checkbox', 'Allow to download original files')).click();
}

/** Clicks Get Link and returns the link shown in the Shared link window (closing it). */
async function getLink(dialog: ElementHandle): Promise<string> {
  await (await getByRole(dialog, 'button', 'Get Link')).click();
  const linkDialog = await waitForRole(page, 'dialog', 'Shared link');
  const url = await (await getByRole(linkDialog, 'textbox', 'Link')).evaluate((input) => (input as HTMLInputElement).value);
  await (await getByRole(linkDialog, 'button', 'Close')).click();
  await waitForNoRole(page, 'dialog', 'Shared link');
  return url;
}

/** A recipient: a fresh browser context with no DAM session and no extension state. */
async function asRecipient<T>(url: string, look: (recipient: Page, status: number) => Promise<T>): Promise<T> {
  const context = await browser.createBrowserContext();
  try {
    const recipient = await context.newPage();
    const response = await recipient.goto(url);
    return await look(recipient, response?.status() ?? 0);
  } finally {
    await context.close();
  }
}

describe('creating a shared collection', () => {
  it('says clearly when nothing is selected', async () => {
    await chooseFromMenu(page, 'More actions', 'Create Shared Collection');
    const alert = (await page.waitForSelector('::-p-aria([role="alert"])'))!;
    expect(await textOf(alert)).toContain('Select one or more files first');
    expect(await byRole(page, 'dialog', 'Share Files')).toBeNull();
    await (await getByRole(alert, 'button', 'Dismiss')).click();
  });

  it('way 1: the share icon in a selected thumbnail\'s three-dots menu; Title is required; focus stays in; Esc cancels', async () => {
    const [first] = await select([0, 1]);
    const thumbnails = await displayedThumbnails(page);
    // Only a selected thumbnail's menu offers it.
    await thumbnails[5]!.handle.hover();
    await (await getByRole(thumbnails[5]!.handle, 'button', 'Item actions')).click();
    await waitForRole(thumbnails[5]!.handle, 'menuitem', 'Edit Tags');
    expect(await byRole(thumbnails[5]!.handle, 'menuitem', 'Create Shared Collection')).toBeNull();
    await page.keyboard.press('Escape');

    await chooseFromMenu(thumbnails.find((thumbnail) => thumbnail.id === first!.id)!.handle, 'Item actions', 'Create Shared Collection');
    const dialog = await waitForRole(page, 'dialog', 'Share Files');
    expect(await dialog.evaluate((element) => element.getAttribute('aria-modal'))).toBe('true');
    const title = await field(dialog, 'textbox', 'Title');
    expect(await title.evaluate((input) => (input.getRootNode() as ShadowRoot).activeElement === input)).toBe(true);

    await (await getByRole(dialog, 'button', 'Get Link')).click();
    expect(await textOf(dialog)).toContain('Title is required.');
    expect(await title.evaluate((input) => input.getAttribute('aria-invalid'))).toBe('true');

    for (let press = 0; press < 14; press += 1) await page.keyboard.press('Tab');
    expect(await dialog.evaluate((element) => element.contains((element.getRootNode() as ShadowRoot).activeElement))).toBe(true);

    await page.keyboard.press('Escape');
    await waitForNoRole(page, 'dialog', 'Share Files');
  });

  it('way 2: More actions > Create Shared Collection, every setting, Get Link, then the Shared link window', async () => {
    const files = await select([0, 1]);
    await chooseFromMenu(page, 'More actions', 'Create Shared Collection');
    const dialog = await waitForRole(page, 'dialog', 'Share Files');
    expect(await (await field(dialog, 'checkbox', 'Public access')).evaluate((box) => (box as HTMLInputElement).checked)).toBe(true);
    const date = (await dialog.$('input[type="date"]'))!;
    expect(await date.evaluate((input) => input.getAttribute('min'))).toBe(localDate(0));

    await fillShareFiles(dialog, { title: 'Trip to the coast', description: 'Selected shots from the trip.', password: 'open sesame', expiry: localDate(7), allowDownload: true });
    const password = await field(dialog, 'textbox', 'Password');
    await (await getByRole(dialog, 'button', 'Show password')).click();
    expect(await password.evaluate((input) => (input as HTMLInputElement).type)).toBe('text');
    await (await getByRole(dialog, 'button', 'Hide password')).click();
    expect(await password.evaluate((input) => (input as HTMLInputElement).type)).toBe('password');
    // The password applies only to public links.
    await (await field(dialog, 'checkbox', 'Public access')).click();
    expect(await password.evaluate((input) => (input as HTMLInputElement).disabled)).toBe(true);
    await (await field(dialog, 'checkbox', 'Public access')).click();
    expect(await password.evaluate((input) => (input as HTMLInputElement).disabled)).toBe(false);
    await screenshot(page, 'extension-share-dialog');

    await (await getByRole(dialog, 'button', 'Get Link')).click();
    const linkDialog = await waitForRole(page, 'dialog', 'Shared link');
    const link = await getByRole(linkDialog, 'textbox', 'Link');
    const url = await link.evaluate((input) => (input as HTMLInputElement).value);
    expect(url).toMatch(new RegExp(`^${demo.baseUrl}/s/[A-Za-z0-9_-]{32}$`));
    expect(await link.evaluate((input) => (input as HTMLInputElement).readOnly)).toBe(true);

    await (await getByRole(linkDialog, 'button', 'Copy link')).click();
    await page.waitForFunction((element) => (element.textContent ?? '').length > 0, {}, (await linkDialog.$('[role="status"]'))!);
    expect(await textOf((await linkDialog.$('[role="status"]'))!)).toMatch(/Link copied|press Ctrl\+C/);
    await screenshot(page, 'extension-shared-link');

    const opened = browser.waitForTarget((target) => target.url() === url);
    await (await getByRole(linkDialog, 'button', 'Open')).click();
    await (await (await opened).page())?.close();
    await (await getByRole(linkDialog, 'button', 'Close')).click();

    const { items } = await ownerApi<{ items: CollectionJson[] }>(demo.baseUrl, await login(demo.baseUrl, 'editor'), 'GET', '');
    const created = items.find((collection) => collection.url === url)!;
    expect(created).toMatchObject({ title: 'Trip to the coast', description: 'Selected shots from the trip.', isPublic: true, hasPassword: true, allowDownload: true, assetCount: 2 });
    const [year, month, day] = localDate(7).split('-').map(Number);
    expect(new Date(created.expiresAt!).getTime()).toBe(new Date(year!, month! - 1, day!, 23, 59, 59, 999).getTime());

    await asRecipient(url, async (recipient, status) => {
      expect(status).toBe(401);
      expect(await recipient.content()).not.toContain('Trip to the coast');
      await (await getByRole(recipient, 'textbox', 'Password')).type('open sesame');
      await Promise.all([recipient.waitForNavigation(), (await getByRole(recipient, 'button', 'Unlock')).click()]);
      expect(await textOf((await recipient.$('h1'))!)).toBe('Trip to the coast');
      expect(await recipient.content()).toContain('Selected shots from the trip.');
      // The button states the archive's size since issue 15: `Download all (1.2 MB)`.
      expect(await recipient.$$eval('a', (links) => links.some((link) => /^Download all \(.+\)$/.test(link.textContent ?? '')))).toBe(true);
      expect(await byRole(recipient, 'link', `Download ${files[0]!.name}`)).not.toBeNull();
    });
  });

  it('a password-free collection without downloads opens at once and offers no download', async () => {
    const [file] = await select([2]);
    await chooseFromMenu(page, 'More actions', 'Create Shared Collection');
    const dialog = await waitForRole(page, 'dialog', 'Share Files');
    await fillShareFiles(dialog, { title: 'Previews only' });
    const url = await getLink(dialog);
    await asRecipient(url, async (recipient, status) => {
      expect(status).toBe(200);
      expect(await textOf((await recipient.$('h1'))!)).toBe('Previews only');
      expect(await recipient.$$eval('a', (links) => links.some((link) => link.textContent?.startsWith('Download all')))).toBe(false);
      expect(await byRole(recipient, 'link', `Download ${file!.name}`)).toBeNull();
      // Refused by the server, not merely hidden.
      expect((await fetch(`${url}/assets/${file!.id}/original`)).status).toBe(403);
    });
  });

  it('without Public access the link opens only for people signed in to the DAM', async () => {
    await select([3]);
    await chooseFromMenu(page, 'More actions', 'Create Shared Collection');
    const dialog = await waitForRole(page, 'dialog', 'Share Files');
    await fillShareFiles(dialog, { title: 'Team only', isPublic: false });
    const url = await getLink(dialog);
    await asRecipient(url, async (recipient) => {
      expect(await recipient.content()).not.toContain('Team only');
    });
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    expect(await textOf((await page.$('h1'))!)).toBe('Team only');
    await page.goto(demo.baseUrl);
    await page.waitForSelector('li.thumbnail sc-check');
  });

  it('shows a server refusal next to its field and keeps everything typed', async () => {
    await select([4]);
    await chooseFromMenu(page, 'More actions', 'Create Shared Collection');
    const dialog = await waitForRole(page, 'dialog', 'Share Files');
    await fillShareFiles(dialog, { title: 'Second try', description: 'Kept on error' });
    const refuse = (request: HTTPRequest) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/shared-collections')) {
        void request.respond({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'validation_failed', message: 'Title is taken.', issues: [{ field: 'title', message: 'Title is taken.' }] } }) });
      } else {
        void request.continue();
      }
    };
    await page.setRequestInterception(true);
    page.on('request', refuse);
    await (await getByRole(dialog, 'button', 'Get Link')).click();
    await page.waitForFunction((element) => (element as HTMLElement).innerText.includes('Title is taken.'), {}, dialog);
    page.off('request', refuse);
    await page.setRequestInterception(false);
    expect(await (await field(dialog, 'textbox', 'Title')).evaluate((input) => [(input as HTMLInputElement).value, input.getAttribute('aria-invalid')])).toEqual(['Second try', 'true']);
    expect(await (await field(dialog, 'textbox', 'Description')).evaluate((input) => (input as HTMLTextAreaElement).value)).toBe('Kept on error');
    expect(await getLink(dialog)).toMatch(/\/s\//);
  });
});
