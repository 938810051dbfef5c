/**
 * Helpers for the ZIP suites: sources that record what they opened, and two independent
 * readers (Info-ZIP `unzip` and Python's `zipfile`) to judge the archives we write.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import type { ByteRange } from '../../server-plugin/dam-host.js';
import type { ZipSource } from '../../server-plugin/zip/index.js';

const run = promisify(execFile);

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every stream a source opened, to check that each one was closed. */
export type OpenLog = { range: ByteRange | undefined; stream: Readable }[];

export function fileSource(path: string, name: string, size: number, log: OpenLog, cacheKey?: string): ZipSource {
  return {
    name,
    size,
    modifiedAt: new Date(Date.UTC(2023, 5, 1, 12, 0, 0)),
    ...(cacheKey === undefined ? {} : { cacheKey }),
    async open(range) {
      const stream = createReadStream(path, range ?? {});
      log.push({ range, stream });
      return stream;
    },
  };
}

export function bufferSource(name: string, data: Buffer, modifiedAt = new Date(Date.UTC(2024, 0, 2, 3, 4, 6))): ZipSource {
  return {
    name,
    size: data.length,
    modifiedAt,
    async open(range) {
      return Readable.from([range ? data.subarray(range.start, range.end + 1) : data]);
    },
  };
}

export interface ZipEntryReport {
  name: string;
  size: number;
  sha256: string;
  flags: number;
  method: number;
  date: number[];
}

export interface ZipReport {
  /** Name of the first entry whose CRC or header is wrong, or null when all are good. */
  firstBad: string | null;
  entries: ZipEntryReport[];
}

// Reads the archive as a file, or as a "virtual" file whose middle part is a repeating
// pattern (so a 4 GiB archive needs no disk): prefix file + pattern * n + suffix file.
const PYTHON_INSPECT = String.raw`
import hashlib, io, json, sys, zipfile

class Virtual(io.RawIOBase):
    def __init__(self, prefix, pattern, length, suffix):
        self.parts = [open(prefix, 'rb').read(), open(pattern, 'rb').read(), open(suffix, 'rb').read()]
        self.length, self.pos = length, 0
        self.size = len(self.parts[0]) + length + len(self.parts[2])
        self.doubled = self.parts[1] * 2
    def seekable(self): return True
    def readable(self): return True
    def tell(self): return self.pos
    def seek(self, offset, whence=0):
        self.pos = [offset, self.pos + offset, self.size + offset][whence]
        return self.pos
    def read(self, n=-1):
        n = self.size - self.pos if n is None or n < 0 else min(n, self.size - self.pos)
        out = bytearray()
        while len(out) < n:
            p, want = self.pos, n - len(out)
            head, period = len(self.parts[0]), len(self.parts[1])
            if p < head: piece = self.parts[0][p:p + want]
            elif p < head + self.length:
                k = (p - head) % period
                piece = self.doubled[k:k + min(want, period, head + self.length - p)]
            else: piece = self.parts[2][p - head - self.length:p - head - self.length + want]
            out += piece
            self.pos += len(piece)
        return bytes(out)

source = Virtual(*sys.argv[2:4], int(sys.argv[4]), sys.argv[5]) if sys.argv[1] == 'virtual' else sys.argv[1]
with zipfile.ZipFile(source) as z:
    entries = []
    for info in z.infolist():
        digest = hashlib.sha256()
        if not isinstance(source, Virtual):  # a virtual file's content is Python's own pattern
            with z.open(info) as f:
                for block in iter(lambda: f.read(1 << 20), b''): digest.update(block)
        entries.append({'name': info.filename, 'size': info.file_size, 'sha256': digest.hexdigest(),
                        'flags': info.flag_bits, 'method': info.compress_type, 'date': list(info.date_time)})
    print(json.dumps({'firstBad': z.testzip(), 'entries': entries}))
`;

/** Python's `zipfile`: CRC of every entry (`testzip`), names, sizes, flags and content hashes. */
export async function inspectWithPython(zipPath: string): Promise<ZipReport> {
  const { stdout } = await run('python3', ['-c', PYTHON_INSPECT, zipPath], { maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(stdout) as ZipReport;
}

/**
 * The same for an archive stored as prefix + `length` bytes of a repeating pattern + suffix:
 * `testzip` checks CRCs, but entry hashes are left empty (Python made that content itself).
 */
export async function inspectVirtualWithPython(prefix: string, pattern: string, length: number, suffix: string): Promise<ZipReport> {
  const args = ['-c', PYTHON_INSPECT, 'virtual', prefix, pattern, String(length), suffix];
  const { stdout } = await run('python3', args, { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as ZipReport;
}

/** Info-ZIP's `unzip -t`: tests every entry's CRC; rejects unless it reports no errors. */
export async function testWithUnzip(zipPath: string): Promise<string> {
  const { stdout } = await run('unzip', ['-t', zipPath], { maxBuffer: 256 * 1024 * 1024 });
  if (!stdout.includes('No errors detected')) throw new Error(`unzip -t: ${stdout.slice(-500)}`);
  return stdout;
}
