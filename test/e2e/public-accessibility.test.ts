/**
 * Accessibility of the public pages in real Chromium: axe-core reports no violation on the
 * gallery (desktop and phone, light and dark, with the viewer open and with a selection), the
 * password, expired and not-found pages; and a keyboard alone completes a recipient's
 * journey: unlock, open the viewer, select two files, download them.
 */
import { AxePuppeteer } from '@axe-core/puppeteer';
import JSZip from 'jszip';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type Gallery, PHONE, startGallery } from './gallery-harness.js';

/** axe takes seconds per page on a busy machine; this only stops a run that hangs. */
const AXE_TIMEOUT_MS = 120_000;

/** Each violation as `rule: target`, so a failure says what and where. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxePuppeteer(page).analyze();
  // axe ran its rules on this page (an empty or unreadable page passes nothing).
  expect(results.passes.length).toBeGreaterThan(10);
  return results.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

describe('public pages accessibility in Chromium', () => {
  let g: Gallery;
  let token: string;

  beforeAll(async () => {
    g = await startGallery();
    ({ token } = await g.h.share({
      title: 'Coastal trip',
      description: 'Photos from the workshop: https://example.com/brief',
      ownerName: 'Ann Lee',
      expiresAt: new Date('2027-06-30T21:59:59.999Z'),
      assetIds: g.photoIds,
    }));
  });
  afterAll(() => g?.close());

  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`has no axe violations on the gallery, with a selection and with the viewer open (${size}, ${scheme})`, { timeout: AXE_TIMEOUT_MS }, async () => {
        const page = await g.newPage(viewport);
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await page.goto(`${g.h.baseUrl}/s/${token}`, { waitUntil: 'networkidle0' });
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(background).toBe(scheme === 'dark' ? 'rgb(18, 20, 23)' : 'rgb(246, 247, 249)');
        expect(await violations(page)).toEqual([]);
        await page.click('input[aria-label="Select Dunes.jpg"]');
        await page.click('input[aria-label="Select Lighthouse.jpg"]');
        expect(await violations(page)).toEqual([]);
        await page.click('li.item[data-id="p0"] a.thumb');
        await page.waitForSelector('.viewer:not([hidden])');
        await page.waitForFunction(() => (document.querySelector('.viewer-image') as HTMLImageElement).complete);
        expect(await violations(page)).toEqual([]);
        await page.keyboard.press('Escape');
        await page.click('#selection button[type="reset"]');
        await page.close();
        expect(g.problems).toEqual([]);
      });
    }
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations on the password, expired and not-found pages (${scheme})`, { timeout: AXE_TIMEOUT_MS }, async () => {
      const { token: locked } = await g.h.share({ title: 'Locked', assetIds: ['p0'], password: 'pw' });
      const { token: expiring } = await g.h.share({ title: 'Old', assetIds: ['p0'], expiresAt: new Date(g.h.clock.now.getTime() + 1000) });
      g.h.clock.advance(2);
      const page = await g.newPage(PHONE);
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      for (const [path, status] of [[`/s/${locked}`, 401], [`/s/${expiring}`, 410], ['/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 404]] as const) {
        const response = await page.goto(`${g.h.baseUrl}${path}`, { waitUntil: 'networkidle0' });
        expect(response!.status()).toBe(status);
        expect(await violations(page), path).toEqual([]);
      }
      await page.goto(`${g.h.baseUrl}/s/${locked}`, { waitUntil: 'networkidle0' });
      await page.type('#password', 'wrong');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(await page.$('[role="alert"]')).not.toBeNull();
      expect(await violations(page), 'wrong password').toEqual([]);
      await page.close();
    });
  }

  it('lets a keyboard alone unlock, open the viewer, select two files and download them', async () => {
    const { token: locked } = await g.h.share({ title: 'Keyboard trip', assetIds: g.photoIds, password: 'open sesame' });
    const page = await g.newPage(DESKTOP);
    const keys = page.keyboard;
    const active = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent);
    /** Tabs until the focused element is named `name` (a keyboard user reads, then moves on). */
    async function tabTo(name: string): Promise<void> {
      for (let presses = 0; presses < 60; presses++) {
        if ((await active()) === name) return;
        await keys.press('Tab');
      }
      throw new Error(`Tab never reached ${name}`);
    }
    await page.goto(`${g.h.baseUrl}/s/${locked}`, { waitUntil: 'networkidle0' });
    // The field has focus on arrival.
    await keys.type('open sesame');
    await Promise.all([page.waitForNavigation(), keys.press('Enter')]);
    expect(await page.$eval('h1', (h1) => h1.textContent)).toBe('Keyboard trip');

    await tabTo('Select Harbour at dawn.jpg');
    await keys.press('Tab');
    await keys.press('Tab');
    await keys.press('Enter');
    await page.waitForSelector('.viewer:not([hidden])');
    expect(await page.$eval('.viewer-name', (name) => name.textContent)).toBe('Lighthouse.jpg');
    await keys.press('ArrowRight');
    expect(await page.$eval('.viewer-name', (name) => name.textContent)).toBe('Dunes.jpg');
    await keys.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.dataset.id)).toBe('p2');

    await tabTo('Select Forest path.jpg');
    await keys.press('Space');
    await tabTo('Select Night market.jpg');
    await keys.press('Space');
    expect(await page.$eval('.selection-count', (count) => count.textContent)).toMatch(/^2 selected · /);
    await tabTo('Download selected');
    const download = g.nextDownload(page);
    await keys.press('Enter');
    const zip = await download;
    expect(zip.name).toBe('Keyboard trip (2 files).zip');
    expect(Object.keys((await JSZip.loadAsync(zip.bytes)).files).sort()).toEqual(['Forest path.jpg', 'Night market.jpg']);
    await page.close();
    expect(g.problems).toEqual([]);
  });
});
