/** The extension's words, from `_locales/<lang>/messages.json`, so they can be translated. */
import browser from 'webextension-polyfill';
import type messages from '../_locales/en/messages.json';

export type MessageKey = keyof typeof messages;

/** @example t('removeFrom', title) // 'Remove from Trip' */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** `1 file`, `3 files`. */
export function fileCount(count: number): string {
  return count === 1 ? t('fileCountOne') : t('fileCount', String(count));
}
