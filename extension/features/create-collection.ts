/**
 * The two ways into `Share Files` (guide, "How to create a shared collection"): the share
 * icon in a selected thumbnail's `Item actions` menu, and `Create Shared Collection` in the
 * thumbnail window's `More actions` menu. Then the `Shared link` dialog. Editors and
 * administrators only.
 */
import { features } from '../feature-manager.js';
import { isThumbnailSelected, selectors } from '../host-profile.js';
import { ensureMenuItem, onMenuButton } from '../host-menu.js';
import { t } from '../i18n.js';
import { selection } from '../selection-store.js';
import { offerIfAllowed } from '../session.js';
import { icon, ICONS } from '../ui/dom.js';
import { openLinkDialog } from '../ui/link-dialog.js';
import { showNotice } from '../ui/notice.js';
import { openShareDialog } from '../ui/share-dialog.js';

async function createFromSelection(): Promise<void> {
  const assetIds = selection.current.ids();
  if (assetIds.length === 0) {
    showNotice(t('nothingSelected'), { kind: 'error' });
    return;
  }
  const collection = await openShareDialog({ assetIds });
  if (collection) openLinkDialog(collection);
}

features.add('create-collection', ({ signal }) => {
  onMenuButton((menu, kind, button) => {
    offerIfAllowed(signal, () => {
      if (kind === 'window') {
        ensureMenuItem(menu, 'create-window', { label: t('createSharedCollection'), run: () => void createFromSelection() }, signal);
        return;
      }
      const thumbnail = button.closest(selectors.thumbnail);
      if (!thumbnail) return;
      const item = ensureMenuItem(menu, 'create-item', { label: t('createSharedCollection'), icon: icon(ICONS.share, 16), run: () => void createFromSelection() }, signal);
      item.hidden = !isThumbnailSelected(thumbnail);
    });
  }, signal);
});
