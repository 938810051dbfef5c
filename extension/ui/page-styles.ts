/**
 * The few rules that must live in the host document (they style host elements the extension
 * marks). Every selector is one of the extension's prefixed attributes, and `:where()` keeps
 * the positioning and wrapping rules weaker than any host rule, so the host's own layout always wins.
 * (Tags the extension adds use the host's markup, so the host's hover reveal of the X applies.)
 */
import { prefixed, prefixedAttribute } from '../prefix.js';
import { HIDDEN_ATTRIBUTE } from '../view-state.js';

export const SLOT_ATTRIBUTE = prefixedAttribute('slot');
/** On a host bar the extension adds controls to: it may wrap them onto a line of their own on a phone. */
export const WRAP_ATTRIBUTE = prefixedAttribute('wrap');

export function injectPageStyles(): void {
  const id = prefixed('page-styles');
  if (document.getElementById(id)) return;
  const style = document.createElement('style');
  style.id = id;
  style.textContent = `
:where([${SLOT_ATTRIBUTE}]) { position: relative; }
:where([${WRAP_ATTRIBUTE}]) { flex-wrap: wrap; }
[${HIDDEN_ATTRIBUTE}] { display: none !important; }
`;
  (document.head ?? document.documentElement).append(style);
}
