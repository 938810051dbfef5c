/**
 * The byte encoding of each ZIP record, field by field as in PKWARE APPNOTE 6.3.x
 * (4.3.7 local header, 4.3.9 data descriptor, 4.3.12 central header, 4.3.14-4.3.16 end
 * records, 4.5.3 ZIP64 extra field) and Info-ZIP's extended timestamp (0x5455).
 * Every length here must agree with `zip-layout.ts`; the layout tests check that.
 */
import {
  CENTRAL_HEADER_LENGTH,
  LOCAL_HEADER_LENGTH,
  MAX_16,
  MAX_32,
  ZIP64_END_LENGTH,
  centralZip64Fields,
  descriptorLength,
  localExtraLength,
  type EntryLayout,
  type ZipLayout,
} from './zip-layout.js';

const LOCAL_SIGNATURE = 0x04034b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const END_SIGNATURE = 0x06054b50;
/** Bit 3: CRC and sizes follow the data (the CRC is only known after reading it); bit 11: UTF-8 names. */
const FLAGS = 0x0008 | 0x0800;
const METHOD_STORED = 0;
/** 2.0 is the baseline every reader supports; 4.5 announces ZIP64. */
const VERSION_DEFAULT = 20;
const VERSION_ZIP64 = 45;
/** Made by Unix (high byte 3), so readers take file permissions from the external attributes. */
const VERSION_MADE_BY = (3 << 8) | VERSION_ZIP64;
/** A regular file, rw-r--r--, in the high 16 bits as Unix hosts store it. */
const EXTERNAL_ATTRIBUTES = (0o100644 << 16) >>> 0;
const ZIP64_EXTRA_TAG = 0x0001;
const TIMESTAMP_EXTRA_TAG = 0x5455;
const TIMESTAMP_HAS_MTIME = 0x01;

export function encodeLocalHeader(entry: EntryLayout): Buffer {
  const buffer = Buffer.allocUnsafe(LOCAL_HEADER_LENGTH + entry.nameLength + localExtraLength(entry.zip64)).fill(0);
  let at = buffer.writeUInt32LE(LOCAL_SIGNATURE, 0);
  at = buffer.writeUInt16LE(entry.zip64 ? VERSION_ZIP64 : VERSION_DEFAULT, at);
  at = buffer.writeUInt16LE(FLAGS, at);
  at = buffer.writeUInt16LE(METHOD_STORED, at);
  at = writeDosDateTime(buffer, at, entry.modifiedAt);
  // With bit 3 set, CRC and sizes are zero here (APPNOTE 4.4.4); ZIP64 marks the sizes as
  // living in the extra field, whose values are zero for the same reason.
  at = buffer.writeUInt32LE(0, at);
  at = buffer.writeUInt32LE(entry.zip64 ? MAX_32 : 0, at);
  at = buffer.writeUInt32LE(entry.zip64 ? MAX_32 : 0, at);
  at = buffer.writeUInt16LE(entry.nameLength, at);
  at = buffer.writeUInt16LE(localExtraLength(entry.zip64), at);
  at += buffer.write(entry.name, at, 'utf8');
  if (entry.zip64) {
    at = buffer.writeUInt16LE(ZIP64_EXTRA_TAG, at);
    at = buffer.writeUInt16LE(16, at);
    at = buffer.writeBigUInt64LE(0n, at);
    at = buffer.writeBigUInt64LE(0n, at);
  }
  writeTimestampExtra(buffer, at, entry.modifiedAt);
  return buffer;
}

export function encodeDataDescriptor(entry: EntryLayout, crc: number): Buffer {
  const buffer = Buffer.allocUnsafe(descriptorLength(entry.zip64)).fill(0);
  let at = buffer.writeUInt32LE(DESCRIPTOR_SIGNATURE, 0);
  at = buffer.writeUInt32LE(crc, at);
  for (let i = 0; i < 2; i += 1) {
    at = entry.zip64 ? buffer.writeBigUInt64LE(BigInt(entry.size), at) : buffer.writeUInt32LE(entry.size, at);
  }
  return buffer;
}

export function encodeCentralHeader(entry: EntryLayout, crc: number): Buffer {
  const fields = centralZip64Fields(entry.size, entry.headerOffset);
  const zip64Data = (fields.sizes ? 16 : 0) + (fields.offset ? 8 : 0);
  const extraLength = entry.centralLength - CENTRAL_HEADER_LENGTH - entry.nameLength;
  const buffer = Buffer.allocUnsafe(entry.centralLength).fill(0);
  let at = buffer.writeUInt32LE(CENTRAL_SIGNATURE, 0);
  at = buffer.writeUInt16LE(VERSION_MADE_BY, at);
  at = buffer.writeUInt16LE(zip64Data || entry.zip64 ? VERSION_ZIP64 : VERSION_DEFAULT, at);
  at = buffer.writeUInt16LE(FLAGS, at);
  at = buffer.writeUInt16LE(METHOD_STORED, at);
  at = writeDosDateTime(buffer, at, entry.modifiedAt);
  at = buffer.writeUInt32LE(crc, at);
  at = buffer.writeUInt32LE(fields.sizes ? MAX_32 : entry.size, at);
  at = buffer.writeUInt32LE(fields.sizes ? MAX_32 : entry.size, at);
  at = buffer.writeUInt16LE(entry.nameLength, at);
  at = buffer.writeUInt16LE(extraLength, at);
  at = buffer.writeUInt16LE(0, at); // comment length
  at = buffer.writeUInt16LE(0, at); // disk number start
  at = buffer.writeUInt16LE(0, at); // internal attributes
  at = buffer.writeUInt32LE(EXTERNAL_ATTRIBUTES, at);
  at = buffer.writeUInt32LE(fields.offset ? MAX_32 : entry.headerOffset, at);
  at += buffer.write(entry.name, at, 'utf8');
  if (zip64Data) {
    at = buffer.writeUInt16LE(ZIP64_EXTRA_TAG, at);
    at = buffer.writeUInt16LE(zip64Data, at);
    if (fields.sizes) at = buffer.writeBigUInt64LE(BigInt(entry.size), at);
    if (fields.sizes) at = buffer.writeBigUInt64LE(BigInt(entry.size), at);
    if (fields.offset) at = buffer.writeBigUInt64LE(BigInt(entry.headerOffset), at);
  }
  writeTimestampExtra(buffer, at, entry.modifiedAt);
  return buffer;
}

/** The ZIP64 end record and locator when needed, then the classic end record. */
export function encodeEnd(layout: ZipLayout): Buffer {
  const count = layout.entries.length;
  const { centralDirectoryOffset: cdOffset, centralDirectorySize: cdSize } = layout;
  const buffer = Buffer.allocUnsafe(layout.size - cdOffset - cdSize).fill(0);
  let at = 0;
  if (layout.zip64End) {
    const zip64EndOffset = cdOffset + cdSize;
    at = buffer.writeUInt32LE(ZIP64_END_SIGNATURE, at);
    at = buffer.writeBigUInt64LE(BigInt(ZIP64_END_LENGTH - 12), at); // size of the rest of the record
    at = buffer.writeUInt16LE(VERSION_MADE_BY, at);
    at = buffer.writeUInt16LE(VERSION_ZIP64, at);
    at = buffer.writeUInt32LE(0, at); // this disk
    at = buffer.writeUInt32LE(0, at); // disk holding the central directory
    at = buffer.writeBigUInt64LE(BigInt(count), at); // entries on this disk
    at = buffer.writeBigUInt64LE(BigInt(count), at); // entries in total
    at = buffer.writeBigUInt64LE(BigInt(cdSize), at);
    at = buffer.writeBigUInt64LE(BigInt(cdOffset), at);
    at = buffer.writeUInt32LE(ZIP64_LOCATOR_SIGNATURE, at);
    at = buffer.writeUInt32LE(0, at); // disk holding the ZIP64 end record
    at = buffer.writeBigUInt64LE(BigInt(zip64EndOffset), at);
    at = buffer.writeUInt32LE(1, at); // total number of disks
  }
  at = buffer.writeUInt32LE(END_SIGNATURE, at);
  at = buffer.writeUInt16LE(0, at); // this disk
  at = buffer.writeUInt16LE(0, at); // disk holding the central directory
  at = buffer.writeUInt16LE(Math.min(count, MAX_16), at);
  at = buffer.writeUInt16LE(Math.min(count, MAX_16), at);
  at = buffer.writeUInt32LE(Math.min(cdSize, MAX_32), at);
  at = buffer.writeUInt32LE(Math.min(cdOffset, MAX_32), at);
  buffer.writeUInt16LE(0, at); // comment length
  return buffer;
}

/**
 * MS-DOS date and time (APPNOTE 4.4.6) from the UTC fields, so the bytes do not depend on the
 * server's time zone. DOS time has 2-second steps and covers 1980-2107 only; the exact time
 * is in the extended timestamp.
 */
function writeDosDateTime(buffer: Buffer, at: number, date: Date): number {
  const min = Date.UTC(1980, 0, 1);
  const max = Date.UTC(2107, 11, 31, 23, 59, 58);
  const clamped = new Date(Math.min(Math.max(date.getTime(), min), max));
  const time = (clamped.getUTCHours() << 11) | (clamped.getUTCMinutes() << 5) | (clamped.getUTCSeconds() >> 1);
  const day = ((clamped.getUTCFullYear() - 1980) << 9) | ((clamped.getUTCMonth() + 1) << 5) | clamped.getUTCDate();
  return buffer.writeUInt16LE(day, buffer.writeUInt16LE(time, at));
}

/** Info-ZIP extended timestamp: the modification time as signed 32-bit Unix seconds, UTC. */
function writeTimestampExtra(buffer: Buffer, at: number, date: Date): number {
  const seconds = Math.min(Math.max(Math.floor(date.getTime() / 1000), -(2 ** 31)), 2 ** 31 - 1);
  at = buffer.writeUInt16LE(TIMESTAMP_EXTRA_TAG, at);
  at = buffer.writeUInt16LE(5, at);
  at = buffer.writeUInt8(TIMESTAMP_HAS_MTIME, at);
  return buffer.writeInt32LE(seconds, at);
}
