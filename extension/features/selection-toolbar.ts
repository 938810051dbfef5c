/**
 * The selection's controls in the host toolbar's slot: a visible count, `Select displayed
 * files` (the guide: select one item, then this) and `Clear selection`. Shown once anything
 * is selected, so an unused catalog page looks exactly as before.
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

features.add('selection-toolbar', ({ signal }) => {
  observe(
    selectors.toolbarSlot,
    (slot) => {
      const count = el('span', { class: 'count', role: 'status' });
      const bar = el(
        'div',
        { class: 'bar', role: 'group', 'aria-label': t('selectionToolbar') },
        count,
        el('button', { type: 'button', onclick: () => selection.update((model) => model.set(displayedIds(), true)) }, t('selectDisplayed')),
        el('button', { type: 'button', onclick: () => selection.update((model) => model.clear()) }, t('clearSelection')),
      );
      const render = () => {
        const size = selection.current.size;
        bar.hidden = size === 0;
        count.textContent = size === 0 ? '' : t('selectedCount', String(size));
      };
      const { host, root } = createIsland('toolbar', BAR_STYLES);
      root.append(bar);
      slot.append(host);
      render();
      selection.addEventListener('change', render, { signal });
      signal.addEventListener('abort', () => host.remove(), { once: true });
    },
    { signal },
  );
});
