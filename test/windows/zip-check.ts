/**
 * A downloaded ZIP read by two independent readers: `unzip -t` and Python's `zipfile`. Both
 * recompute every entry's CRC-32 from its bytes and fail on a mismatch, so a wrong CRC (from
 * whichever implementation the server loaded) cannot pass.
 *
 * @example
 * const entries = await readZip('/tmp/all.zip');   // [{ name: 'photo.jpg', crc: 123, size: 50_000, sha256: '…' }]
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';

const run = promisify(execFile);

export interface ZipEntry {
  name: string;
  /** As the central directory records it. */
  crc: number;
  size: number;
  /** Of the bytes Python extracted. */
  sha256: string;
}

// testzip() reads every entry and checks its CRC; names are decoded as UTF-8 only when the
// entry says so (bit 11), so a missing flag shows up as mojibake.
const READ_ZIP = `
import hashlib, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    if bad is not None:
        sys.exit("bad CRC in " + bad)
    print(json.dumps([{"name": i.filename, "crc": i.CRC, "size": i.file_size, "sha256": hashlib.sha256(z.read(i)).hexdigest()} for i in z.infolist()]))
`;

/** Fails unless both readers accept every entry; returns the entries in archive order. */
export async function readZip(file: string): Promise<ZipEntry[]> {
  await run('unzip', ['-tq', file]);
  const { stdout } = await run('python3', ['-c', READ_ZIP, file], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as ZipEntry[];
}

/** What `readZip` should report for an entry named `name` holding `bytes`. */
export function expectedEntry(name: string, bytes: Buffer): ZipEntry {
  return { name, crc: crc32(bytes), size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
