/**
 * The selection's controls in the host toolbar's slot: a visible count, `Select displayed
 * files` (the guide: select one item, then this) and `Clear selection`. Built the first time
 * anything is selected and hidden whenever nothing is, so an unused catalog page looks, and
 * loads, exactly as before.
 */
import { features } from '../feature-manager.js';
import { selectors } from '../host-profile.js';
import { plural, t } from '../i18n.js';
import { selection } from '../selection-store.js';
import { observe } from '../selector-observer.js';
import { displayedIds } from '../thumbnails.js';
import { el } from '../ui/dom.js';
import { createIsland } from '../ui/layer.js';
import { injectPageStyles, WRAP_ATTRIBUTE } from '../ui/page-styles.js';
import { BAR_STYLES } from '../ui/styles.js';

/** How long a new live region is in the page before its first text (see `update` below). */
const LIVE_REGION_DELAY_MILLISECONDS = 100;

/** Puts the controls into `slot`, count empty; returns what brings them up to date with the selection. */
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
  // The host's row was laid out for its own controls: on a phone ours would push it past the screen's edge.
  const toolbar = slot.closest(selectors.toolbar);
  injectPageStyles();
  toolbar?.setAttribute(WRAP_ATTRIBUTE, '');
  signal.addEventListener('abort', () => (host.remove(), toolbar?.removeAttribute(WRAP_ATTRIBUTE)), { once: true });
  return () => {
    const size = selection.current.size;
    bar.hidden = size === 0;
    count.textContent = size === 0 ? '' : plural('selectedCount', size);
  };
}

features.add('selection-toolbar', ({ signal }) => {
  observe(
    selectors.toolbarSlot,
    (slot) => {
      let render: (() => void) | undefined;
      const update = () => {
        if (render) return render();
        if (selection.current.size === 0) return;
        const mounted = mountToolbar(slot, signal);
        render = mounted;
        // The count is a live region: screen readers announce a change to one already in the
        // page, not one added with its text, so the first count follows once it is there.
        setTimeout(mounted, LIVE_REGION_DELAY_MILLISECONDS);
      };
      update();
      selection.onChange(update, { signal });
    },
    { signal },
  );
});
