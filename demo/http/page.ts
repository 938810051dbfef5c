import { html, type SafeHtml } from '@remix-run/html-template';

/**
 * A full HTML document of the demo around `body`. Its markup comes from `html` (escaped by
 * construction: every interpolated value is escaped unless it is another `html` result).
 *
 * @example
 * page({ title: 'Sign in', bodyClass: 'dam', body: html`<p>Hello ${user.name}</p>` });
 */
export function page(options: { title: string; bodyClass: string; body: SafeHtml; scripts?: readonly string[] }): string {
  const scripts = (options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`);
  return String(html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<link rel="stylesheet" href="/static/catalog.css">
${scripts}
</head>
<body class="${options.bodyClass}">
${options.body}
</body>
</html>
`);
}
