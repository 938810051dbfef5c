/**
 * The document around every public page. No inline style or script anywhere (the CSP
 * forbids them): the stylesheet and the viewer script are files under `<prefix>/_assets/`.
 */
import { html, type SafeHtml } from '../html.js';

export interface LayoutOptions {
  /** The document title. Pages of a locked collection pass a generic one. */
  title: string;
  /** Where the static files are served, e.g. `/s/_assets`. */
  assetsPath: string;
  body: SafeHtml;
  /** Only the gallery needs the viewer script. */
  script?: boolean;
}

export function layout(options: LayoutOptions): string {
  const { title, assetsPath, body, script } = options;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="stylesheet" href="${assetsPath}/gallery.css">
${script ? html`<script src="${assetsPath}/gallery.js" defer></script>` : ''}
</head>
<body>
${body}
</body>
</html>
`.toString();
}
