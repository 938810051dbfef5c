/**
 * The pages that say why a link does not show a collection. None of them names the
 * collection: they are what a stranger with a wrong, expired or locked link sees.
 */
import { html } from '../html.js';
import { layout } from './layout.js';

export interface MessagePage {
  heading: string;
  text: string;
}

/** Words per situation, keyed by the domain error code the gate raised. */
export const MESSAGES = {
  not_found: { heading: 'Link not found', text: 'This link does not exist. Check that you copied all of it.' },
  gone: {
    heading: 'This link has expired',
    text: 'The shared collection is no longer available. Ask the person who sent you the link for a new one.',
  },
  unauthenticated: {
    heading: 'Sign in to view this collection',
    text: 'This collection is shared only with people signed in to the catalog. Sign in, then open this link again.',
  },
  forbidden: { heading: 'Not allowed', text: 'Downloading original files is not allowed for this collection.' },
  rate_limited: { heading: 'Too many requests', text: 'Please wait a moment before trying again.' },
  validation_failed: { heading: 'Bad request', text: 'The request could not be understood.' },
  payload_too_large: { heading: 'Too much data', text: 'The request was too large.' },
  unavailable: { heading: 'Temporarily unavailable', text: 'The service is busy or down. Try again in a moment.' },
  conflict: { heading: 'Bad request', text: 'The request could not be understood.' },
  internal: { heading: 'Something went wrong', text: 'The page could not be shown. Try again later.' },
} satisfies Record<string, MessagePage>;

/** `detail` is a safe, user-facing sentence (a domain error's message), shown below the text. */
export function renderMessagePage(message: MessagePage, assetsPath: string, detail?: string): string {
  const body = html`<main class="message">
<h1>${message.heading}</h1>
<p>${message.text}</p>
${detail && detail !== message.text ? html`<p class="detail">${detail}</p>` : ''}
</main>`;
  return layout({ title: message.heading, assetsPath, body });
}
