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

/** Text with its line breaks kept as `<br>`, every line escaped. */
export function multiline(text: string): SafeHtml {
  const lines = text.split(/\r\n|\r|\n/);
  return html`${lines.map((line, index) => (index === 0 ? html`${line}` : html`<br>${line}`))}`;
}
