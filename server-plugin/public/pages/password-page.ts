/**
 * The password form. It must say nothing about the collection: no title, description,
 * count or thumbnail, and no og:/twitter: tags, so a link preview shows nothing either.
 */
import { html } from '../html.js';
import { layout } from './layout.js';

export interface PasswordPageView {
  /** The unlock form's action, `<prefix>/<token>/unlock`. */
  action: string;
  assetsPath: string;
  /** Shown in an alert: "Wrong password", or how long to wait. */
  message?: string;
}

export function renderPasswordPage(view: PasswordPageView): string {
  const body = html`<main class="message">
<h1>Password required</h1>
<p>This shared collection is protected. Enter the password you were given.</p>
<form class="unlock" method="post" action="${view.action}">
${view.message ? html`<p class="alert" role="alert">${view.message}</p>` : ''}
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024" autofocus>
<button type="submit">Unlock</button>
</form>
</main>`;
  return layout({ title: 'Password required', assetsPath: view.assetsPath, body });
}
