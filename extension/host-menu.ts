/** Items the extension adds to the host's three-dots menus, in the host's own markup and style. */
import { closeMenu, menuItemMarkup, selectors } from './host-profile.js';
import { renderMarkup } from './markup.js';
import { prefixedAttribute } from './prefix.js';

const ITEM_ATTRIBUTE = prefixedAttribute('item');

export interface MenuItemOptions {
  /** The item's accessible name, and its text unless it shows an icon. */
  label: string;
  /** An icon-only item (the guide's share icon): the label becomes its name and tooltip. */
  icon?: Element;
  run: () => void;
}

/**
 * Adds (once) the item `name` to `menu`; choosing it closes the menu and runs `run`.
 * Returns the item so callers can show or hide it.
 */
export function ensureMenuItem(menu: Element, name: string, { label, icon, run }: MenuItemOptions, signal: AbortSignal): HTMLElement {
  const existing = menu.querySelector<HTMLElement>(`[${ITEM_ATTRIBUTE}="${name}"]`);
  if (existing) return existing;
  const item = renderMarkup(menuItemMarkup(icon ? '' : label, { [ITEM_ATTRIBUTE]: name, ...(icon ? { 'aria-label': label, title: label } : {}) }));
  if (icon) item.append(icon);
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
