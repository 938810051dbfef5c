import { describe, expect, it } from 'vitest';
import { contentDispositionAttachment } from './content-disposition.js';

describe('contentDispositionAttachment', () => {
  it('sends a plain name as is in both parameters', () => {
    expect(contentDispositionAttachment('holiday.zip')).toBe(
      `attachment; filename="holiday.zip"; filename*=UTF-8''holiday.zip`,
    );
  });

  it('gives an accent-free ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDispositionAttachment('Café – München.zip')).toBe(
      `attachment; filename="Cafe - Munchen.zip"; filename*=UTF-8''Caf%C3%A9%20%E2%80%93%20M%C3%BCnchen.zip`,
    );
  });

  it('replaces what the quoted string cannot hold, and percent-encodes RFC 5987 specials', () => {
    const header = contentDispositionAttachment(`東京 "50%" it's (1)*\\.zip`);
    expect(header).toBe(
      `attachment; filename="__ _50__ it's (1)*_.zip"; filename*=UTF-8''%E6%9D%B1%E4%BA%AC%20%2250%25%22%20it%27s%20%281%29%2A%5C.zip`,
    );
  });

  it('round-trips through decodeURIComponent', () => {
    const name = 'Ærø 🌊 €.zip';
    const encoded = /filename\*=UTF-8''(.*)$/.exec(contentDispositionAttachment(name))?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe(name);
    expect(encoded).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
  });
});
