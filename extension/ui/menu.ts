/** A three-dots menu button: arrow keys move between items, Esc and a click outside close it. */
import { el, icon, ICONS, uniqueId } from './dom.js';

export interface MenuItem {
  label: string;
  run: () => void;
}

export function createMenu(label: string, items: readonly MenuItem[]): HTMLElement {
  const menuId = uniqueId('menu');
  const button = el('button', { type: 'button', class: 'quiet', 'aria-label': label, title: label, 'aria-haspopup': 'menu', 'aria-expanded': 'false' }, icon(ICONS.dots));
  const buttons = items.map((item) => el('button', { type: 'button', role: 'menuitem', tabindex: '-1', onclick: () => (setOpen(false), item.run()) }, item.label));
  const menu = el('div', { class: 'menu', role: 'menu', id: menuId, 'aria-label': label, hidden: true }, ...buttons);
  const anchor = el('div', { class: 'menu-anchor' }, button, menu);

  function setOpen(open: boolean): void {
    menu.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    // Only while the menu is shown: a reference to a hidden element is one a screen reader cannot follow.
    if (open) button.setAttribute('aria-controls', menuId);
    else button.removeAttribute('aria-controls');
    if (open) buttons[0]?.focus();
  }

  button.addEventListener('click', () => setOpen(menu.hidden));
  menu.addEventListener('keydown', (event) => {
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.stopPropagation();
      setOpen(false);
      button.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      buttons[(index + step + buttons.length) % buttons.length]?.focus();
    }
  });
  anchor.addEventListener('focusout', (event) => {
    if (!anchor.contains(event.relatedTarget as Node | null)) setOpen(false);
  });
  return anchor;
}
