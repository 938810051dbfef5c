// @ts-check
/**
 * The manifest each browser build carries, derived from the one `manifest.json` at the
 * repository root (what developers load unpacked), so no second copy can drift from it.
 * Pure: `store-manifests.test.ts` checks every rule.
 *
 * @example
 * const root = JSON.parse(await readFile('manifest.json', 'utf8'));
 * await writeFile('dist/stage/firefox/manifest.json', JSON.stringify(deriveManifest(root, TARGETS.firefox)));
 */

/** @typedef {{ browser: 'chrome' | 'firefox', store: boolean }} Target */
/** @typedef {{ matches: string[] } & Record<string, unknown>} ContentScript */
/** @typedef {Record<string, any>} Manifest a parsed manifest.json; only the fields below are read */

/** What the build writes: the two store packages, and Firefox's unpacked development variant. */
export const TARGETS = /** @type {const} */ ({
  chrome: { browser: 'chrome', store: true },
  firefox: { browser: 'firefox', store: true },
  'firefox-dev': { browser: 'firefox', store: false },
});

/**
 * A match pattern for this machine (`http://127.0.0.1/*`, `*://localhost/*`): developers want
 * the demo DAM to work out of the box, but a store build must not run on every local server.
 *
 * @param {string} pattern
 */
export function isLocalPattern(pattern) {
  return /^(\*|https?):\/\/(localhost|127\.0\.0\.1|\[::1\])\//.test(pattern);
}

/**
 * @param {Manifest} manifest the root manifest.json
 * @param {Target} target
 * @returns {Manifest} a new manifest; `manifest` is left as it was
 */
export function deriveManifest(manifest, { browser, store }) {
  const { service_worker: serviceWorker, scripts } = manifest.background ?? {};
  if (!serviceWorker || !scripts) throw new Error('manifest.json needs background.service_worker (Chrome) and background.scripts (Firefox).');
  const derived = structuredClone(manifest);
  if (browser === 'chrome') {
    // Chrome 121+ ignores `scripts` beside a worker; its store build carries only what it reads.
    derived.background = { service_worker: serviceWorker };
    delete derived.browser_specific_settings;
  } else {
    // Firefox has no extension service workers: its background is an event page of these scripts.
    derived.background = { scripts };
    delete derived.minimum_chrome_version;
    // `key` fixes the Chrome id of an unpacked load; Firefox's id is the gecko id.
    delete derived.key;
    if (!derived.browser_specific_settings?.gecko?.id) throw new Error('manifest.json needs browser_specific_settings.gecko.id: AMO and Firefox MV3 require it.');
  }
  if (store) {
    delete derived.key;
    const contentScripts = /** @type {ContentScript[]} */ (manifest.content_scripts ?? [])
      .map((script) => ({ ...script, matches: script.matches.filter((pattern) => !isLocalPattern(pattern)) }))
      .filter((script) => script.matches.length > 0);
    if (contentScripts.length > 0) derived.content_scripts = contentScripts;
    else delete derived.content_scripts;
  }
  return derived;
}

/**
 * Refuses to package when the two version fields disagree: the stores read one, npm the other.
 *
 * @param {{ version: string }} manifest
 * @param {{ version: string }} packageJson
 */
export function checkVersions(manifest, packageJson) {
  if (manifest.version !== packageJson.version) {
    throw new Error(`manifest.json is version ${manifest.version} but package.json is ${packageJson.version}: bump both together.`);
  }
}
