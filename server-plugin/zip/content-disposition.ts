/**
 * `Content-Disposition: attachment` for a file name in any script. Old clients only read the
 * quoted ASCII `filename`; every current browser prefers the RFC 5987 `filename*`, which
 * carries the real name percent-encoded as UTF-8 (RFC 6266 section 4.3).
 */

/**
 * @example
 * contentDispositionAttachment('Café – München.zip');
 * // attachment; filename="Cafe - Munchen.zip"; filename*=UTF-8''Caf%C3%A9%20%E2%80%93%20M%C3%BCnchen.zip
 */
export function contentDispositionAttachment(filename: string): string {
  return `attachment; filename="${asciiFallback(filename)}"; filename*=UTF-8''${encodeExtValue(filename)}`;
}

const DASHES = /[\u2010-\u2015\u2212]/g;
const COMBINING_MARKS = /\p{M}/gu;
// Quotes and backslashes would end or escape the quoted string; `%` makes some browsers
// percent-decode the plain `filename`.
const NOT_PLAIN_ASCII = /[^\x20-\x7e]|["\\%]/g;

/** Accents dropped (é → e), typographic dashes made plain, anything else non-ASCII as `_`. */
function asciiFallback(filename: string): string {
  return filename.normalize('NFKD').replace(COMBINING_MARKS, '').replace(DASHES, '-').replace(NOT_PLAIN_ASCII, '_');
}

/** RFC 5987 `value-chars`: `encodeURIComponent` leaves `'()*` alone, but they are not `attr-char`. */
function encodeExtValue(filename: string): string {
  return encodeURIComponent(filename.normalize('NFC')).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
