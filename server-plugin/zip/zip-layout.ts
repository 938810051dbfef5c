/**
 * Where every byte of a stored ZIP goes, computed from names, sizes and dates alone.
 * Stored entries are never compressed, so the archive's exact size and every header offset
 * are known before a single file is read: that is what lets the download route send a
 * `Content-Length` and answer `Range` requests (PKWARE APPNOTE 6.3.x, sections 4.3-4.5).
 */

/** One file to place in the archive. */
export interface ZipLayoutInput {
  /** The entry name, already sanitized (see `uniqueEntryNames`). */
  name: string;
  /** Exact size of the file in bytes. */
  size: number;
  modifiedAt: Date;
}

/** One entry with the offsets of its parts; every offset is from the start of the archive. */
export interface EntryLayout {
  name: string;
  /** Length of the name in UTF-8 bytes, as the headers store it: encoded only when a header is. */
  nameLength: number;
  size: number;
  modifiedAt: Date;
  /** The local header needs ZIP64 (8-byte sizes) because the file is >= 4 GiB. */
  zip64: boolean;
  headerOffset: number;
  dataOffset: number;
  descriptorOffset: number;
  /** First byte after this entry's data descriptor. */
  end: number;
  /** Length of this entry's record in the central directory. */
  centralLength: number;
}

export interface ZipLayout {
  entries: EntryLayout[];
  centralDirectoryOffset: number;
  centralDirectorySize: number;
  /** Whether the ZIP64 end of central directory record and locator precede the end record. */
  zip64End: boolean;
  /** Total archive size in bytes. */
  size: number;
}

/** The value a 4-byte field holds when the real one is in a ZIP64 field (also for 2-byte counts). */
export const MAX_32 = 0xffffffff;
export const MAX_16 = 0xffff;

export const LOCAL_HEADER_LENGTH = 30;
export const CENTRAL_HEADER_LENGTH = 46;
export const END_LENGTH = 22;
export const ZIP64_END_LENGTH = 56;
export const ZIP64_LOCATOR_LENGTH = 20;
/** Extended timestamp (0x5455) holding the modification time only: tag, length, flags, time. */
export const TIMESTAMP_EXTRA_LENGTH = 9;
const ZIP64_EXTRA_HEADER_LENGTH = 4;

/**
 * Computes the layout. Pure and deterministic: the same inputs always give the same offsets,
 * so a resumed download lines up byte for byte with the first one.
 *
 * @example
 * const layout = computeZipLayout([{ name: 'a.jpg', size: 1000, modifiedAt }]);
 * layout.size; // 1000 + 30 + 5 + 9 (local) + 16 (descriptor) + 46 + 5 + 9 (central) + 22
 */
export function computeZipLayout(inputs: readonly ZipLayoutInput[]): ZipLayout {
  let offset = 0;
  let centralDirectorySize = 0;
  const entries = inputs.map((input): EntryLayout => {
    const nameLength = Buffer.byteLength(input.name, 'utf8');
    const zip64 = input.size >= MAX_32;
    const headerOffset = offset;
    const dataOffset = headerOffset + LOCAL_HEADER_LENGTH + nameLength + localExtraLength(zip64);
    const descriptorOffset = dataOffset + input.size;
    offset = descriptorOffset + descriptorLength(zip64);
    const centralLength =
      CENTRAL_HEADER_LENGTH + nameLength + centralExtraLength(input.size, headerOffset);
    centralDirectorySize += centralLength;
    return { name: input.name, nameLength, size: input.size, modifiedAt: input.modifiedAt, zip64, headerOffset, dataOffset, descriptorOffset, end: offset, centralLength };
  });
  const centralDirectoryOffset = offset;
  const zip64End =
    entries.length >= MAX_16 || centralDirectoryOffset >= MAX_32 || centralDirectorySize >= MAX_32;
  const size =
    centralDirectoryOffset +
    centralDirectorySize +
    (zip64End ? ZIP64_END_LENGTH + ZIP64_LOCATOR_LENGTH : 0) +
    END_LENGTH;
  return { entries, centralDirectoryOffset, centralDirectorySize, zip64End, size };
}

/** A ZIP64 local header carries both sizes, as APPNOTE 4.5.3 requires. */
export function localExtraLength(zip64: boolean): number {
  return (zip64 ? ZIP64_EXTRA_HEADER_LENGTH + 16 : 0) + TIMESTAMP_EXTRA_LENGTH;
}

/** Signature, CRC, then both sizes in 4 bytes, or in 8 for a ZIP64 entry (APPNOTE 4.3.9). */
export function descriptorLength(zip64: boolean): number {
  return zip64 ? 24 : 16;
}

/** In the central directory, only the fields that overflow move to the ZIP64 extra field. */
export function centralZip64Fields(size: number, headerOffset: number): { sizes: boolean; offset: boolean } {
  return { sizes: size >= MAX_32, offset: headerOffset >= MAX_32 };
}

function centralExtraLength(size: number, headerOffset: number): number {
  const fields = centralZip64Fields(size, headerOffset);
  const zip64Data = (fields.sizes ? 16 : 0) + (fields.offset ? 8 : 0);
  return (zip64Data ? ZIP64_EXTRA_HEADER_LENGTH + zip64Data : 0) + TIMESTAMP_EXTRA_LENGTH;
}
