/**
 * Clients downloading a collection's ZIP over and over, each archive read to its last byte
 * and checked: its length equals the announced Content-Length and it passes `checkZip`.
 * The first archive of each client is also tested by the system's `unzip -t`, a reader that
 * shares no code with ours. Run inside client-process.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { send } from '../helpers/send.js';
import { summarize, type LatencySummary } from './latency.js';
import { checkZip } from './zip-check.js';

export interface ZipJob {
  kind: 'zip';
  url: string;
  clients: number;
  seconds: number;
}

export interface ZipResult {
  downloads: number;
  bytes: number;
  /** Entries in the last archive checked. */
  entries: number;
  /** Archives `unzip -t` passed. */
  unzipTested: number;
  /** Time per whole archive. */
  latency: LatencySummary;
  /** The first few problems, and how many there were. */
  errors: string[];
  errorCount: number;
}

const KEPT_ERRORS = 5;

export async function runZipDownloads(job: ZipJob): Promise<ZipResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-zip-'));
  const result: ZipResult = { downloads: 0, bytes: 0, entries: 0, unzipTested: 0, latency: summarize([]), errors: [], errorCount: 0 };
  const samples: number[] = [];
  const fail = (message: string) => {
    result.errorCount += 1;
    if (result.errors.length < KEPT_ERRORS) result.errors.push(message);
  };
  const until = performance.now() + job.seconds * 1000;
  const client = async (index: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let round = 0; performance.now() < until; round += 1) {
      const start = performance.now();
      try {
        const answer = await send(job.url, { agent });
        samples.push(performance.now() - start);
        result.downloads += 1;
        result.bytes += answer.body.length;
        if (answer.status !== 200) throw new Error(`status ${answer.status}`);
        const declared = Number(answer.headers['content-length']);
        if (declared !== answer.body.length) throw new Error(`Content-Length ${declared}, received ${answer.body.length} bytes`);
        result.entries = checkZip(answer.body);
        if (round === 0) {
          await unzipTest(dir, `client-${index}.zip`, answer.body);
          result.unzipTested += 1;
        }
      } catch (error) {
        fail(`client ${index}, download ${round + 1}: ${(error as Error).message}`);
      }
    }
    agent.destroy();
  };
  try {
    await Promise.all(Array.from({ length: job.clients }, (_, index) => client(index)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  result.latency = summarize(samples);
  return result;
}

/** Tests `zip` with the system's `unzip -t` (through a file `name` in `dir`); throws with unzip's own words. */
export async function unzipTest(dir: string, name: string, zip: Buffer): Promise<void> {
  const file = path.join(dir, name);
  await writeFile(file, zip);
  try {
    await promisify(execFile)('unzip', ['-tq', file]);
  } catch (error) {
    throw new Error(`unzip -t failed: ${String((error as { stdout?: string }).stdout ?? (error as Error).message).trim()}`);
  } finally {
    await rm(file, { force: true });
  }
}
