/**
 * Shows a shared collection's contents in the thumbnail area (guide, "How to display the
 * contents of a shared collection"): the host's grid and pager are hidden, not replaced,
 * and the collection's files are rendered in the host's own thumbnail markup, so selection
 * checkboxes and the host's menus (Edit Tags) work on them. Paged, with `Back to catalog`.
 */
import type { CollectionJson } from '../../shared/api-types.js';
import { api } from '../api.js';
import { features } from '../feature-manager.js';
import { createGrid, createThumbnail, hostEvents, selectors } from '../host-profile.js';
import { formatNumber, plural, t } from '../i18n.js';
import { prefixed } from '../prefix.js';
import { el } from '../ui/dom.js';
import { createIsland } from '../ui/layer.js';
import { showError } from '../ui/notice.js';
import { BAR_STYLES } from '../ui/styles.js';
import { HIDDEN_ATTRIBUTE, viewState } from '../view-state.js';

const PAGE_SIZE = 100;

interface Shown {
  id: number;
  page: number;
  container: HTMLElement;
}

let shown: Shown | undefined;

/** The host's grid, its pager and its file count, which would speak of the catalog, not the collection. */
function setHostHidden(hidden: boolean): void {
  for (const selector of [selectors.thumbnailGrid, selectors.pager, selectors.toolbarStatus]) {
    // The host's come first: the extension's grid is inserted after the host's, its pager is in a shadow root.
    document.querySelector(`${selectors.thumbnailWindow} ${selector}`)?.toggleAttribute(HIDDEN_ATTRIBUTE, hidden);
  }
}

function leave(): void {
  shown?.container.remove();
  shown = undefined;
  setHostHidden(false);
}

async function show(collection: CollectionJson, page: number): Promise<void> {
  const detail = await api.get(collection.id, page, PAGE_SIZE);
  const pageCount = Math.max(1, Math.ceil(detail.assets.total / PAGE_SIZE));
  if (page > pageCount) return show(detail, pageCount);
  const grid = createGrid(t('filesIn', detail.title));
  grid.append(...detail.assets.items.map(createThumbnail));

  const heading = el('strong', { tabindex: '-1' }, t('collectionHeading', [detail.title, plural('fileCount', detail.assets.total)]));
  const back = el('button', { type: 'button', onclick: () => viewState.show({ kind: 'catalog' }) }, t('backToCatalog'));
  const banner = createIsland('banner', BAR_STYLES);
  banner.root.append(el('div', { class: 'bar', role: 'region', 'aria-label': t('sharedCollectionContents') }, back, heading));
  const pager = createIsland('pager', BAR_STYLES);
  const go = (target: number) => void show(detail, target).catch(showError);
  pager.root.append(
    el(
      'nav',
      { class: 'bar', 'aria-label': t('collectionPages') },
      el('button', { type: 'button', disabled: page <= 1, onclick: () => go(page - 1) }, t('previousPage')),
      el('span', {}, t('pageStatus', [formatNumber(page), formatNumber(pageCount)])),
      el('button', { type: 'button', disabled: page >= pageCount, onclick: () => go(page + 1) }, t('nextPage')),
    ),
  );

  const container = el('div', { class: prefixed('grid') }, banner.host, grid, pager.host);
  const hostGrid = document.querySelector(`${selectors.thumbnailWindow} ${selectors.thumbnailGrid}`);
  if (!hostGrid || viewState.current.kind !== 'collection' || viewState.current.collection.id !== collection.id) return;
  shown?.container.remove();
  setHostHidden(true);
  hostGrid.after(container);
  shown = { id: collection.id, page, container };
  heading.focus();
}

features.add('collection-contents', ({ signal }) => {
  viewState.onChange(
    () => {
      const view = viewState.current;
      if (view.kind === 'catalog') return leave();
      // A refresh of the same collection (files removed) stays on its page when it still exists.
      const page = shown?.id === view.collection.id ? shown.page : 1;
      show(view.collection, page).catch((error) => {
        showError(error);
        if (shown === undefined) viewState.show({ kind: 'catalog' });
      });
    },
    { signal },
  );
  // Paging or searching the catalog re-renders the host grid: the catalog is wanted again.
  document.addEventListener(hostEvents.gridRendered, () => viewState.current.kind === 'collection' && viewState.show({ kind: 'catalog' }), { signal });
  signal.addEventListener('abort', leave, { once: true });
});
