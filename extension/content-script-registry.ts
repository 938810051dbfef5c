/**
 * The DAM origins an administrator added in the options page: each is an optional host
 * permission plus a content script registered at run time (persisted across sessions), so
 * the extension runs there without a new release.
 */
import browser from 'webextension-polyfill';
import { type DamOrigin, originOfScriptId } from './origins.js';

/**
 * The content script bundle (the development manifest also loads it for the demo origins).
 * From the extension's root: Firefox resolves a relative path against the calling page
 * (build/options.html), and registered `build/build/content.js`, which does not exist.
 */
const CONTENT_SCRIPT = '/build/content.js';

export interface RegisteredOrigin {
  origin: string;
  scriptId: string;
  pattern: string;
}

export async function listDamOrigins(): Promise<RegisteredOrigin[]> {
  const scripts = await browser.scripting.getRegisteredContentScripts();
  return scripts.flatMap((script) => {
    const origin = originOfScriptId(script.id);
    const pattern = script.matches?.[0];
    return origin && pattern ? [{ origin, scriptId: script.id, pattern }] : [];
  });
}

/**
 * Asks for the host permission and registers the content script. Call it straight from a
 * click handler: browsers grant permission requests only during a user gesture.
 * Resolves false when the user declines.
 */
export async function addDamOrigin(dam: DamOrigin): Promise<boolean> {
  const granted = await browser.permissions.request({ origins: [dam.pattern] });
  if (!granted) return false;
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [dam.scriptId] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [dam.scriptId] });
  await browser.scripting.registerContentScripts([
    { id: dam.scriptId, matches: [dam.pattern], js: [CONTENT_SCRIPT], runAt: 'document_idle', persistAcrossSessions: true },
  ]);
  return true;
}

export async function removeDamOrigin(registered: RegisteredOrigin): Promise<void> {
  await browser.scripting.unregisterContentScripts({ ids: [registered.scriptId] });
  // Browsers refuse to drop a host the manifest itself requires; the script is gone either way.
  await browser.permissions.remove({ origins: [registered.pattern] }).catch(() => false);
}

/** Unregisters scripts whose permission the user revoked in the browser's own settings. */
export async function pruneRevokedOrigins(): Promise<void> {
  for (const registered of await listDamOrigins()) {
    if (!(await browser.permissions.contains({ origins: [registered.pattern] }))) {
      await browser.scripting.unregisterContentScripts({ ids: [registered.scriptId] });
    }
  }
}
