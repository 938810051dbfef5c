import { describe, expect, it } from 'vitest';
import { MAX_16, MAX_32, computeZipLayout, type ZipLayoutInput } from './zip-layout.js';
import { encodeCentralHeader, encodeDataDescriptor, encodeEnd, encodeLocalHeader } from './zip-records.js';

const modifiedAt = new Date(Date.UTC(2024, 1, 29, 13, 45, 31));
const entry = (name: string, size: number): ZipLayoutInput => ({ name, size, modifiedAt });

/** Encodes every record and checks they tile the archive exactly as the layout says. */
function checkRecordsMatchLayout(inputs: ZipLayoutInput[]): void {
  const layout = computeZipLayout(inputs);
  let offset = 0;
  const mismatches = layout.entries.filter((e) => {
    const tiled =
      e.headerOffset === offset &&
      e.headerOffset + encodeLocalHeader(e).length === e.dataOffset &&
      e.descriptorOffset + encodeDataDescriptor(e, 0).length === e.end &&
      encodeCentralHeader(e, 0).length === e.centralLength;
    offset = e.end;
    return !tiled;
  });
  expect(mismatches).toEqual([]);
  expect(layout.centralDirectoryOffset).toBe(offset);
  const end = encodeEnd(layout);
  expect(layout.centralDirectoryOffset + layout.centralDirectorySize + end.length).toBe(layout.size);
}

describe('computeZipLayout', () => {
  it('places a small entry as APPNOTE sizes it', () => {
    const layout = computeZipLayout([entry('a.jpg', 1000)]);
    // local 30 + name 5 + timestamp 9, data, descriptor 16, central 46 + 5 + 9, end 22
    expect(layout.size).toBe(44 + 1000 + 16 + 60 + 22);
    expect(layout.zip64End).toBe(false);
    expect(layout.entries[0]).toMatchObject({ dataOffset: 44, descriptorOffset: 1044, end: 1060 });
  });

  it('counts name length in UTF-8 bytes', () => {
    expect(computeZipLayout([entry('東京.png', 0)]).entries[0]?.dataOffset).toBe(30 + 10 + 9);
  });

  it('switches to ZIP64 exactly at the 4-byte limits', () => {
    expect(computeZipLayout([entry('a', MAX_32 - 1)]).entries[0]?.zip64).toBe(false);
    const big = computeZipLayout([entry('a', MAX_32), entry('b', 1)]);
    expect(big.entries[0]?.zip64).toBe(true);
    expect(big.entries[0]?.end).toBe(30 + 1 + 20 + 9 + MAX_32 + 24);
    expect(big.entries[1]?.zip64).toBe(false);
    expect(big.zip64End).toBe(true); // the central directory starts past 4 GiB
    checkRecordsMatchLayout([entry('a', MAX_32), entry('b', 1)]);
  });

  it('needs the ZIP64 end records from 65535 entries on', () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => entry(`${i}.txt`, 1));
    expect(computeZipLayout(names(MAX_16 - 1)).zip64End).toBe(false);
    expect(computeZipLayout(names(MAX_16)).zip64End).toBe(true);
    checkRecordsMatchLayout(names(MAX_16));
  });

  it('has records that tile the archive, for all kinds of entries', () => {
    checkRecordsMatchLayout([]);
    checkRecordsMatchLayout([entry('empty', 0), entry('Café – München.jpg', 12345), entry('x', 2 ** 33)]);
  });

  it('is deterministic', () => {
    const inputs = [entry('a.jpg', 10), entry('b.jpg', 20)];
    const encode = () => {
      const layout = computeZipLayout(inputs);
      return Buffer.concat([...layout.entries.map((e) => encodeLocalHeader(e)), encodeEnd(layout)]);
    };
    expect(encode().equals(encode())).toBe(true);
  });
});

describe('zip records', () => {
  it('writes DOS date and time from the UTC fields, and flags data descriptor + UTF-8', () => {
    const header = encodeLocalHeader(computeZipLayout([entry('a', 1)]).entries[0]!);
    expect(header.readUInt16LE(6)).toBe(0x0808);
    expect(header.readUInt16LE(10)).toBe((13 << 11) | (45 << 5) | 15);
    expect(header.readUInt16LE(12)).toBe(((2024 - 1980) << 9) | (2 << 5) | 29);
    expect(header.readInt32LE(header.length - 4)).toBe(modifiedAt.getTime() / 1000);
  });

  it('clamps dates DOS cannot hold', () => {
    const old = encodeLocalHeader(computeZipLayout([{ name: 'a', size: 1, modifiedAt: new Date(0) }]).entries[0]!);
    expect([old.readUInt16LE(10), old.readUInt16LE(12)]).toEqual([0, (1 << 5) | 1]);
  });

  it('puts only overflowing fields in the central ZIP64 extra field', () => {
    const layout = computeZipLayout([entry('a', MAX_32), entry('b', 1)]);
    const [big, small] = layout.entries;
    const bigRecord = encodeCentralHeader(big!, 7);
    expect(bigRecord.readUInt32LE(20)).toBe(MAX_32);
    expect(bigRecord.readUInt16LE(46 + 1)).toBe(1); // ZIP64 tag right after the name
    expect(bigRecord.readUInt16LE(46 + 3)).toBe(16); // both sizes, no offset
    const smallRecord = encodeCentralHeader(small!, 7);
    expect(smallRecord.readUInt32LE(42)).toBe(MAX_32); // its offset overflowed
    expect(smallRecord.readUInt16LE(46 + 3)).toBe(8);
    expect(Number(smallRecord.readBigUInt64LE(46 + 5))).toBe(small!.headerOffset);
  });
});
