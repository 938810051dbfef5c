/**
 * One client downloading URLs one after another, each on a connection of its own (as a
 * browser's download manager does), read to its end and checked against its
 * `Content-Length`, or left at its first byte: how long the first body byte took, and the
 * whole body. Run inside client-process.ts.
 */
import { get } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface DownloadJob {
  kind: 'download';
  urls: readonly string[];
  /** Closes each connection at the first body byte: its time, without the cost of the rest. */
  firstByteOnly?: boolean;
}

export interface TimedDownload {
  bytes: number;
  /** From sending the request to the first byte of the body. */
  firstByteMs: number;
  /** From sending the request to the last byte. */
  seconds: number;
}

export async function runDownloads(job: DownloadJob): Promise<TimedDownload[]> {
  const downloads: TimedDownload[] = [];
  for (const url of job.urls) downloads.push(await download(url, job.firstByteOnly ?? false));
  return downloads;
}

function download(url: string, firstByteOnly: boolean): Promise<TimedDownload> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByte = 0;
    let bytes = 0;
    const finish = () => resolve({ bytes, firstByteMs: firstByte - started, seconds: (performance.now() - started) / 1000 });
    get(url, { agent: false }, (res) => {
      res.on('data', (chunk: Buffer) => {
        if (bytes === 0) firstByte = performance.now();
        bytes += chunk.length;
        if (firstByteOnly && res.statusCode === 200) {
          res.destroy();
          finish();
        }
      });
      res.on('error', reject);
      res.on('end', () => {
        const expected = Number(res.headers['content-length']);
        if (res.statusCode !== 200 || bytes !== expected) {
          reject(new Error(`${url}: status ${res.statusCode}, ${bytes} of ${expected} bytes`));
          return;
        }
        finish();
      });
    }).on('error', reject);
  });
}
