/**
 * The selection's controls in the host toolbar's slot: a visible count, `Select displayed
 * files` (the guide: select one item, then this) and `Clear selection`. Built the first time
 * anything is selected and hidden whenever nothing is, so an unused catalog page looks, and
 * loads, exactly as before.
 */
import { features } from '../feature-manager.js';
import { selectors } from '../host-profile.js';
import { t } from '../i18n.js';
import { selection } from '../selection-store.js';
import { observe } from '../selector-observer.js';
import { displayedIds } from '../thumbnails.js';
import { el } from '../ui/dom.js';
import { createIsland } from '../ui/layer.js';
import { BAR_STYLES } from '../ui/styles.js';

/** Puts the controls into `slot`; returns what brings them up to date with the selection. */
function mountToolbar(slot: HTMLElement, signal: AbortSignal): () => void {
  const count = el('span', { class: 'count', role: 'status' });
  const bar = el(
    'div',
    { class: 'bar', role: 'group', 'aria-label': t('selectionToolbar') },
    count,
    el('button', { type: 'button', onclick: () => selection.update((model) => model.set(displayedIds(), true)) }, t('selectDisplayed')),
    el('button', { type: 'button', onclick: () => selection.update((model) => model.clear()) }, t('clearSelection')),
  );
  const { host, root } = createIsland('toolbar', BAR_STYLES);
  root.append(bar);
  slot.append(host);
  signal.addEventListener('abort', () => host.remove(), { once: true });
  return () => {
    const size = selection.current.size;
    bar.hidden = size === 0;
    count.textContent = size === 0 ? '' : t('selectedCount', String(size));
  };
}

features.add('selection-toolbar', ({ signal }) => {
  observe(
    selectors.toolbarSlot,
    (slot) => {
      let render: (() => void) | undefined;
      const update = () => {
        if (!render && selection.current.size === 0) return;
        render ??= mountToolbar(slot, signal);
        render();
      };
      update();
      selection.addEventListener('change', update, { signal });
    },
    { signal },
  );
});
