/**
 * Messages in the corner of the page: errors stay until dismissed (an API refusal is never
 * silent), information fades after a few seconds. Announced through live regions.
 */
import { isApiError } from '../api.js';
import { type MessageKey, t } from '../i18n.js';
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

/** The API's error codes the extension words itself, in the UI language; the server's messages are English. */
const CODE_MESSAGES: Partial<Record<string, MessageKey>> = {
  forbidden: 'errorForbidden',
  not_found: 'errorNotFound',
  conflict: 'conflict',
  payload_too_large: 'errorTooLarge',
  rate_limited: 'errorRateLimited',
  unavailable: 'errorUnavailable',
};

/**
 * The words for any failure: a sign-in prompt for 401, the extension's own message for a
 * request that got no answer (status 0) and for the error codes it knows, else the server's
 * (a validation detail).
 */
export function describeError(error: unknown): string {
  if (!isApiError(error)) return t('unexpectedError');
  if (error.status === 401) return t('signInAgain');
  const key = error.status === 0 ? undefined : CODE_MESSAGES[error.code];
  return key ? t(key) : error.message;
}

export function showError(error: unknown): void {
  if (!isApiError(error)) console.error('Shared Collections:', error);
  const signIn = isApiError(error) && error.status === 401;
  showNotice(describeError(error), {
    kind: 'error',
    ...(signIn ? { action: { label: t('signIn'), run: () => location.reload() } } : {}),
  });
}
