import { html } from '@remix-run/html-template';
import { DEMO_ACCOUNTS } from '../user-store.js';
import { page } from './page.js';

/** The sign-in form; `message` explains a failed attempt. */
export function renderLoginPage(options: { message?: string; username?: string }): string {
  const accounts = DEMO_ACCOUNTS.map((account) => html`<li><code>${account.username}</code> (${account.role})</li>`);
  return page({
    title: 'Sign in · Demo DAM',
    bodyClass: 'dam dam-login',
    body: html`<main class="login-card">
  <h1><span class="dam-logo">Demo DAM</span></h1>
  <form method="post" action="/login" class="login-form">
    ${options.message ? html`<p class="login-error" role="alert">${options.message}</p>` : ''}
    <label>User name <input name="username" autocomplete="username" required value="${options.username ?? ''}" autofocus></label>
    <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit">Sign in</button>
  </form>
  <details class="login-accounts"><summary>Demo accounts</summary><ul>${accounts}</ul></details>
</main>`,
  });
}
