import contentDisposition from 'content-disposition';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './attachment-disposition.js';

describe('attachmentDisposition', () => {
  it('sends a plain ASCII name as the quoted filename alone', () => {
    expect(attachmentDisposition('holiday.zip')).toBe('attachment; filename="holiday.zip"');
  });

  it('gives an accent-free ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('Café – München.zip')).toBe(
      `attachment; filename="Cafe - Munchen.zip"; filename*=UTF-8''Caf%C3%A9%20%E2%80%93%20M%C3%BCnchen.zip`,
    );
    expect(attachmentDisposition('東京タワー.png')).toBe(
      `attachment; filename="_____.png"; filename*=UTF-8''%E6%9D%B1%E4%BA%AC%E3%82%BF%E3%83%AF%E3%83%BC.png`,
    );
  });

  it.each([
    ['../../evil.jpg', 'evil.jpg'],
    ['..\\..\\evil.jpg', 'evil.jpg'],
    ['NUL.txt', '_NUL.txt'],
    ['con', '_con'],
    ['a:b?.jpg', 'a_b_.jpg'],
    ['say "hi" <now>|*.zip', 'say _hi_ _now___.zip'],
    ['trailing dots. . .', 'trailing dots'],
    ['', 'file'],
  ])('offers %j as %j, the name its ZIP entry would have', (name, offered) => {
    expect(attachmentDisposition(name)).toBe(`attachment; filename="${offered}"`);
  });

  it('cannot be broken out of: no control character, quote or backslash reaches the header', () => {
    const header = attachmentDisposition('a"\\b\r\nSet-Cookie: x=1;\u0000é.jpg');
    expect(header).not.toMatch(/[\r\n\0\\]/);
    expect(header).toBe(`attachment; filename="bSet-Cookie_ x=1;e.jpg"; filename*=UTF-8''bSet-Cookie_%20x%3D1%3B%C3%A9.jpg`);
  });

  it('keeps % out of the plain filename and percent-encodes RFC 5987 specials', () => {
    expect(attachmentDisposition('50%.zip')).toBe(`attachment; filename="50_.zip"; filename*=UTF-8''50%25.zip`);
    expect(attachmentDisposition("Ærø it's (1)*.zip")).toBe(
      `attachment; filename="_r_ it's (1)_.zip"; filename*=UTF-8''%C3%86r%C3%B8%20it%27s%20%281%29_.zip`,
    );
  });

  it('round-trips: a parser reads back the safe name, in NFC', () => {
    for (const name of ['Ærø 🌊 €.zip', 'Cafe\u0301.jpg', 'plain.jpg', 'a<b>.png']) {
      const header = attachmentDisposition(name);
      expect(contentDisposition.parse(header).parameters.filename, name).toBe(name.normalize('NFC').replace(/[<>]/g, '_'));
    }
  });
});
