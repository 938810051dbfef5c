/**
 * The extension's words, from `_locales/<lang>/messages.json`, so they can be translated.
 * `chrome.i18n` is synchronous and present in Chrome and Firefox alike, so the content
 * script, which uses no other extension API, need not load and run webextension-polyfill.
 */
import type messages from '../_locales/en/messages.json';

declare const chrome: { i18n: { getMessage(key: string, substitutions?: string | string[]): string } };

export type MessageKey = keyof typeof messages;

/** @example t('removeFrom', title) // 'Remove from Trip' */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return chrome.i18n.getMessage(key, substitutions) || key;
}

/** `1 failed unlock attempt`, `3 failed unlock attempts`. */
export function failedUnlockCount(count: number): string {
  return count === 1 ? t('failedUnlocksOne') : t('failedUnlocks', String(count));
}

/** `1 file`, `3 files`. */
export function fileCount(count: number): string {
  return count === 1 ? t('fileCountOne') : t('fileCount', String(count));
}
