/**
 * The `Shared Collections` window: one tile per collection the user may manage (all of them
 * for administrators, with owners' names). Edit, delete and get-link act in place and the
 * list refreshes; choosing a tile hands the collection to `display` and closes the window.
 */
import type { CollectionJson } from '../../shared/api-types.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { getSession } from '../session.js';
import { renderTile } from './collection-tile.js';
import { confirmDialog } from './confirm-dialog.js';
import { el } from './dom.js';
import { openLinkDialog } from './link-dialog.js';
import { focusFirst, openModal } from './modal.js';
import { describeError, showError, showNotice } from './notice.js';
import { openShareDialog } from './share-dialog.js';

export function openCollectionsWindow(display: (collection: CollectionJson) => void): void {
  const modal = openModal({ title: t('sharedCollections'), wide: true });
  const close = el('button', { type: 'button', onclick: () => modal.close() }, t('close'));
  const list = el('ul', { class: 'tiles', 'aria-label': t('sharedCollections') });
  const status = el('p', { class: 'empty', role: 'status' }, t('loading'));
  const header = el('div', { class: 'window-header' }, modal.heading, close);
  modal.dialog.prepend(header);
  modal.body.append(status, list);

  const actions = {
    display(collection: CollectionJson) {
      modal.close();
      display(collection);
    },
    getLink: openLinkDialog,
    async edit(collection: CollectionJson) {
      if (await openShareDialog({ collection })) {
        showNotice(t('saved'));
        await refresh();
      }
    },
    async remove(collection: CollectionJson) {
      const confirmed = await confirmDialog({ title: t('deleteTitle'), message: t('deleteMessage', collection.title), confirm: t('delete') });
      if (!confirmed) return;
      try {
        await api.remove(collection.id);
        showNotice(t('deleted', collection.title));
      } catch (error) {
        showError(error);
      }
      await refresh();
    },
  };

  async function refresh(): Promise<void> {
    try {
      const [session, collections] = await Promise.all([getSession(), api.list()]);
      list.replaceChildren(...collections.map((collection) => renderTile(collection, actions, session.permissions.manageAll)));
      status.textContent = collections.length === 0 ? t('noCollections') : '';
    } catch (error) {
      status.textContent = describeError(error);
    }
  }

  focusFirst(modal, close);
  void refresh();
}
