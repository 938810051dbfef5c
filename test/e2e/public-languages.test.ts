/**
 * The gallery in the reader's language in real Chromium: German at desktop size (its
 * selection bar and viewer speak German, the expiry in Berlin time) and Japanese on a phone.
 * The German page is the README's screenshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type Gallery, PHONE, SCREENSHOTS, startGallery } from './gallery-harness.js';

describe('public gallery in the reader\'s language, in Chromium', () => {
  let g: Gallery;
  let token: string;

  beforeAll(async () => {
    g = await startGallery();
    ({ token } = await g.h.share({
      title: 'Küstenreise: Frühjahrsworkshop',
      description: 'Fotos vom Frühjahrsworkshop.',
      ownerName: 'Anna Berg',
      expiresAt: new Date('2027-06-30T21:59:59.999Z'),
      assetIds: g.photoIds,
    }));
  });
  afterAll(() => g?.close());

  it('speaks German on a desktop: header, selection bar, viewer and the expiry in Berlin time', async () => {
    const page = await g.newPage(DESKTOP, { language: 'de-DE,de;q=0.9' });
    await page.emulateTimezone('Europe/Berlin');
    await page.goto(`${g.h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
    expect(await page.$eval('html', (html) => html.lang)).toBe('de');
    expect(await page.$eval('.owner', (owner) => owner.textContent)).toBe('Geteilt von Anna Berg');
    expect(await page.$eval('.expiry', (expiry) => expiry.textContent)).toBe('Noch 215 Tage verfügbar (bis 30. Juni 2027 um 23:59)');
    const size = (id: string) => g.h.assets.get(id)!.meta.size;
    await page.click('input[aria-label="Dunes.jpg auswählen"]');
    await page.click('input[aria-label="Lighthouse.jpg auswählen"]');
    const kB = ((size('p1') + size('p2')) / 1000).toFixed(1).replace('.', ',');
    // ICU versions differ on the space before a unit (plain or no-break): the words and digits are what count.
    expect(await page.$eval('.selection-count', (count) => count.textContent!.replace(/\s/g, ' '))).toBe(`2 ausgewählt · ${kB} kB`);
    expect(await page.$eval('#selection button[type="submit"]', (button) => button.textContent)).toBe('Auswahl herunterladen');
    await page.screenshot({ path: `${SCREENSHOTS}/public-gallery-de.png` });

    await page.click('li.item[data-id="p0"] a.thumb');
    await page.waitForSelector('.viewer:not([hidden])');
    expect(await page.$eval('.viewer-position', (position) => position.textContent)).toBe('1 von 8');
    expect(await page.$$eval('.viewer [aria-label]:not([hidden])', (labels) => labels.map((label) => label.getAttribute('aria-label')))).toEqual([
      'Harbour at dawn.jpg herunterladen',
      'Schließen',
      'Zurück',
      'Weiter',
    ]);
    await page.keyboard.press('Escape');
    await page.click('#selection button[type="reset"]');
    await page.close();
    expect(g.problems).toEqual([]);
  });

  it('speaks Japanese on a phone', async () => {
    const page = await g.newPage(PHONE, { language: 'ja-JP' });
    await page.emulateTimezone('Asia/Tokyo');
    await page.goto(`${g.h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
    expect(await page.$eval('html', (html) => html.lang)).toBe('ja');
    expect(await page.$eval('.expiry', (expiry) => expiry.textContent)).toBe('あと 215 日間利用できます (2027年7月1日 6:59 まで)');
    await page.tap('li.item[data-id="p3"] a.thumb');
    await page.waitForSelector('.viewer:not([hidden])');
    expect(await page.$eval('.viewer-position', (position) => position.textContent)).toBe('4 / 8');
    expect(await page.$eval('.viewer button:not([hidden])', (button) => button.getAttribute('aria-label'))).toBe('閉じる');
    await page.close();
    expect(g.problems).toEqual([]);
  });
});
