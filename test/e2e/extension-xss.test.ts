/**
 * Issue 6, item 3, the extension's part: a title, a description and file names carrying
 * script payloads, shown in every extension dialog and window, stay inert text. Besides
 * `window.__xss`, the test looks for any element with an inline handler anywhere in the page
 * (shadow roots included), so an escaping bug cannot hide behind a page's CSP.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionJson } from '../../shared/api-types.js';
import { login } from '../helpers/demo-server.js';
import {
  catalogAssetIds,
  checkboxOf,
  chooseFromMenu,
  type DemoWithExtension,
  displayedThumbnails,
  getByRole,
  openCatalogAs,
  openCollectionsWindow,
  ownerApi,
  startDemoWithExtension,
  textOf,
  waitForNoRole,
  waitForRole,
} from './extension-harness.js';

const TITLE = `"><img src=x onerror=window.__xss='title'> <script>window.__xss='title'</script>`;
const DESCRIPTION = `</textarea><svg onload=window.__xss='description'></svg>\njavascript:window.__xss='description'`;
const FILE_NAME = `<img src=x onerror=window.__xss='name'>.jpg`;

let session: DemoWithExtension;
let page: Page;
let collection: CollectionJson;
const dialogsOpened: string[] = [];

beforeAll(async () => {
  session = await startDemoWithExtension();
  const { demo, browser } = session;
  const cookie = await login(demo.baseUrl, 'editor');
  const ids = await catalogAssetIds(demo.baseUrl, cookie, 3);
  await session.demo.knex('dam_assets').whereIn('id', ids.slice(0, 2)).update({ filename: FILE_NAME });
  collection = await ownerApi<CollectionJson>(demo.baseUrl, cookie, 'POST', '', { title: TITLE, description: DESCRIPTION, assetIds: ids });
  page = await browser.newPage();
  page.on('dialog', (dialog) => {
    dialogsOpened.push(dialog.message());
    void dialog.dismiss();
  });
  await openCatalogAs(page, demo.baseUrl, 'editor');
}, 120_000);

afterAll(() => session?.close());

/** Fails when any payload ran or left an element with an inline handler behind. */
async function expectNothingRan(): Promise<void> {
  const found = await page.evaluate(() => {
    const withHandlers: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.hasAttribute('onerror') || element.hasAttribute('onload')) withHandlers.push(element.outerHTML.slice(0, 80));
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return { xss: (window as unknown as { __xss?: unknown }).__xss ?? null, withHandlers };
  });
  expect(found).toEqual({ xss: null, withHandlers: [] });
  expect(dialogsOpened).toEqual([]);
}

async function tileOf(window: ElementHandle): Promise<ElementHandle<Element>> {
  return waitForRole(window, 'listitem', TITLE);
}

describe('script payloads in the extension', () => {
  it('shows them as text in the Shared Collections window, the Edit dialog, the Shared link dialog and the delete confirmation', async () => {
    const window = await openCollectionsWindow(page);
    const tile = await tileOf(window);
    expect(await textOf(tile)).toContain(TITLE);

    await (await getByRole(tile, 'button', 'More options')).click();
    await (await waitForRole(tile, 'menuitem', 'Edit')).click();
    const edit = await waitForRole(page, 'dialog', 'Edit Shared Collection');
    expect(await (await getByRole(edit, 'textbox', 'Title')).evaluate((input) => (input as HTMLInputElement).value)).toBe(TITLE);
    expect(await (await getByRole(edit, 'textbox', 'Description')).evaluate((input) => (input as HTMLTextAreaElement).value)).toBe(DESCRIPTION);
    await expectNothingRan();
    await page.keyboard.press('Escape');
    await waitForNoRole(page, 'dialog', 'Edit Shared Collection');

    await (await getByRole(tile, 'button', 'Get link')).click();
    const link = await waitForRole(page, 'dialog', 'Shared link');
    expect(await (await getByRole(link, 'textbox', 'Link')).evaluate((input) => (input as HTMLInputElement).value)).toBe(collection.url);
    await expectNothingRan();
    await (await getByRole(link, 'button', 'Close')).click();

    await (await getByRole(tile, 'button', 'More options')).click();
    await (await waitForRole(tile, 'menuitem', 'Delete')).click();
    const confirm = await waitForRole(page, 'alertdialog', 'Delete shared collection');
    expect(await textOf(confirm)).toContain(TITLE);
    await expectNothingRan();
    await page.keyboard.press('Escape');
    await waitForNoRole(page, 'alertdialog', 'Delete shared collection');
    await tileOf(window);
    await (await getByRole(window, 'button', 'Close')).click();
  });

  it('shows them as text in the contents view and in the Edit Tags group', async () => {
    const window = await openCollectionsWindow(page);
    await (await getByRole(await tileOf(window), 'button', TITLE)).click();
    await waitForRole(page, 'button', 'Back to catalog');
    await page.waitForFunction(() => document.querySelectorAll('ul.thumbnail-grid:not([data-sc-hidden]) > li.thumbnail').length === 3);
    const shown = (await displayedThumbnails(page)).filter((thumbnail) => thumbnail.name === FILE_NAME);
    expect(shown.length).toBe(2);
    await (await checkboxOf(shown[0]!)).click();
    await expectNothingRan();

    await chooseFromMenu(shown[0]!.handle, 'Item actions', 'Edit Tags');
    const panel = await waitForRole(page, 'complementary', 'Edit Tags');
    await (await getByRole(panel, 'button', 'Tag settings')).click();
    await (await waitForRole(panel, 'checkbox', 'Shared Collection')).click();
    const tag = (await panel.waitForSelector('section[data-tag-group="sc-shared-collection"] li.tag .tag-name'))!;
    expect(await textOf(tag)).toBe(TITLE);
    await tag.hover();
    await waitForRole(panel, 'button', `Remove from ${TITLE}`);
    await expectNothingRan();
    await (await getByRole(panel, 'button', 'Close')).click();
    await (await getByRole(page, 'button', 'Back to catalog')).click();
  });
});
