/**
 * Issue 5, budget 7: the extension's cost to the catalog page.
 * - the content script's minified size (every catalog page loads it);
 * - a Shift+click range over 2,000 thumbnails, timed inside the page around the click's
 *   dispatch (every listener's work: the budgeted figure), and again including the style and
 *   layout it causes (reported: the host's own `aria-selected` styles and 2,000 native
 *   checkboxes restyling cost about a frame by themselves on this machine);
 * - the catalog page's load-to-idle time with and without the extension, same run, same
 *   machine, same browser: idle = the last DOM mutation or network response once the page has
 *   been quiet for 500 ms. The browser with the extension loads the same demo server under two
 *   host names, one the extension runs on (127.0.0.1) and one it does not (a name mapped to
 *   127.0.0.1 by `--host-resolver-rules`), alternately. Two separate browsers, the first way
 *   this was measured, differ by up to 11% with no extension in either (page loads of one
 *   Chromium instance run consistently faster or slower than another's on this machine), more
 *   than the 10% budget being measured. A control beside the figure compares the host the
 *   extension does not run on against a browser without the extension: what the extension's
 *   mere presence costs (nothing it could measure so far; that comparison carries the two
 *   browsers' variance).
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'puppeteer-core';
import { launchBrowser } from '../helpers/browser.js';
import { startDemoServer } from '../helpers/demo-server.js';
import type { BenchFigure } from './figures.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const BUNDLE_BUDGET_KB = 60;
const FRAME_MS = 16;
const LOAD_RATIO_BUDGET = 1.1;
const THUMBNAILS = 2000;
const RUNS = 7;
/** Page loads vary more (the demo server answers 24 thumbnails in 40-90 ms): more runs for a steadier median. */
const LOAD_RUNS = 21;
const PRESENCE_RUNS = 9;
const QUIET_MS = 500;
/** The second name of the demo server, which the extension's manifest does not match. */
const PLAIN_HOST = 'catalog-without-extension.test';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name="username"]').fill('editor');
  await page.locator('input[name="password"]').fill('demo');
  await Promise.all([page.waitForNavigation(), page.locator('button[type="submit"]').click()]);
  await page.waitForSelector('li.thumbnail');
}

/** Grows the grid to 2,000 thumbnails in the host's markup and waits for every checkbox. */
async function shiftRangeTimings(page: Page): Promise<{ handler: number; frame: number }> {
  await page.waitForSelector('li.thumbnail sc-check');
  await page.evaluate((count) => {
    const grid = document.querySelector('ul.thumbnail-grid')!;
    const template = grid.querySelector('li.thumbnail')!;
    template.querySelector('sc-check')?.remove();
    const clones = Array.from({ length: count }, (_, index) => {
      const clone = template.cloneNode(true) as HTMLElement;
      clone.dataset.assetId = `bench-${index}`;
      clone.dataset.fileName = `bench-${index}.jpg`;
      clone.setAttribute('aria-selected', 'false');
      return clone;
    });
    grid.replaceChildren(...clones);
  }, THUMBNAILS);
  await page.waitForFunction((count) => document.querySelectorAll('li.thumbnail sc-check').length === count, {}, THUMBNAILS);

  const handler: number[] = [];
  const frame: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    // No named helpers inside: tsx would wrap them in a `__name` the page does not have.
    const timing = await page.evaluate(() => {
      const boxes = [...document.querySelectorAll('li.thumbnail sc-check')].map((host) => host.shadowRoot!.querySelector('input')!);
      // Anchor on the first, then Shift on the last: selects (or, next run, deselects) all 2,000.
      boxes[0]!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
      void document.body.offsetHeight;
      const started = performance.now();
      boxes.at(-1)!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, shiftKey: true }));
      const handled = performance.now();
      void document.body.offsetHeight;
      const laidOut = performance.now();
      return { handler: handled - started, frame: laidOut - started, selected: document.querySelectorAll('li.thumbnail[aria-selected="true"]').length };
    });
    if (timing.selected !== 0 && timing.selected !== THUMBNAILS) throw new Error(`Shift range selected ${timing.selected} of ${THUMBNAILS}`);
    handler.push(timing.handler);
    frame.push(timing.frame);
  }
  return { handler: median(handler), frame: median(frame) };
}

/**
 * Milliseconds from navigation to idle (see the file comment). Fails when the extension did or
 * did not run, against `withExtension`, so the two sides cannot silently measure the same thing.
 */
async function loadToIdle(browser: Browser, baseUrl: string, withExtension: boolean): Promise<number> {
  const page = await browser.newPage();
  try {
    await page.evaluateOnNewDocument(() => {
      const state = window as unknown as { benchLastMutation: number };
      state.benchLastMutation = 0;
      new MutationObserver(() => (state.benchLastMutation = performance.now())).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await page.goto(baseUrl, { waitUntil: 'load' });
    await page.waitForSelector('li.thumbnail');
    const idle = await page.evaluate(async (quiet) => {
      for (;;) {
        const last = Math.max(
          (window as unknown as { benchLastMutation: number }).benchLastMutation,
          ...performance.getEntriesByType('resource').map((entry) => (entry as PerformanceResourceTiming).responseEnd),
          (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
        );
        if (performance.now() - last >= quiet) return last;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }, QUIET_MS);
    const ran = await page.evaluate(() => document.querySelector('li.thumbnail sc-check') !== null);
    if (ran !== withExtension) throw new Error(`The extension ${ran ? 'ran' : 'did not run'} on ${baseUrl}`);
    return idle;
  } finally {
    await page.close();
  }
}

/** One warm-up each (caches, JIT), then `runs` of each, alternating so drift hits both alike. */
async function alternateLoads(
  first: () => Promise<number>,
  second: () => Promise<number>,
  runs: number,
): Promise<{ first: number; second: number; ratio: number }> {
  await first();
  await second();
  const times: { first: number[]; second: number[] } = { first: [], second: [] };
  for (let run = 0; run < runs; run += 1) {
    times.first.push(await first());
    times.second.push(await second());
  }
  return { first: median(times.first), second: median(times.second), ratio: median(times.first) / median(times.second) };
}

export async function runExtensionBenchmarks(): Promise<BenchFigure[]> {
  await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: root });
  const bundleKb = (await stat(`${root}build/content.js`)).size / 1024;
  const figures: BenchFigure[] = [
    {
      name: 'extension content script, minified',
      value: round(bundleKb, 1),
      unit: 'KB',
      budget: `<= ${BUNDLE_BUDGET_KB}`,
      pass: bundleKb <= BUNDLE_BUDGET_KB,
      detail: 'build/content.js',
    },
  ];

  const demo = await startDemoServer();
  const plainUrl = new URL(demo.baseUrl);
  plainUrl.hostname = PLAIN_HOST;
  const baseUrls = { with: demo.baseUrl, without: plainUrl.origin };
  const args = [`--host-resolver-rules=MAP ${PLAIN_HOST} 127.0.0.1`];
  const [browser, plainBrowser] = await Promise.all([launchBrowser({ extensionDir: root, args }), launchBrowser({ args })]);
  try {
    const page = await browser.newPage();
    await signIn(page, baseUrls.with);
    const range = await shiftRangeTimings(page);
    await signIn(page, baseUrls.without);
    await page.close();
    const plainPage = await plainBrowser.newPage();
    await signIn(plainPage, baseUrls.without);
    await plainPage.close();
    figures.push({
      name: `Shift-range selection across ${THUMBNAILS} thumbnails`,
      value: round(range.handler),
      unit: 'ms',
      budget: `<= ${FRAME_MS}`,
      pass: range.handler <= FRAME_MS,
      detail: `median of ${RUNS}: click handlers ${round(range.handler)} ms, with style and layout ${round(range.frame)} ms (headless Chromium)`,
    });

    const withExtension = await alternateLoads(
      () => loadToIdle(browser, baseUrls.with, true),
      () => loadToIdle(browser, baseUrls.without, false),
      LOAD_RUNS,
    );
    // The control: does the extension's mere presence slow a page it does not run on? Two
    // browsers, so expect their own variance in it.
    const presence = await alternateLoads(
      () => loadToIdle(browser, baseUrls.without, false),
      () => loadToIdle(plainBrowser, baseUrls.without, false),
      PRESENCE_RUNS,
    );
    figures.push({
      name: 'catalog load-to-idle, with / without the extension',
      value: round(withExtension.ratio),
      unit: 'x baseline',
      budget: `<= ${LOAD_RATIO_BUDGET.toFixed(2)}`,
      pass: withExtension.ratio <= LOAD_RATIO_BUDGET,
      detail:
        `median of ${LOAD_RUNS}: ${round(withExtension.first, 1)} ms with, ${round(withExtension.second, 1)} ms without, in one browser ` +
        `(the same server under a host name the extension does not run on; idle = ${QUIET_MS} ms without DOM changes or responses); ` +
        `control, that host in this browser against a browser without the extension: ${round(presence.ratio)} (median of ${PRESENCE_RUNS})`,
    });
  } finally {
    await Promise.all([browser.close(), plainBrowser.close()]);
    await demo.close();
  }
  return figures;
}
