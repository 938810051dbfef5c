/** One collection in the Shared Collections window: cover, title, facts, and its actions. */
import type { CollectionJson } from '../../shared/api-types.js';
import { thumbnailUrl } from '../host-profile.js';
import { formatDate, plural, t } from '../i18n.js';
import { el, icon, ICONS, uniqueId } from './dom.js';
import { createMenu } from './menu.js';

export interface TileActions {
  display(collection: CollectionJson): void;
  getLink(collection: CollectionJson): void;
  edit(collection: CollectionJson): void;
  remove(collection: CollectionJson): void;
}

export function renderTile(collection: CollectionJson, actions: TileActions, showOwner: boolean): HTMLElement {
  const titleId = uniqueId('tile');
  const cover = collection.coverAssetId
    ? el('img', { class: 'tile-cover', src: thumbnailUrl(collection.coverAssetId), alt: '', loading: 'lazy' })
    : el('span', { class: 'tile-cover' });
  const open = el('button', { type: 'button', class: 'tile-open', onclick: () => actions.display(collection) }, cover);
  open.append(el('span', { class: 'tile-body' }, el('span', { class: 'tile-title', id: titleId }, collection.title)));

  const badges = el(
    'span',
    { class: 'badges' },
    collection.expired && el('span', { class: 'badge expired' }, t('expired')),
    el('span', { class: 'badge' }, collection.isPublic ? t('public') : t('private')),
    collection.hasPassword && el('span', { class: 'badge' }, icon(ICONS.lock), ` ${t('passwordProtected')}`),
    collection.allowDownload && el('span', { class: 'badge' }, t('downloadsAllowed')),
  );
  const expiry = collection.expiresAt
    ? t(collection.expired ? 'expiredOn' : 'expiresOn', formatDate(collection.expiresAt))
    : t('noExpiry');
  const facts = el(
    'div',
    { class: 'tile-body' },
    el('span', {}, plural('fileCount', collection.assetCount)),
    el('span', {}, expiry),
    el('span', {}, t('stats', [plural('viewCount', collection.stats.views), plural('downloadCount', collection.stats.downloads)])),
    collection.stats.failedUnlocks > 0 && el('span', { class: 'warning' }, plural('failedUnlocks', collection.stats.failedUnlocks)),
    showOwner && el('span', {}, t('ownerName', collection.owner.name)),
    badges,
  );
  const actionBar = el(
    'div',
    { class: 'tile-actions' },
    el('button', { type: 'button', class: 'quiet', 'aria-label': t('openInNewTab'), title: t('openInNewTab'), onclick: () => window.open(collection.url, '_blank', 'noopener') }, icon(ICONS.open)),
    el('button', { type: 'button', class: 'quiet', 'aria-label': t('getLinkAgain'), title: t('getLinkAgain'), onclick: () => actions.getLink(collection) }, icon(ICONS.link)),
    createMenu(t('moreOptions'), [
      { label: t('edit'), run: () => actions.edit(collection) },
      { label: t('delete'), run: () => actions.remove(collection) },
    ]),
  );
  return el('li', { class: 'tile', 'aria-labelledby': titleId }, open, facts, actionBar);
}
