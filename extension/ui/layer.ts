/**
 * The extension's own layer over the host page: one fixed, zero-size element holding a
 * shadow root, so dialogs, windows and messages neither inherit host styles nor leak ours,
 * and nothing shifts the host's layout.
 */
import { uiLanguage } from '../i18n.js';
import { prefixed } from '../prefix.js';
import { STYLES } from './styles.js';

let root: ShadowRoot | undefined;

export function getLayer(): ShadowRoot {
  if (root?.host.isConnected) return root;
  const host = document.createElement(prefixed('layer'));
  host.setAttribute('style', 'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483000;');
  // The extension speaks the browser's language, whatever the host page's is.
  host.lang = uiLanguage();
  root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = STYLES;
  root.append(style);
  // In the body, where the page's content is: accessibility tools (axe's colour-contrast
  // check among them) look for rendered content there, and a layer beside it is invalid HTML.
  (document.body ?? document.documentElement).append(host);
  return root;
}

/** Attaches a shadow root with `css` to a new element placed inside host markup. */
export function createIsland(name: string, css: string): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(prefixed(name));
  host.lang = uiLanguage();
  const islandRoot = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  islandRoot.append(style);
  return { host, root: islandRoot };
}

/** The focused element, looking inside shadow roots (ours are open). */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
