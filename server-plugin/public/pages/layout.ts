/**
 * The document around every public page. No inline style or script anywhere (the CSP
 * forbids them): the stylesheet and the gallery script are files under `<prefix>/_assets/`.
 * The script's words travel in a data attribute of `<body>` (escaped like any attribute).
 */
import { html, type SafeHtml } from '../html.js';
import type { Locale, PublicStrings } from '../public-strings.js';

export interface LayoutOptions {
  /** The document title. Pages of a locked collection pass a generic one. */
  title: string;
  /** Where the static files are served, e.g. `/s/_assets`. */
  assetsPath: string;
  locale: Locale;
  body: SafeHtml;
  /** The gallery's script, with its words; other pages have none. */
  script?: PublicStrings['script'];
}

export function layout(options: LayoutOptions): string {
  const { title, assetsPath, locale, body, script } = options;
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="stylesheet" href="${assetsPath}/gallery.css">
${script ? html`<script src="${assetsPath}/gallery.js" defer></script>` : ''}
</head>
<body${script ? html` data-strings="${JSON.stringify(script)}"` : ''}>
${body}
</body>
</html>
`.toString();
}
