/**
 * The options page, where an administrator adds their DAM's origin. The browser's permission
 * prompt cannot be answered headless, so the registration it leads to is made the way
 * `addDamOrigin` makes it once granted, and the page is checked to list and remove it.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getByRole, launchChromium, waitForRole } from './extension-harness.js';

/** The extension page's `chrome.scripting`, typed just enough for these calls. */
interface Scripting {
  registerContentScripts(scripts: { id: string; matches: string[]; js: string[]; runAt: string; persistAcrossSessions: boolean }[]): Promise<void>;
  getRegisteredContentScripts(): Promise<unknown[]>;
}
type ExtensionGlobal = typeof globalThis & { chrome: { scripting: Scripting } };

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  const worker = await browser.waitForTarget((target) => target.type() === 'service_worker' && target.url().startsWith('chrome-extension://'));
  page = await browser.newPage();
  await page.goto(new URL('/build/options.html', worker.url()).href);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function submit(address: string): Promise<string> {
  const field = await getByRole(page, 'textbox', 'DAM address');
  await field.evaluate((input) => ((input as HTMLInputElement).value = ''));
  await field.type(address);
  await (await getByRole(page, 'button', 'Add')).click();
  await page.waitForFunction(() => (document.querySelector('[role="status"]')?.textContent ?? '') !== '');
  return page.$eval('[role="status"]', (status) => status.textContent ?? '');
}

describe('options page', () => {
  it('explains itself and refuses what is not a DAM origin', async () => {
    expect(await page.title()).toBe('Shared Collections');
    expect(await page.$eval('body', (body) => body.innerText)).toContain('works without adding it');
    expect(await submit('ftp://dam.example.com')).toContain('Only http and https');
  });

  it('does not register the demo origins twice', async () => {
    expect(await submit('http://localhost:3000')).toContain('works without adding it');
  });

  it('lists an added origin and removes it again', async () => {
    await page.evaluate(() =>
      (globalThis as ExtensionGlobal).chrome.scripting.registerContentScripts([
        { id: 'sc-origin:http://localhost', matches: ['http://localhost/*'], js: ['build/content.js'], runAt: 'document_idle', persistAcrossSessions: true },
      ]),
    );
    await page.reload();
    await (await waitForRole(page, 'button', 'Remove http://localhost')).click();
    await page.waitForFunction(() => document.body.innerText.includes('None yet.'));
    expect(await page.evaluate(() => (globalThis as ExtensionGlobal).chrome.scripting.getRegisteredContentScripts())).toEqual([]);
  });
});
