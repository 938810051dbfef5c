/**
 * `attachment` with both an ASCII fallback and the exact UTF-8 name (RFC 6266 / RFC 5987),
 * so `Café – München.jpg` or `東京タワー.png` arrive under their own names.
 *
 * @example
 * attachmentDisposition('Café.jpg') // attachment; filename="Caf_.jpg"; filename*=UTF-8''Caf%C3%A9.jpg
 */
export function attachmentDisposition(filename: string): string {
  // eslint-disable-next-line no-control-regex
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
