/**
 * An independent check of one downloaded ZIP (APPNOTE.TXT 4.3): the end record is where it
 * must be, the central directory parses and fills the space up to it, every entry's local
 * header is where the directory says, and every stored entry's bytes match its CRC-32.
 * Small on purpose: it checks the archives the load benchmark downloads, which stay far
 * below the sizes that need ZIP64.
 *
 * @example
 * const entries = checkZip(bytes); // throws with the first problem found
 */
import { crc32 } from 'node:zlib';

const END_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const END_LENGTH = 22;
const CENTRAL_LENGTH = 46;
const LOCAL_LENGTH = 30;
const MAX_32 = 0xffffffff;
const STORED = 0;

/** Returns the number of entries; throws an Error naming the first defect. */
export function checkZip(zip: Buffer): number {
  const end = findEndRecord(zip);
  const entries = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  const directoryStart = zip.readUInt32LE(end + 16);
  if (directoryStart === MAX_32 || entries === 0xffff) throw new Error('ZIP64 archive: larger than this checker reads');
  if (directoryStart + directorySize !== end) throw new Error(`central directory ends at ${directoryStart + directorySize}, end record at ${end}`);

  let at = directoryStart;
  for (let index = 0; index < entries; index += 1) {
    if (zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new Error(`entry ${index}: no central header at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + CENTRAL_LENGTH, at + CENTRAL_LENGTH + nameLength);
    checkEntry(zip, { name, method, crc, size, localOffset });
    at += CENTRAL_LENGTH + nameLength + extraLength + commentLength;
  }
  if (at !== end) throw new Error(`central directory holds ${end - at} bytes after its last entry`);
  return entries;
}

function checkEntry(zip: Buffer, entry: { name: string; method: number; crc: number; size: number; localOffset: number }): void {
  const { name, localOffset } = entry;
  if (localOffset + LOCAL_LENGTH > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) {
    throw new Error(`${name}: no local header at ${localOffset}`);
  }
  if (entry.method !== STORED) return;
  const dataStart = localOffset + LOCAL_LENGTH + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
  if (dataStart + entry.size > zip.length) throw new Error(`${name}: data runs past the end of the archive`);
  if (crc32(zip.subarray(dataStart, dataStart + entry.size)) !== entry.crc) throw new Error(`${name}: CRC-32 does not match its bytes`);
}

/** The end record sits in the last 22 + 65535 bytes (its comment may be that long). */
function findEndRecord(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - END_LENGTH - 0xffff);
  for (let at = zip.length - END_LENGTH; at >= lowest; at -= 1) {
    if (zip.readUInt32LE(at) === END_SIGNATURE && at + END_LENGTH + zip.readUInt16LE(at + 20) === zip.length) return at;
  }
  throw new Error('no end-of-central-directory record');
}
