import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ENTRY_NAME_BYTES, sanitizeEntryName, uniqueEntryNames } from './entry-names.js';

function isSafe(name: string): boolean {
  return (
    name.length > 0 &&
    !/[\p{Cc}\p{Cs}<>:"/\\|?*\u202a-\u202e\u2066-\u2069]/u.test(name) &&
    !/[. ]$/.test(name) &&
    name !== '.' &&
    name !== '..' &&
    !/^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³]) *(\.|$)/i.test(name) &&
    name === name.normalize('NFC') &&
    Buffer.byteLength(name) <= MAX_ENTRY_NAME_BYTES
  );
}

// Names built from the characters that cause trouble, so shrinking finds the real culprit.
const trickyName = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .array(fc.constantFrom('a', 'É', 'e\u0301', '.', ' ', '/', '\\', ':', '*', '\u0000', '\u202e', 'CON', 'lpt1', '.jpg', '東', '😀'), { maxLength: 40 })
    .map((parts) => parts.join('')),
);

describe('sanitizeEntryName', () => {
  it.each([
    ['IMG_0001.jpg', 'IMG_0001.jpg'],
    ['Café – München.jpg', 'Café – München.jpg'],
    ['Cafe\u0301.jpg', 'Café.jpg'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\photo.png', 'photo.png'],
    ['..', 'file'],
    ['', 'file'],
    ['   ', 'file'],
    ['a<b>:c?"d|e*.jpg', 'a_b__c__d_e_.jpg'],
    ['tab\there\u0000.jpg', 'tabhere.jpg'],
    ['photo\u202egpj.exe', 'photogpj.exe'],
    ['name. . .', 'name'],
    ['CON', '_CON'],
    ['con.txt', '_con.txt'],
    ['Nul.tar.gz', '_Nul.tar.gz'],
    ['COM1', '_COM1'],
    ['LPT9.log', '_LPT9.log'],
    ['CONSOLE.txt', 'CONSOLE.txt'],
    ['COM10', 'COM10'],
  ])('%j becomes %j', (input, expected) => {
    expect(sanitizeEntryName(input)).toBe(expected);
  });

  it('keeps the extension when cutting a long name to 255 UTF-8 bytes', () => {
    const name = sanitizeEntryName(`${'東'.repeat(200)}.jpeg`);
    expect(name.endsWith('東.jpeg')).toBe(true);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(Buffer.byteLength(name)).toBeGreaterThan(250);
  });

  it('never cuts an emoji in half', () => {
    const name = sanitizeEntryName(`${'👩‍👩‍👧'.repeat(20)}.png`);
    expect(name).toMatch(/^(👩‍👩‍👧)+\.png$/u);
  });

  it('always returns a safe name, and is idempotent', () => {
    fc.assert(
      fc.property(trickyName, (input) => {
        const name = sanitizeEntryName(input);
        expect(isSafe(name), JSON.stringify(name)).toBe(true);
        expect(sanitizeEntryName(name)).toBe(name);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sanitizeEntryName on plain names', () => {
  // Printable ASCII and the pieces the rules look at; long runs reach the 255-byte limit.
  const printable = fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)));
  const plainish = fc.oneof(
    fc.string({ unit: printable, maxLength: 300 }),
    fc
      .array(fc.constantFrom('a', 'Z', '0', '_', '.', ' ', '-', '(2)', 'CON', 'lpt1', '.jpg', 'x'.repeat(120)), { maxLength: 12 })
      .map((parts) => parts.join('')),
  );

  it('takes the quick way only where every rule agrees', () => {
    // A leading NUL fails the quick check, and the full rules remove it before anything else:
    // the result is what the full rules make of the name itself.
    fc.assert(
      fc.property(plainish, (name) => {
        expect(sanitizeEntryName(name)).toBe(sanitizeEntryName(`\u0000${name}`));
      }),
      { numRuns: 5000 },
    );
  });
});

/**
 * The rule written plainly, every candidate checked against every name: the reference for
 * the quick version, for names short enough that a counter never cuts them.
 */
function referenceUniqueNames(names: readonly string[]): string[] {
  const sanitized = names.map(sanitizeEntryName);
  const reserved = new Set(sanitized.map((name) => name.toLowerCase()));
  const used = new Set<string>();
  return sanitized.map((name) => {
    const isTaken = (candidate: string): boolean =>
      used.has(candidate.toLowerCase()) || (candidate !== name && reserved.has(candidate.toLowerCase()));
    const extension = /\.[\p{L}\p{N}]{1,16}$/u.exec(name);
    const [stem, tail] = extension && extension.index > 0 ? [name.slice(0, extension.index), extension[0]] : [name, ''];
    let candidate = name;
    for (let n = 2; isTaken(candidate); n += 1) candidate = `${stem} (${n})${tail}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

describe('uniqueEntryNames', () => {
  it('numbers duplicates ignoring case, before the extension', () => {
    expect(uniqueEntryNames(['a.jpg', 'A.JPG', 'a.jpg', 'b'])).toEqual(['a.jpg', 'A (2).JPG', 'a (3).jpg', 'b']);
  });

  it('never takes a name another input already has', () => {
    expect(uniqueEntryNames(['a.jpg', 'a.jpg', 'a (2).jpg'])).toEqual(['a.jpg', 'a (3).jpg', 'a (2).jpg']);
  });

  it('numbers names that only differ by what sanitizing removed', () => {
    expect(uniqueEntryNames(['x/photo.jpg', 'y/photo.jpg', 'photo.jpg.'])).toEqual([
      'photo.jpg',
      'photo (2).jpg',
      'photo (3).jpg',
    ]);
  });

  it('keeps a numbered long name within the byte limit', () => {
    const long = `${'a'.repeat(300)}.jpg`;
    const [first, second] = uniqueEntryNames([long, long]);
    expect(second).toMatch(/^a+ \(2\)\.jpg$/);
    expect(Buffer.byteLength(second ?? '')).toBeLessThanOrEqual(255);
    expect(first).not.toBe(second);
  });

  it('numbers as the plain rule does', () => {
    const short = trickyName.filter((name) => Buffer.byteLength(name) < 200);
    const names = fc.array(fc.oneof(short, fc.constantFrom('a.jpg', 'A.jpg', 'a (2).jpg', 'a (3).JPG', 'a', 'A (2)')), { maxLength: 30 });
    fc.assert(
      fc.property(names, (input) => {
        expect(uniqueEntryNames(input)).toEqual(referenceUniqueNames(input));
      }),
      { numRuns: 1000 },
    );
  });

  it('numbers a name that a counter cut back to itself', () => {
    const full = `${'a'.repeat(247)} (2).jpg`;
    expect(Buffer.byteLength(full)).toBe(255);
    expect(uniqueEntryNames([full, full])).toEqual([full, `${'a'.repeat(247)} (3).jpg`]);
  });

  it('gives safe, case-insensitively unique, stable names, leaving unique ones alone', () => {
    const names = fc.array(fc.oneof(trickyName, fc.constantFrom('a.jpg', 'A.jpg', 'a (2).jpg', 'a (3).JPG')), {
      maxLength: 30,
    });
    fc.assert(
      fc.property(names, (input) => {
        const output = uniqueEntryNames(input);
        expect(output).toHaveLength(input.length);
        expect(output.every(isSafe)).toBe(true);
        expect(new Set(output.map((name) => name.toLowerCase())).size).toBe(output.length);
        expect(uniqueEntryNames(input)).toEqual(output);
        expect(uniqueEntryNames(output)).toEqual(output);
      }),
      { numRuns: 500 },
    );
  });
});
