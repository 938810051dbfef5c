/**
 * Counts and checksums one file's bytes as they go out, so that a file that is not the size
 * the archive's layout promised fails the download instead of producing a wrong archive.
 */
import type { Readable } from 'node:stream';
import { crc32 } from './crc32.js';

/** One file's bytes on their way out; every chunk sent goes through `take`. */
export class FilePart {
  #received = 0;

  constructor(
    readonly stream: Readable,
    private readonly expected: number,
    private readonly label: string,
    /** The running CRC-32, when it is needed. */
    public crc: number | undefined,
  ) {}

  /** Counts and checksums a chunk (crc32.ts says why its speed matters); throws as soon as the file is longer than declared. */
  take(chunk: Buffer): void {
    this.#received += chunk.length;
    if (this.#received > this.expected) throw this.#sizeError();
    if (this.crc !== undefined) this.crc = crc32(chunk, this.crc);
  }

  /** Throws unless exactly the declared number of bytes was taken. */
  check(): void {
    if (this.#received !== this.expected) throw this.#sizeError();
  }

  #sizeError(): Error {
    return new Error(`${this.label}: expected ${this.expected} bytes, got ${this.#received}`);
  }
}
