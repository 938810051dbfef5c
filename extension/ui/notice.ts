/**
 * Messages in the corner of the page: errors stay until dismissed (an API refusal is never
 * silent), information fades after a few seconds. Announced through live regions.
 */
import { isApiError } from '../api.js';
import { t } from '../i18n.js';
import { el } from './dom.js';
import { getLayer } from './layer.js';

interface NoticeOptions {
  kind?: 'info' | 'error';
  action?: { label: string; run: () => void };
}

const INFO_MILLISECONDS = 6000;

function getContainer(): HTMLElement {
  const layer = getLayer();
  const existing = layer.querySelector<HTMLElement>('.notices');
  if (existing) return existing;
  const container = el('div', { class: 'notices' });
  layer.append(container);
  return container;
}

export function showNotice(message: string, { kind = 'info', action }: NoticeOptions = {}): void {
  const notice = el('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, el('p', {}, message));
  const dismiss = () => notice.remove();
  if (action) notice.append(el('button', { type: 'button', onclick: () => (dismiss(), action.run()) }, action.label));
  notice.append(el('button', { type: 'button', onclick: dismiss }, t('dismiss')));
  getContainer().append(notice);
  if (kind === 'info') setTimeout(dismiss, INFO_MILLISECONDS);
}

/** The words for any failure: the server's own message, or a sign-in prompt for 401. */
export function describeError(error: unknown): string {
  if (isApiError(error)) return error.status === 401 ? t('signInAgain') : error.message;
  return t('unexpectedError');
}

export function showError(error: unknown): void {
  if (!isApiError(error)) console.error('Shared Collections:', error);
  const signIn = isApiError(error) && error.status === 401;
  showNotice(describeError(error), {
    kind: 'error',
    ...(signIn ? { action: { label: t('signIn'), run: () => location.reload() } } : {}),
  });
}
