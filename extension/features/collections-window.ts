/**
 * `Shared Collections` in the thumbnail window's `More actions` menu opens the window where
 * owners (and administrators, for everyone's) manage collections. Choosing a collection
 * shows its contents in the thumbnail area (`collection-contents`).
 */
import { features } from '../feature-manager.js';
import { selectors } from '../host-profile.js';
import { ensureMenuItem } from '../host-menu.js';
import { t } from '../i18n.js';
import { canShare } from '../session.js';
import { observe } from '../selector-observer.js';
import { openCollectionsWindow } from '../ui/collections-window.js';
import { viewState } from '../view-state.js';

features.add('collections-window', async ({ signal }) => {
  if (!(await canShare())) return;
  observe(
    selectors.windowMenu,
    (menu) =>
      ensureMenuItem(menu, 'collections', t('sharedCollections'), () => openCollectionsWindow((collection) => viewState.show({ kind: 'collection', collection })), signal),
    { signal },
  );
});
