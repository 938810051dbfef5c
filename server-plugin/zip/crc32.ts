/**
 * CRC-32 (the ZIP polynomial) at the speed of the hardware. For a stored ZIP the CRC is the
 * only work done on the data, so its speed decides whether an archive streams as fast as a
 * plain file (issue 5, budget 1). Measured here on 64 KiB chunks: `@node-rs/crc32` (Rust's
 * crc32fast, PCLMULQDQ/ARMv8 CRC instructions) 0.07 s per GiB; Node's own `zlib.crc32`
 * 0.5-0.6 s per GiB; CRC-32 in JavaScript (archiver, yazl) about 4 s per GiB.
 *
 * `@node-rs/crc32` ships prebuilt binaries for Windows, macOS and Linux (x64 and arm64);
 * where none fits or loads, `zlib.crc32` (same results, Node >= 20.15) takes over. Wine 8.0
 * (Debian 12) is such a place: the Windows binary needs `bcryptprimitives.dll`, which Wine
 * added in 8.13.
 */
import { createRequire } from 'node:module';
import { crc32 as zlibCrc32 } from 'node:zlib';

/** The CRC-32 of `data`, continuing from `initial` (the CRC of the bytes before it). */
export type Crc32 = (data: Buffer, initial?: number) => number;

/** `@node-rs/crc32` when `load` (the module's `require`) can load it, else `zlib.crc32`. */
export function pickCrc32(load: (id: string) => unknown): { crc32: Crc32; implementation: string } {
  try {
    const native = load('@node-rs/crc32') as { crc32: Crc32 };
    return { crc32: native.crc32, implementation: '@node-rs/crc32' };
  } catch {
    return { crc32: zlibCrc32, implementation: 'node:zlib' };
  }
}

const fastest = pickCrc32(createRequire(import.meta.url));

export const crc32: Crc32 = fastest.crc32;
/** Which implementation `crc32` is, for the benchmarks' report. */
export const CRC32_IMPLEMENTATION = fastest.implementation;
