/**
 * Produces the bytes of one range of the archive, in order, reading each file only for the
 * part the range covers. File data is passed through as the source's own chunks: nothing is
 * copied or collected.
 */
import type { Readable } from 'node:stream';
import type { ByteRange } from '../dam-host.js';
import type { CrcTable } from './crc-cache.js';
import { FilePart } from './file-part.js';
import type { ZipLayout } from './zip-layout.js';
import { encodeCentralHeader, encodeDataDescriptor, encodeEnd, encodeLocalHeader } from './zip-records.js';

/** One file of the archive: where its bytes come from. */
export interface ZipSource {
  /** The entry name; `createZipArchive` sanitizes and de-duplicates it again. */
  name: string;
  /** Exact size in bytes. A source that yields a different length fails the stream. */
  size: number;
  modifiedAt: Date;
  /**
   * Names these exact bytes, e.g. `${assetId}:${size}:${mtimeMs}`: it goes into the archive's
   * ETag, and only an archive whose every source has one keeps its CRCs in the CRC cache.
   */
  cacheKey?: string;
  /**
   * Opens the inclusive byte `range` of the file. The archive always passes a range, even
   * for the whole file: a reader that knows where to stop skips the final empty read.
   */
  open(range: ByteRange): Promise<Readable>;
}

/** Groups small central directory records into chunks of about this size. */
const CENTRAL_BATCH_BYTES = 64 * 1024;
/**
 * How many of the following files are opened while one streams. Opening (and the host's
 * own lookups) costs about as much as sending a small photo, so without this a collection
 * of many small files spends much of its time waiting for the next open.
 */
const OPEN_AHEAD = 4;

export class ArchiveBytes {
  #stopped = false;
  /** Every source stream opened and not yet finished, destroyed at once on `stop()`. */
  readonly #open = new Set<Readable>();
  /** Whole-file opens started ahead of time, by entry index. */
  readonly #ahead = new Map<number, Promise<Readable>>();

  constructor(
    private readonly layout: ZipLayout,
    private readonly sources: readonly ZipSource[],
    /** The CRCs known so far: this archive's table in the CRC cache, or one of this stream's own. */
    private readonly crcs: CrcTable,
  ) {}

  /** Stops reading: open file handles are released now, not when their next chunk arrives. */
  stop(): void {
    this.#stopped = true;
    for (const stream of this.#open) stream.destroy();
  }

  /**
   * The bytes from `start` to `end` inclusive: headers as buffers, file data as a `FilePart`
   * for the consumer to pipe, which costs far less per chunk than passing every chunk
   * through this generator.
   */
  async *range(start: number, end: number): AsyncGenerator<Buffer | FilePart> {
    const { layout } = this;
    for (const [i, entry] of layout.entries.entries()) {
      if (entry.end <= start) continue;
      if (entry.headerOffset > end) return;
      yield* clip(encodeLocalHeader(entry), entry.headerOffset, start, end);
      if (entry.size > 0 && entry.dataOffset <= end && entry.descriptorOffset > start) {
        yield* this.#data(i, start, end);
      }
      if (entry.descriptorOffset <= end) {
        yield* clip(encodeDataDescriptor(entry, await this.#crc(i)), entry.descriptorOffset, start, end);
      }
    }
    let offset = layout.centralDirectoryOffset;
    let batch: Buffer[] = [];
    let batchBytes = 0;
    for (const [i, entry] of layout.entries.entries()) {
      const recordEnd = offset + entry.centralLength;
      if (offset > end) break;
      if (recordEnd > start) {
        const part = clip(encodeCentralHeader(entry, await this.#crc(i)), offset, start, end);
        batch.push(...part);
        batchBytes += part[0]?.length ?? 0;
      }
      offset = recordEnd;
      if (batchBytes >= CENTRAL_BATCH_BYTES) {
        yield Buffer.concat(batch);
        [batch, batchBytes] = [[], 0];
      }
    }
    if (batch.length > 0) yield Buffer.concat(batch);
    yield* clip(encodeEnd(layout), layout.centralDirectoryOffset + layout.centralDirectorySize, start, end);
  }

  /** Sends the covered part of file `i`, and learns its CRC when the range reaches its end. */
  async *#data(i: number, start: number, end: number): AsyncGenerator<FilePart> {
    const entry = this.layout.entries[i]!;
    const from = Math.max(start - entry.dataOffset, 0);
    const to = Math.min(end - entry.dataOffset, entry.size - 1);
    if (from === 0 && to === entry.size - 1) this.#openAhead(i, end);
    // A file whose CRC the cache knows (e.g. the same collection downloaded again) is only
    // passed through; otherwise its CRC is summed on the way, after the skipped part if any.
    let crc: number | undefined;
    if (to === entry.size - 1 && this.#known(i) === undefined) crc = from === 0 ? 0 : await this.#crcOf(i, 0, from - 1);
    const part = new FilePart(await this.#openRange(i, from, to), to - from + 1, `${this.sources[i]!.name} from offset ${from}`, crc);
    try {
      yield part;
      part.check();
    } finally {
      this.#close(part.stream);
    }
    if (part.crc !== undefined) this.crcs.set(i, part.crc);
  }

  async #crc(i: number): Promise<number> {
    const known = this.#known(i);
    if (known !== undefined) return known;
    const crc = await this.#crcOf(i, 0, this.sources[i]!.size - 1);
    this.crcs.set(i, crc);
    return crc;
  }

  /** CRC-32 of bytes `from`..`to` of file `i`, for a file not sent whole in this range. */
  async #crcOf(i: number, from: number, to: number): Promise<number> {
    const part = new FilePart(await this.#openRange(i, from, to), to - from + 1, `${this.sources[i]!.name} from offset ${from}`, 0);
    try {
      for await (const chunk of part.stream as AsyncIterable<Buffer>) part.take(chunk);
      part.check();
    } finally {
      this.#close(part.stream);
    }
    return part.crc ?? 0;
  }

  #known(i: number): number | undefined {
    return this.sources[i]!.size === 0 ? 0 : this.crcs.get(i);
  }

  /** Starts opening the files after `i` whose data the range covers whole. */
  #openAhead(i: number, end: number): void {
    for (let j = i + 1; j <= i + OPEN_AHEAD && j < this.sources.length; j += 1) {
      const entry = this.layout.entries[j]!;
      if (entry.descriptorOffset > end + 1) return;
      if (entry.size === 0 || this.#ahead.has(j)) continue;
      const opening = this.#openSource(j, { start: 0, end: entry.size - 1 });
      opening.catch(() => undefined); // reported when its turn comes, not as unhandled now
      this.#ahead.set(j, opening);
    }
  }

  async #openSource(i: number, range: ByteRange): Promise<Readable> {
    const stream = await this.sources[i]!.open(range);
    if (this.#stopped) {
      stream.destroy();
      throw new Error('ZIP stream stopped');
    }
    this.#open.add(stream);
    return stream;
  }

  /** Opens bytes `from`..`to` (inclusive) of file `i`, or takes the stream opened ahead. */
  #openRange(i: number, from: number, to: number): Promise<Readable> {
    const whole = from === 0 && to === this.sources[i]!.size - 1;
    const opening = (whole && this.#ahead.get(i)) || this.#openSource(i, { start: from, end: to });
    this.#ahead.delete(i);
    return opening;
  }

  #close(stream: Readable): void {
    this.#open.delete(stream);
    stream.destroy();
  }
}

/** The part of `buffer` (placed at archive offset `offset`) inside [start, end], if any. */
function clip(buffer: Buffer, offset: number, start: number, end: number): Buffer[] {
  const from = Math.max(start - offset, 0);
  const to = Math.min(end - offset + 1, buffer.length);
  return from < to ? [buffer.subarray(from, to)] : [];
}
