import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './content-disposition.js';

describe('attachmentDisposition', () => {
  it('keeps ASCII names and adds the exact UTF-8 name', () => {
    expect(attachmentDisposition('IMG_0001.jpg')).toBe(`attachment; filename="IMG_0001.jpg"; filename*=UTF-8''IMG_0001.jpg`);
    expect(attachmentDisposition('東京タワー.png')).toBe(
      `attachment; filename="_____.png"; filename*=UTF-8''%E6%9D%B1%E4%BA%AC%E3%82%BF%E3%83%AF%E3%83%BC.png`,
    );
  });

  it('cannot be broken out of by quotes, backslashes, control characters or RFC 5987 specials', () => {
    const header = attachmentDisposition(`a"b\\c\r\nd'(e)*.jpg`);
    expect(header).toBe(`attachment; filename="a_b_c__d'(e)*.jpg"; filename*=UTF-8''a%22b%5Cc%0D%0Ad%27%28e%29%2A.jpg`);
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe(`a"b\\c\r\nd'(e)*.jpg`);
  });
});
