/**
 * The pages that say why a link does not show a collection. None of them names the
 * collection: they are what a stranger with a wrong, expired or locked link sees.
 */
import { html } from '../html.js';
import { CATALOG, type Locale, type MessageKey } from '../public-strings.js';
import { layout } from './layout.js';

/**
 * `detail` is a safe, user-facing sentence in English (a domain error's message): shown on
 * English pages when it says more than the heading and text do ("This file is not in the
 * collection."), never a second time what they already say.
 */
export function renderMessagePage(key: MessageKey, assetsPath: string, locale: Locale, detail?: string): string {
  const message = CATALOG[locale].messages[key];
  const said = [message.heading, message.text].map(sentence);
  const extra = locale === 'en' && detail && !said.includes(sentence(detail)) ? detail : undefined;
  const body = html`<main class="message">
<h1>${message.heading}</h1>
<p>${message.text}</p>
${extra ? html`<p class="detail">${extra}</p>` : ''}
</main>`;
  return layout({ title: message.heading, assetsPath, locale, body });
}

/** A sentence without its final full stop, for comparing. */
const sentence = (text: string) => text.trim().replace(/\.$/, '').toLowerCase();
