/** The `Shared link` dialog: the link in a read-only field, `Copy link` (confirmed) and `Open`. */
import type { CollectionJson } from '../../shared/api-types.js';
import { t } from '../i18n.js';
import { el } from './dom.js';
import { textField } from './form-fields.js';
import { focusFirst, openModal } from './modal.js';

export function openLinkDialog(collection: CollectionJson): void {
  const modal = openModal({ title: t('sharedLink') });
  const link = textField(t('link'), el('input', { type: 'url', readonly: true, value: collection.url }));
  const status = el('div', { class: 'status', role: 'status' });
  const copy = el('button', { type: 'button', class: 'primary' }, t('copyLink'));
  const open = el('button', { type: 'button', onclick: () => window.open(collection.url, '_blank', 'noopener') }, t('open'));
  const close = el('button', { type: 'button', onclick: () => modal.close() }, t('close'));

  copy.addEventListener('click', async () => {
    status.textContent = (await copyText(link.control)) ? t('linkCopied') : t('copyFailed');
  });
  link.control.addEventListener('focus', () => link.control.select());

  modal.body.append(
    el('p', { class: 'hint' }, collection.title),
    link.wrapper,
    status,
    el('div', { class: 'actions' }, close, open, copy),
  );
  focusFirst(modal, copy);
}

/** The async clipboard needs a focused, permitted document; the selection copy is the fallback. */
async function copyText(input: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    input.select();
    return document.execCommand('copy');
  }
}
