/**
 * The few rules that must live in the host document (they style host elements the extension
 * marks). Every selector is one of the extension's prefixed attributes, and `:where()` keeps
 * the positioning rule weaker than any host rule, so the host's own layout always wins.
 */
import { prefixed, prefixedAttribute } from '../prefix.js';
import { HIDDEN_ATTRIBUTE } from '../view-state.js';

export const SLOT_ATTRIBUTE = prefixedAttribute('slot');
export const TAG_ATTRIBUTE = prefixedAttribute('tag');
export const REMOVE_ATTRIBUTE = prefixedAttribute('remove');

export function injectPageStyles(): void {
  const id = prefixed('page-styles');
  if (document.getElementById(id)) return;
  const style = document.createElement('style');
  style.id = id;
  style.textContent = `
:where([${SLOT_ATTRIBUTE}]) { position: relative; }
[${HIDDEN_ATTRIBUTE}] { display: none !important; }
[${TAG_ATTRIBUTE}] [${REMOVE_ATTRIBUTE}] { opacity: 0; transition: opacity 80ms; }
[${TAG_ATTRIBUTE}]:hover [${REMOVE_ATTRIBUTE}], [${TAG_ATTRIBUTE}]:focus-within [${REMOVE_ATTRIBUTE}] { opacity: 1; }
`;
  (document.head ?? document.documentElement).append(style);
}
