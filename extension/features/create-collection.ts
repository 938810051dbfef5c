/**
 * The two ways into `Share Files` (guide, "How to create a shared collection"): the share
 * icon in a selected thumbnail's `Item actions` menu, and `Create Shared Collection` in the
 * thumbnail window's `More actions` menu. Then the `Shared link` dialog. Editors and
 * administrators only.
 */
import { features } from '../feature-manager.js';
import { isThumbnailSelected, menuKind, selectors } from '../host-profile.js';
import { ensureMenuItem } from '../host-menu.js';
import { t } from '../i18n.js';
import { selection } from '../selection-store.js';
import { canShare } from '../session.js';
import { observe } from '../selector-observer.js';
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

/** Thumbnail menus are many and rendered on every page: the item is added when one opens. */
function onMenuButton(event: Event, signal: AbortSignal): void {
  const button = (event.target as Element | null)?.closest?.(selectors.menuButton);
  if (!button || menuKind(button) !== 'item') return;
  const anchor = button.closest(selectors.menuAnchor);
  const menu = anchor?.querySelector(selectors.menu);
  const thumbnail = button.closest(selectors.thumbnail);
  if (!menu || !thumbnail) return;
  const item = ensureMenuItem(menu, 'create-item', { label: t('createSharedCollection'), icon: icon(ICONS.share, 16), run: () => void createFromSelection() }, signal);
  item.hidden = !isThumbnailSelected(thumbnail);
}

features.add('create-collection', async ({ signal }) => {
  if (!(await canShare())) return;
  // Capture phase: the item must be in place before the host's own listener opens the menu.
  document.addEventListener('click', (event) => onMenuButton(event, signal), { capture: true, signal });
  observe(
    selectors.windowMenu,
    (menu) => ensureMenuItem(menu, 'create-window', { label: t('createSharedCollection'), run: () => void createFromSelection() }, signal),
    { signal },
  );
});
