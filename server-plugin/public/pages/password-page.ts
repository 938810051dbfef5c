/**
 * The password form. It must say nothing about the collection: no title, description,
 * count or thumbnail, and no og:/twitter: tags, so a link preview shows nothing either.
 */
import { html } from '../html.js';
import { CATALOG, type Locale } from '../public-strings.js';
import { layout } from './layout.js';

export interface PasswordPageView {
  /** The unlock form's action, `<prefix>/<token>/unlock`. */
  action: string;
  assetsPath: string;
  locale: Locale;
  /** Shown in an alert: "Wrong password", or how long to wait. */
  message?: string;
}

export function renderPasswordPage(view: PasswordPageView): string {
  const strings = CATALOG[view.locale];
  const body = html`<main class="message">
<h1>${strings.passwordHeading}</h1>
<p>${strings.passwordText}</p>
<form class="unlock" method="post" action="${view.action}">
${view.message ? html`<p class="alert" role="alert">${view.message}</p>` : ''}
<label for="password">${strings.password}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024" autofocus>
<button class="button" type="submit">${strings.unlock}</button>
</form>
</main>`;
  return layout({ title: strings.passwordHeading, assetsPath: view.assetsPath, locale: view.locale, body });
}
