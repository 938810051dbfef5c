/**
 * Issue 15, item 6: the extension in the browser's language. Chromium runs in German (the
 * `LANGUAGE` environment variable, which Chromium on Linux reads; see test/helpers/browser.ts),
 * and the extension's controls, dialogs, counts and dates read German, while the host page's
 * own words (`More actions`, `Item actions`) stay the host's.
 */
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../helpers/demo-server.js';
import {
  byRole,
  chooseFromMenu,
  type DemoWithExtension,
  displayedThumbnails,
  EXTENSION_ID,
  getByRole,
  launchChromium,
  localDate,
  openCatalogAs,
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
  session = await startDemoWithExtension({}, () => launchChromium({ language: 'de' }));
  ({ demo, browser } = session);
  page = await browser.newPage();
  await openCatalogAs(page, demo.baseUrl, 'editor');
}, 120_000);

afterAll(() => session?.close());

/** `2026-12-31` as German writes a date: `31.12.2026`. */
function germanDate(isoDay: string): string {
  const [year, month, day] = isoDay.split('-');
  return `${day}.${month}.${year}`;
}

async function close(dialog: ElementHandle, role: string, name: string, button = 'Abbrechen'): Promise<void> {
  await (await getByRole(dialog, 'button', button)).click();
  await waitForNoRole(page, role, name);
}

describe('the extension in German', () => {
  it('runs in a German browser, and says so to assistive technology', async () => {
    const options = await browser.newPage();
    try {
      await options.goto(`chrome-extension://${EXTENSION_ID}/build/options.html`);
      const language = await options.evaluate(() => (globalThis as unknown as { chrome: { i18n: { getUILanguage(): string } } }).chrome.i18n.getUILanguage());
      // Chromium falls back to English when its German resources are missing (Debian: chromium-l10n).
      expect(language, 'Chromium\'s UI language: apt-get install chromium-l10n if this is English').toBe('de');
      expect(await options.title()).toBe('Geteilte Sammlungen');
      expect(await options.evaluate(() => document.documentElement.lang)).toBe('de');
      await waitForRole(options, 'textbox', 'DAM-Adresse');
      await waitForRole(options, 'button', 'Hinzufügen');
    } finally {
      await options.close();
    }
  });

  it('names the checkboxes and the selection toolbar in German, with the count', async () => {
    const thumbnails = await displayedThumbnails(page);
    for (const thumbnail of thumbnails.slice(0, 2)) {
      await (await getByRole(thumbnail.handle, 'checkbox', `${thumbnail.name} auswählen`)).click();
    }
    const toolbar = await waitForRole(page, 'group', 'Auswahl');
    await page.waitForFunction((element) => (element as HTMLElement).innerText.includes('2 ausgewählt'), {}, toolbar);
    await getByRole(toolbar, 'button', 'Angezeigte Dateien auswählen');
    await getByRole(toolbar, 'button', 'Auswahl aufheben');
    expect(await toolbar.evaluate((element) => (element.getRootNode() as ShadowRoot).host.getAttribute('lang'))).toBe('de');
  });

  it('shows Share Files, its required title and the Shared link dialog in German', async () => {
    await chooseFromMenu(page, 'More actions', 'Geteilte Sammlung erstellen');
    const dialog = await waitForRole(page, 'dialog', 'Dateien teilen');
    const text = await textOf(dialog);
    expect(text).toContain('Teilt 2 Dateien');
    for (const [role, name] of [
      ['textbox', 'Titel'], ['textbox', 'Beschreibung'], ['checkbox', 'Öffentlicher Zugriff'], ['textbox', 'Passwort'],
      ['checkbox', 'Herunterladen der Originaldateien erlauben'], ['button', 'Passwort anzeigen'], ['button', 'Abbrechen'],
    ]) await getByRole(dialog, role!, name!);
    expect(text).toContain('Ablaufdatum');

    await (await getByRole(dialog, 'button', 'Link abrufen')).click();
    await dialog.waitForSelector('::-p-text(Ein Titel ist erforderlich.)');
    await (await getByRole(dialog, 'textbox', 'Titel')).type('Hafenrundgang');
    await setValue((await dialog.$('input[type="date"]'))!, localDate(10));
    await (await getByRole(dialog, 'button', 'Link abrufen')).click();

    const link = await waitForRole(page, 'dialog', 'Geteilter Link');
    expect(await (await getByRole(link, 'textbox', 'Link')).evaluate((input) => (input as HTMLInputElement).value)).toMatch(/\/s\//);
    await getByRole(link, 'button', 'Link kopieren');
    await getByRole(link, 'button', 'Öffnen');
    await close(link, 'dialog', 'Geteilter Link', 'Schließen');
  });

  it('shows the Shared Collections window, its tiles, Edit and the delete confirmation in German', async () => {
    await chooseFromMenu(page, 'More actions', 'Geteilte Sammlungen');
    const window = await waitForRole(page, 'dialog', 'Geteilte Sammlungen');
    const tile = await waitForRole(window, 'listitem', 'Hafenrundgang');
    const facts = await textOf(tile);
    for (const fact of ['2 Dateien', `Läuft am ${germanDate(localDate(10))} ab`, '0 Aufrufe · 0 Downloads', 'Öffentlich']) expect(facts).toContain(fact);
    await getByRole(tile, 'button', 'In neuem Tab öffnen');
    await getByRole(tile, 'button', 'Link abrufen');

    await (await getByRole(tile, 'button', 'Weitere Optionen')).click();
    await (await waitForRole(tile, 'menuitem', 'Bearbeiten')).click();
    const edit = await waitForRole(page, 'dialog', 'Geteilte Sammlung bearbeiten');
    await getByRole(edit, 'button', 'Speichern');
    await close(edit, 'dialog', 'Geteilte Sammlung bearbeiten');

    await (await getByRole(tile, 'button', 'Weitere Optionen')).click();
    await (await waitForRole(tile, 'menuitem', 'Löschen')).click();
    const confirm = await waitForRole(page, 'alertdialog', 'Geteilte Sammlung löschen');
    expect(await textOf(confirm)).toContain('„Hafenrundgang“ löschen? Der Link funktioniert dann nicht mehr.');
    await close(confirm, 'alertdialog', 'Geteilte Sammlung löschen');
    await close(window, 'dialog', 'Geteilte Sammlungen', 'Schließen');
    expect(await byRole(page, 'button', 'Select displayed files')).toBeNull();
    const first = (await displayedThumbnails(page))[0]!;
    expect(await byRole(first.handle, 'checkbox', `Select ${first.name}`)).toBeNull();
  });

  it('shows a collection\'s contents with a German heading and pager', async () => {
    await chooseFromMenu(page, 'More actions', 'Geteilte Sammlungen');
    const window = await waitForRole(page, 'dialog', 'Geteilte Sammlungen');
    await (await getByRole(await waitForRole(window, 'listitem', 'Hafenrundgang'), 'button', 'Hafenrundgang')).click();
    const back = await waitForRole(page, 'button', 'Zurück zum Katalog');
    const banner = await waitForRole(page, 'region', 'Inhalt der geteilten Sammlung');
    expect(await textOf(banner)).toContain('Geteilte Sammlung: Hafenrundgang (2 Dateien)');
    const pager = await waitForRole(page, 'navigation', 'Seiten der Sammlung');
    expect(await textOf(pager)).toContain('Seite 1 von 1');
    await back.click();
    await waitForNoRole(page, 'button', 'Zurück zum Katalog');
  });
});
