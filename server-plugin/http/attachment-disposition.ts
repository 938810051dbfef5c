/**
 * `Content-Disposition: attachment` for every file the plugin sends (a ZIP, a single original).
 * The header itself comes from `content-disposition`, the library behind Koa's
 * `ctx.attachment`; the name is first made what its ZIP entry would be (no path, no control
 * character, nothing Windows refuses), so a download never lands under another name than
 * the same file inside a ZIP.
 */
import contentDisposition from 'content-disposition';
import { sanitizeEntryName } from '../zip/index.js';

const DASHES = /[\u2010-\u2015\u2212]/g;
const COMBINING_MARKS = /\p{M}/gu;
// Quotes and backslashes would end or escape the quoted string; `%` makes some browsers
// percent-decode the plain `filename`.
const NOT_PLAIN_ASCII = /[^\x20-\x7e]|["\\%]/g;

/**
 * The header for a download of `name`: a plain ASCII name as the quoted `filename`, any other
 * also as the RFC 5987 `filename*` (the exact UTF-8 name, which every current browser prefers)
 * with an ASCII look-alike as `filename` for old clients.
 *
 * @example
 * attachmentDisposition('Café – München.zip');
 * // attachment; filename="Cafe - Munchen.zip"; filename*=UTF-8''Caf%C3%A9%20%E2%80%93%20M%C3%BCnchen.zip
 * attachmentDisposition('../CON.jpg'); // attachment; filename="_CON.jpg"
 */
export function attachmentDisposition(name: string): string {
  const safe = sanitizeEntryName(name);
  return contentDisposition(safe, { fallback: asciiFallback(safe) });
}

/** Accents dropped (é → e), typographic dashes made plain, anything else non-ASCII as `_`. */
function asciiFallback(name: string): string {
  return name.normalize('NFKD').replace(COMBINING_MARKS, '').replace(DASHES, '-').replace(NOT_PLAIN_ASCII, '_');
}
