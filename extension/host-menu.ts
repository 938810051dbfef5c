/** Items the extension adds to the host's three-dots menus, in the host's own markup and style. */
import { closeMenu, menuItemMarkup, selectors } from './host-profile.js';
import { renderMarkup } from './markup.js';
import { prefixedAttribute } from './prefix.js';

const ITEM_ATTRIBUTE = prefixedAttribute('item');

/**
 * Adds (once) the item `name` to `menu`; choosing it closes the menu and runs `run`.
 * Returns the item so callers can show or hide it.
 */
export function ensureMenuItem(menu: Element, name: string, label: string, run: () => void, signal: AbortSignal): HTMLElement {
  const existing = menu.querySelector<HTMLElement>(`[${ITEM_ATTRIBUTE}="${name}"]`);
  if (existing) return existing;
  const item = renderMarkup(menuItemMarkup(label, { [ITEM_ATTRIBUTE]: name }));
  item.addEventListener(
    'click',
    () => {
      const anchor = item.closest(selectors.menuAnchor);
      if (anchor) closeMenu(anchor);
      run();
    },
    { signal },
  );
  signal.addEventListener('abort', () => item.remove(), { once: true });
  menu.append(item);
  return item;
}
