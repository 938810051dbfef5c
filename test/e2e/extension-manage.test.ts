/**
 * Guide, "Access your shared collections", "How to display the contents" and removing files:
 * the Shared Collections window (tiles, get link again, open in new tab, edit, delete,
 * expired badge), a collection's contents in the thumbnail area, and removal through the
 * host's Edit Tags panel.
 */
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionJson } from '../../shared/api-types.js';
import { type DemoServer, login } from '../helpers/demo-server.js';
import {
  byRole,
  catalogAssetIds,
  checkboxOf,
  chooseFromMenu,
  type DemoWithExtension,
  displayedThumbnails,
  getByRole,
  localDate,
  openCatalogAs,
  openCollectionsWindow,
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
let cookie: string;
const created: Record<string, CollectionJson> = {};

const api = <T>(method: string, path: string, body?: unknown) => ownerApi<T>(demo.baseUrl, cookie, method, path, body);

beforeAll(async () => {
  session = await startDemoWithExtension();
  ({ demo, browser } = session);
  cookie = await login(demo.baseUrl, 'editor');
  const ids = await catalogAssetIds(demo.baseUrl, cookie, 6);
  created.harbour = await api('POST', '', { title: 'Harbour walk', password: 'pw-harbour', assetIds: ids.slice(0, 3) });
  created.doomed = await api('POST', '', { title: 'To delete', assetIds: ids.slice(3, 4) });
  // Two wrong passwords on the Harbour link: its owner should see them.
  for (const guess of ['nope', 'nope again']) {
    await fetch(`${created.harbour.url}/unlock`, { method: 'POST', body: new URLSearchParams({ password: guess }), redirect: 'manual' });
  }
  created.summer = await api('POST', '', { title: 'Last summer', allowDownload: true, expiresAt: new Date(Date.now() + 86_400_000).toISOString(), assetIds: ids.slice(4, 6) });
  // Time passes: the summer collection's link runs out.
  await demo.knex('sc_collections').where({ id: created.summer.id }).update({ expires_at: Date.now() - 60_000 });
  page = await browser.newPage();
  await openCatalogAs(page, demo.baseUrl, 'editor');
}, 120_000);

afterAll(() => session?.close());

const tile = (window: ElementHandle, title: string) => waitForRole(window, 'listitem', title);

async function closeWindow(window: ElementHandle): Promise<void> {
  await (await getByRole(window, 'button', 'Close')).click();
  await waitForNoRole(page, 'dialog', 'Shared Collections');
}

async function editFromTile(window: ElementHandle, title: string): Promise<ElementHandle<Element>> {
  const item = await tile(window, title);
  await (await getByRole(item, 'button', 'More options')).click();
  await (await waitForRole(item, 'menuitem', 'Edit')).click();
  return waitForRole(page, 'dialog', 'Edit Shared Collection');
}

describe('the Shared Collections window', () => {
  it('shows a tile per collection: cover, title, count, expiry, Expired badge, markers and statistics', async () => {
    const window = await openCollectionsWindow(page);
    const harbour = await tile(window, 'Harbour walk');
    const text = await textOf(harbour);
    for (const fact of ['Harbour walk', '3 files', 'No expiry', 'Public', 'Password', '0 views · 0 downloads', '2 failed unlock attempts']) expect(text).toContain(fact);
    expect(text).not.toContain('Owner:');
    expect(await harbour.$eval('img', (img) => new URL((img as HTMLImageElement).src).pathname)).toBe(`/assets/${created.harbour!.coverAssetId}/thumbnail`);
    const summer = await textOf(await tile(window, 'Last summer'));
    expect(summer).toContain('Expired');
    expect(summer).toContain('Downloads allowed');
    expect((await fetch(created.summer!.url)).status).toBe(410);
    await screenshot(page, 'extension-collections-window');
    await closeWindow(window);
  });

  it('gets the link again and opens the collection in a new tab', async () => {
    const window = await openCollectionsWindow(page);
    const harbour = await tile(window, 'Harbour walk');
    await (await getByRole(harbour, 'button', 'Get link')).click();
    const linkDialog = await waitForRole(page, 'dialog', 'Shared link');
    expect(await (await getByRole(linkDialog, 'textbox', 'Link')).evaluate((input) => (input as HTMLInputElement).value)).toBe(created.harbour!.url);
    await (await getByRole(linkDialog, 'button', 'Close')).click();

    const opened = browser.waitForTarget((target) => target.url() === created.harbour!.url);
    await (await getByRole(harbour, 'button', 'Open in new tab')).click();
    await (await (await opened).page())?.close();
    await closeWindow(window);
  });

  it('edits in the Edit Shared Collection dialog, filled in: an untouched password stays, Remove password removes it', async () => {
    let window = await openCollectionsWindow(page);
    let dialog = await editFromTile(window, 'Harbour walk');
    const title = await getByRole(dialog, 'textbox', 'Title');
    expect(await title.evaluate((input) => (input as HTMLInputElement).value)).toBe('Harbour walk');
    await title.evaluate((input) => ((input as HTMLInputElement).value = ''));
    await title.type('Harbour walk at dusk');
    await setValue((await dialog.$('input[type="date"]'))!, localDate(3));
    await (await getByRole(dialog, 'button', 'Save')).click();
    await waitForNoRole(page, 'dialog', 'Edit Shared Collection');
    await tile(window, 'Harbour walk at dusk');
    let saved = await api<CollectionJson>('GET', `/${created.harbour!.id}`);
    expect(saved).toMatchObject({ title: 'Harbour walk at dusk', hasPassword: true });
    expect(saved.expiresAt).not.toBeNull();

    dialog = await editFromTile(window, 'Harbour walk at dusk');
    await (await getByRole(dialog, 'checkbox', 'Remove password')).click();
    await (await getByRole(dialog, 'button', 'Save')).click();
    await waitForNoRole(page, 'dialog', 'Edit Shared Collection');
    saved = await api<CollectionJson>('GET', `/${created.harbour!.id}`);
    expect(saved.hasPassword).toBe(false);
    expect((await fetch(saved.url)).status).toBe(200);

    // The owner still manages an expired collection: a new date brings the link back.
    dialog = await editFromTile(window, 'Last summer');
    await setValue((await dialog.$('input[type="date"]'))!, localDate(30));
    await (await getByRole(dialog, 'button', 'Save')).click();
    await waitForNoRole(page, 'dialog', 'Edit Shared Collection');
    await page.waitForFunction(
      (element) => [...element.querySelectorAll<HTMLElement>('li.tile')].some((item) => item.innerText.includes('Last summer') && !item.innerText.includes('Expired')),
      {},
      window,
    );
    expect((await fetch(created.summer!.url)).status).toBe(200);
    await closeWindow(window);
    window = await openCollectionsWindow(page);
    await closeWindow(window);
  });

  it('offers a reload when someone else changed the collection meanwhile', async () => {
    const window = await openCollectionsWindow(page);
    const dialog = await editFromTile(window, 'Last summer');
    await api('PATCH', `/${created.summer!.id}`, { description: 'Changed elsewhere' });
    await (await getByRole(dialog, 'textbox', 'Title')).type(' (mine)');
    await (await getByRole(dialog, 'button', 'Save')).click();
    await (await waitForRole(dialog, 'button', 'Reload')).click();
    await page.waitForFunction((element) => (element as HTMLTextAreaElement).value === 'Changed elsewhere', {}, await getByRole(dialog, 'textbox', 'Description'));
    expect(await (await getByRole(dialog, 'textbox', 'Title')).evaluate((input) => (input as HTMLInputElement).value)).toBe('Last summer');
    await page.keyboard.press('Escape');
    await closeWindow(window);
  });

  it('deletes after confirmation, and never the files', async () => {
    const before = (await (await fetch(`${demo.baseUrl}/api/assets`, { headers: { cookie } })).json()) as { total: number };
    const window = await openCollectionsWindow(page);
    const doomed = await tile(window, 'To delete');
    await (await getByRole(doomed, 'button', 'More options')).click();
    await (await waitForRole(doomed, 'menuitem', 'Delete')).click();
    const confirm = await waitForRole(page, 'alertdialog', 'Delete shared collection');
    expect(await textOf(confirm)).toContain('To delete');
    await (await getByRole(confirm, 'button', 'Delete')).click();
    await waitForNoRole(window, 'listitem', 'To delete');
    const { items } = await api<{ items: CollectionJson[] }>('GET', '');
    expect(items.map((collection) => collection.title)).not.toContain('To delete');
    expect(((await (await fetch(`${demo.baseUrl}/api/assets`, { headers: { cookie } })).json()) as { total: number }).total).toBe(before.total);
    await closeWindow(window);
  });
});

describe('a collection\'s contents in the thumbnail area', () => {
  it('displays the files with checkboxes and host menus, removes one through Edit Tags, and goes back', async () => {
    const window = await openCollectionsWindow(page);
    await (await getByRole(await tile(window, 'Harbour walk at dusk'), 'button', 'Harbour walk at dusk')).click();
    await waitForNoRole(page, 'dialog', 'Shared Collections');
    await waitForRole(page, 'button', 'Back to catalog');
    await page.waitForFunction(() => document.querySelectorAll('ul.thumbnail-grid:not([data-sc-hidden]) > li.thumbnail sc-check').length === 3);
    const shown = await displayedThumbnails(page);
    expect(shown.length).toBe(3);

    await (await checkboxOf(shown[0]!)).click();
    await chooseFromMenu(shown[0]!.handle, 'Item actions', 'Edit Tags');
    const panel = await waitForRole(page, 'complementary', 'Edit Tags');
    await (await getByRole(panel, 'button', 'Tag settings')).click();
    await (await waitForRole(panel, 'checkbox', 'Shared Collection')).click();
    const tag = await panel.waitForSelector('::-p-text(Harbour walk at dusk)');
    await tag!.hover();
    await (await waitForRole(panel, 'button', 'Remove from Harbour walk at dusk')).click();
    await page.waitForFunction(() => document.querySelectorAll('ul.thumbnail-grid:not([data-sc-hidden]) > li.thumbnail').length === 2);
    expect((await displayedThumbnails(page)).map((thumbnail) => thumbnail.id)).not.toContain(shown[0]!.id);
    expect((await api<CollectionJson>('GET', `/${created.harbour!.id}`)).assetCount).toBe(2);
    // The removed file left the displayed collection, and the panel about it closed.
    await waitForNoRole(page, 'complementary', 'Edit Tags');

    await (await getByRole(page, 'button', 'Back to catalog')).click();
    await waitForNoRole(page, 'button', 'Back to catalog');
    expect((await displayedThumbnails(page)).length).toBe(24);
    expect(await byRole(page, 'button', 'Previous page')).not.toBeNull();
  });
});
