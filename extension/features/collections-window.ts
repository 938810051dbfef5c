/**
 * `Shared Collections` in the thumbnail window's `More actions` menu opens the window where
 * owners (and administrators, for everyone's) manage collections. Choosing a collection
 * shows its contents in the thumbnail area (`collection-contents`).
 */
import type { CollectionJson } from '../../shared/api-types.js';
import { features } from '../feature-manager.js';
import { ensureMenuItem, onMenuButton } from '../host-menu.js';
import { t } from '../i18n.js';
import { offerIfAllowed } from '../session.js';
import { openCollectionsWindow } from '../ui/collections-window.js';
import { viewState } from '../view-state.js';

features.add('collections-window', ({ signal }) => {
  const display = (collection: CollectionJson) => viewState.show({ kind: 'collection', collection });
  onMenuButton((menu, kind) => {
    if (kind !== 'window') return;
    offerIfAllowed(signal, () => ensureMenuItem(menu, 'collections', { label: t('sharedCollections'), run: () => openCollectionsWindow(display) }, signal));
  }, signal);
});
