import { describe, expect, it } from 'vitest';
import { createCrcCache, CrcTable } from './crc-cache.js';

describe('CrcTable', () => {
  it('knows the CRCs it was told, full 32-bit values included', () => {
    const table = new CrcTable(3);
    table.set(0, 0xcbf43926);
    table.set(2, 0);
    expect([table.get(0), table.get(1), table.get(2)]).toEqual([0xcbf43926, undefined, 0]);
  });
});

describe('createCrcCache', () => {
  it('gives the same table for the same ETag, and a new one for another', () => {
    const cache = createCrcCache();
    cache.tableOf('"a"', 2).set(1, 7);
    expect(cache.tableOf('"a"', 2).get(1)).toBe(7);
    expect(cache.tableOf('"b"', 2).get(1)).toBeUndefined();
  });

  it('forgets the least recently used archive first, counting entries', () => {
    const cache = createCrcCache({ maxEntries: 4 });
    cache.tableOf('"a"', 2).set(0, 1);
    cache.tableOf('"b"', 2).set(0, 2);
    cache.tableOf('"a"', 2);
    cache.tableOf('"c"', 2).set(0, 3);
    expect([cache.tableOf('"a"', 2).get(0), cache.tableOf('"c"', 2).get(0)]).toEqual([1, 3]);
    expect(cache.tableOf('"b"', 2).get(0)).toBeUndefined();
  });

  it('keeps the table of an archive larger than the whole cache while it is in use', () => {
    const cache = createCrcCache({ maxEntries: 2 });
    const table = cache.tableOf('"big"', 5);
    table.set(4, 9);
    expect(cache.tableOf('"big"', 5).get(4)).toBe(9);
  });
});
