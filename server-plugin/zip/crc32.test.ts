import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { crc32, CRC32_IMPLEMENTATION, pickCrc32 } from './crc32.js';

describe('crc32', () => {
  it('uses the hardware-accelerated implementation where its binary exists (here)', () => {
    expect(CRC32_IMPLEMENTATION).toBe('@node-rs/crc32');
  });

  it("falls back to zlib's when the native binding does not load (as on Wine 8.0)", () => {
    const fallback = pickCrc32(() => {
      throw new Error('Cannot find native binding.');
    });
    expect(fallback.implementation).toBe('node:zlib');
    expect(fallback.crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(fallback.crc32(Buffer.from('6789'), fallback.crc32(Buffer.from('12345')))).toBe(0xcbf43926);
  });

  it('gives the CRC-32 of the ZIP format, as zlib does, also when continued chunk by chunk', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.nat(5000), (bytes, cut) => {
        const data = Buffer.from(bytes);
        const at = Math.min(cut, data.length);
        const whole = zlibCrc32(data);
        expect(crc32(data)).toBe(whole);
        expect(crc32(data.subarray(at), crc32(data.subarray(0, at)))).toBe(whole);
      }),
    );
  });
});
