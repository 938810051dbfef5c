/**
 * HTML built so that user text is escaped by construction: every value interpolated
 * into `html\`...\`` is escaped unless it is already a `SafeHtml` (the result of
 * another `html` call). There is no way to splice a raw string in by accident.
 *
 * @example
 * const item = (name: string) => html`<li title="${name}">${name}</li>`;
 * const page = html`<ul>${names.map(item)}</ul>`; // arrays are joined
 * page.toString(); // '<ul><li title="&lt;b&gt;">&lt;b&gt;</li></ul>'
 */

/**
 * A fragment of HTML that is safe to emit as is. The class is not exported, so only
 * this module (through `html`) can make one: code elsewhere cannot vouch for a string.
 */
class TrustedHtml {
  constructor(private readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

export type SafeHtml = TrustedHtml;

/** What may be interpolated: text (escaped), numbers, safe fragments, lists of those; null/undefined/false render nothing. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => ESCAPES[char]!);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof TrustedHtml) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** The tagged template. Literal parts are the developer's markup; every `${value}` is escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new TrustedHtml(out);
}

/** Text with its line breaks kept as `<br>`, every line escaped (and, with `links`, its web addresses linked). */
export function multiline(text: string, options: { links?: boolean } = {}): SafeHtml {
  const lines = text.split(/\r\n|\r|\n/);
  const line = (part: string) => (options.links ? linkify(part) : html`${part}`);
  return html`${lines.map((part, index) => (index === 0 ? line(part) : html`<br>${line(part)}`))}`;
}

/** http(s) addresses up to white space or a quote; trailing punctuation belongs to the sentence. */
const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"'`]+/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;

/**
 * Escaped text whose http(s) addresses are links that pass no referrer or opener and no
 * endorsement (the text is the sharer's, the reader may not trust it).
 */
export function linkify(text: string): SafeHtml {
  const parts: SafeHtml[] = [];
  let last = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    const address = match[0].replace(TRAILING_PUNCTUATION, '');
    if (!URL.canParse(address)) continue;
    parts.push(html`${text.slice(last, match.index)}<a href="${address}" rel="noopener noreferrer nofollow">${address}</a>`);
    last = match.index + address.length;
  }
  return html`${parts}${text.slice(last)}`;
}
