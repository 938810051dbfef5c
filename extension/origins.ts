/**
 * Turning what an administrator types in the options page into a DAM origin, the host
 * permission pattern to request, and the id of the content script registered for it.
 * Pure but for its messages (from `_locales`), so the rules are unit-tested.
 */
import { t } from './i18n.js';

export interface DamOrigin {
  /** e.g. `https://dam.example.com:8443` */
  origin: string;
  /** Match pattern for `permissions.request` and `registerContentScripts`; any path. */
  pattern: string;
  /** Registered content script id; the origin is recoverable from it. */
  scriptId: string;
}

const SCRIPT_ID_PREFIX = 'sc-origin:';

/** Parses `dam.example.com`, `https://dam.example.com/catalog`, ...; throws with a readable message. */
export function parseDamOrigin(input: string): DamOrigin {
  const text = input.trim();
  if (text === '') throw new Error(t('originEmpty'));
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new Error(t('originNotAddress', text));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(t('originScheme'));
  if (url.username || url.password) throw new Error(t('originCredentials'));
  // Match patterns have no port: a pattern matches every port of its host.
  return { origin: url.origin, pattern: `${url.protocol}//${url.hostname}/*`, scriptId: `${SCRIPT_ID_PREFIX}${url.protocol}//${url.hostname}` };
}

/** The origin a registered script serves, or undefined for scripts this module did not name. */
export function originOfScriptId(scriptId: string): string | undefined {
  return scriptId.startsWith(SCRIPT_ID_PREFIX) ? scriptId.slice(SCRIPT_ID_PREFIX.length) : undefined;
}

/**
 * The match patterns the manifest's own content scripts cover: the demo origins in the
 * development build, none in a store build (there every DAM, a local one too, is added here).
 */
export function builtInPatterns(manifest: { content_scripts?: { matches?: string[] }[] }): string[] {
  return manifest.content_scripts?.flatMap((script) => script.matches ?? []) ?? [];
}
