/** Items the extension adds to the host's three-dots menus, in the host's own markup and style. */
import { closeMenu, createMenuItem, type HostMenuKind, menuKind, selectors } from './host-profile.js';
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
  const item = createMenuItem(icon ? '' : label, { [ITEM_ATTRIBUTE]: name, ...(icon ? { 'aria-label': label, title: label } : {}) });
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

/**
 * Calls `open` for every click on a host three-dots button, in the capture phase: items added
 * then are in place before the host's own listener shows the menu. Menus are many and most
 * never open, so nothing is added to them while the page loads.
 */
export function onMenuButton(open: (menu: Element, kind: HostMenuKind, button: Element) => void, signal: AbortSignal): void {
  document.addEventListener(
    'click',
    (event) => {
      const button = (event.target as Element | null)?.closest?.(selectors.menuButton);
      const kind = button ? menuKind(button) : undefined;
      const menu = button?.closest(selectors.menuAnchor)?.querySelector(selectors.menu);
      if (button && kind && menu) open(menu, kind, button);
    },
    { capture: true, signal },
  );
}
