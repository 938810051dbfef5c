/**
 * The extension's words, from `_locales/<lang>/messages.json`, so they can be translated.
 * `chrome.i18n` is synchronous and present in Chrome and Firefox alike, so the content
 * script, which uses no other extension API, need not load and run webextension-polyfill.
 */
import type messages from '../_locales/en/messages.json';

declare const chrome: { i18n: { getMessage(key: string, substitutions?: string | string[]): string; getUILanguage(): string } };

export type MessageKey = keyof typeof messages;

/** @example t('removeFrom', title) // 'Remove from Trip' */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return chrome.i18n.getMessage(key, substitutions) || key;
}

/** Names of messages with plural forms: `<name>_one`, `<name>_other`, ... */
export type PluralName = { [K in MessageKey]: K extends `${infer Name}_other` ? Name : never }[MessageKey];

/** The browser's UI language, which chose the messages: numbers, dates and plural forms follow it too. */
export function uiLanguage(): string {
  return chrome.i18n.getUILanguage();
}

/** @example formatNumber(1234) // '1,234' in English, '1.234' in German */
export function formatNumber(value: number): string {
  return value.toLocaleString(uiLanguage());
}

/** A calendar day as the UI language writes it. @example formatDate('2026-12-31T22:59:59Z') // 'Dec 31, 2026', '31.12.2026', '2026/12/31' */
export function formatDate(instant: string | Date): string {
  return new Date(instant).toLocaleDateString(uiLanguage(), { dateStyle: 'medium' });
}

let pluralRules: Intl.PluralRules | undefined;

/**
 * A count in words, in the form the browser's language gives that number: the message
 * `<name>_<CLDR category>` (`one`, `other`, and `few`, `many`... where a translation needs
 * them), or `<name>_other` when the translation has no such form.
 *
 * @example plural('fileCount', 1) // '1 file'; plural('fileCount', 3) // '3 files'
 */
export function plural(name: PluralName, count: number): string {
  pluralRules ??= new Intl.PluralRules(uiLanguage());
  const substitution = formatNumber(count);
  return chrome.i18n.getMessage(`${name}_${pluralRules.select(count)}`, substitution) || t(`${name}_other`, substitution);
}
