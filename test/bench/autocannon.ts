/**
 * autocannon, run through its own command line in a child process: the load it generates
 * then costs the server's process nothing but the requests themselves.
 *
 * @example
 * const { requestsPerSecond } = await runAutocannon({ url, connections: 10, seconds: 4 });
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

export interface AutocannonRun {
  url: string;
  connections: number;
  seconds: number;
}

export interface AutocannonResult {
  requestsPerSecond: number;
  requests: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Answers outside 2xx. */
  non2xx: number;
}

const cli = createRequire(import.meta.url).resolve('autocannon');

export async function runAutocannon(run: AutocannonRun): Promise<AutocannonResult> {
  const args = [cli, '--json', '-c', String(run.connections), '-d', String(run.seconds), run.url];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    errors: number;
    timeouts: number;
    non2xx: number;
  };
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
