/**
 * ZIP entry names that are safe to extract anywhere. Asset names come from users and other
 * systems, so an archive must never carry a path (zip-slip), a control character, or a name
 * Windows refuses to create; and two entries must never land on the same file on a
 * case-insensitive file system (Windows, macOS), where the second would silently overwrite
 * the first.
 */

/** Longest name in UTF-8 bytes: the limit of ext4, NTFS (in UTF-16 units) and APFS. */
export const MAX_ENTRY_NAME_BYTES = 255;

const FALLBACK_NAME = 'file';
// C0/C1 controls; the bidi overrides that can disguise `photo‮gpj.exe` as `photoexe.jpg`;
// lone surrogates, which have no UTF-8 form.
const UNSAFE_CHARS = /[\p{Cc}\p{Cs}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;
// Windows opens a device instead of a file for these names, whatever follows the first dot.
const RESERVED_DEVICE = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³]) *(\.|$)/i;
// Only a short alphanumeric tail counts as an extension worth keeping when truncating.
const EXTENSION = /\.[\p{L}\p{N}]{1,16}$/u;
/**
 * Names every rule below leaves as they are: printable ASCII but for `<>:"|?*` and slashes,
 * starting with a letter, digit or underscore, not ending in a dot or space, at most 255
 * bytes. Most catalog names are such (`IMG_0001.jpg`), and a ZIP of 100,000 files checks
 * them all before its first byte.
 */
const PLAIN_NAME = /^[\dA-Za-z_][ !#-)+-.\d;=@-[\]-{}~]{0,254}(?<![. ])$/;

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Turns any asset name into one safe file name: no directories, no `..`, no control
 * characters, nothing Windows rejects, NFC-normalized, at most 255 UTF-8 bytes with the
 * extension kept. Idempotent: a safe name comes back unchanged.
 *
 * @example
 * sanitizeEntryName('../../etc/passwd');   // 'passwd'
 * sanitizeEntryName('CON.txt');            // '_CON.txt'
 * sanitizeEntryName('a<b>:c?.jpg');        // 'a_b__c_.jpg'
 */
export function sanitizeEntryName(name: string): string {
  if (PLAIN_NAME.test(name) && !RESERVED_DEVICE.test(name)) return name;
  // Removing characters first, so what is left can be normalized once and stays NFC.
  const base = name.replace(UNSAFE_CHARS, '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = trimName(base.replace(WINDOWS_FORBIDDEN, '_'));
  const safe = RESERVED_DEVICE.test(cleaned) ? `_${cleaned}` : cleaned;
  const { stem, extension } = splitExtension(safe);
  return fitName(stem, extension) || FALLBACK_NAME;
}

/**
 * Sanitizes every name and makes them unique ignoring case, in order: the first keeps its
 * name, later ones become `name (2).jpg`, `name (3).jpg`. A suffix never takes a name that
 * another input already has, so `a.jpg, a.jpg, a (2).jpg` gives `a.jpg, a (3).jpg, a (2).jpg`.
 * The same input always gives the same output.
 */
export function uniqueEntryNames(names: readonly string[]): string[] {
  const sanitized = names.map(sanitizeEntryName);
  const folded = sanitized.map(foldCase);
  const used = new Set<string>();
  // Only needed once two names collide: most archives never build it.
  let reserved: Set<string> | undefined;
  return sanitized.map((name, i) => {
    if (!used.has(folded[i]!)) {
      used.add(folded[i]!);
      return name;
    }
    // A counter may not take a name some other input has, even one that comes later.
    reserved ??= new Set(folded);
    let candidate = withCounter(name, 2);
    for (let n = 3; used.has(foldCase(candidate)) || reserved.has(foldCase(candidate)); n += 1) candidate = withCounter(name, n);
    used.add(foldCase(candidate));
    return candidate;
  });
}

function foldCase(name: string): string {
  return name.toLowerCase();
}

function withCounter(name: string, n: number): string {
  const { stem, extension } = splitExtension(name);
  return fitName(stem, ` (${n})${extension}`);
}

/** Windows drops trailing dots and spaces, so `a.` and `a` would be the same file. */
function trimName(name: string): string {
  return name.trim().replace(/[. ]+$/, '');
}

function splitExtension(name: string): { stem: string; extension: string } {
  const match = EXTENSION.exec(name);
  if (!match || match.index === 0) return { stem: name, extension: '' };
  return { stem: name.slice(0, match.index), extension: match[0] };
}

/**
 * Cuts the stem, never inside a grapheme (no half emoji, no lone accent), until
 * `stem + tail` fits in MAX_ENTRY_NAME_BYTES. A stem emptied by the cut becomes the
 * fallback, so an extension or counter never stands alone.
 */
function fitName(stem: string, tail: string): string {
  const budget = MAX_ENTRY_NAME_BYTES - byteLength(tail);
  if (byteLength(stem) <= budget) return stem + tail;
  let fitted = '';
  let used = 0;
  for (const { segment } of graphemes.segment(stem)) {
    used += byteLength(segment);
    if (used > budget) break;
    fitted += segment;
  }
  return (trimName(fitted) || FALLBACK_NAME) + tail;
}
