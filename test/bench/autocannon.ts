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
  /** Sent with every request, e.g. a session cookie. */
  headers?: Record<string, string>;
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
  const headers = Object.entries(run.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}=${value}`]);
  const args = [cli, '--json', '-c', String(run.connections), '-d', String(run.seconds), ...headers, run.url];
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

export interface AlternatingRuns {
  connections: number;
  seconds: number;
  rounds: number;
  headers?: Record<string, string>;
}

/**
 * Runs autocannon on each of `paths` in turn, `rounds` times, after a second of warm-up each.
 * `best` keeps each target's best round (the highest throughput): with targets alternating, a
 * neighbour's burst on the machine costs one round, not a figure. `rounds` has every round,
 * for ratios of targets measured back to back. `failures` counts the measured rounds' errors
 * and answers outside 2xx.
 *
 * @example
 * const { best } = await runAlternating(baseUrl, { ping: '/bench/ping', page: `/s/${token}` }, { connections: 10, seconds: 4, rounds: 2 });
 */
export async function runAlternating<K extends string>(
  baseUrl: string,
  paths: Record<K, string>,
  { rounds, ...run }: AlternatingRuns,
): Promise<{ best: Record<K, AutocannonResult>; rounds: Record<K, AutocannonResult>[]; failures: number }> {
  const targets = Object.entries(paths) as [K, string][];
  for (const [, path] of targets) await runAutocannon({ ...run, url: `${baseUrl}${path}`, seconds: 1 });
  const best: Partial<Record<K, AutocannonResult>> = {};
  const results: Record<K, AutocannonResult>[] = [];
  let failures = 0;
  for (let round = 0; round < rounds; round += 1) {
    const measured: Partial<Record<K, AutocannonResult>> = {};
    for (const [target, path] of targets) {
      const result = await runAutocannon({ ...run, url: `${baseUrl}${path}` });
      failures += result.errors + result.non2xx;
      measured[target] = result;
      if (result.requestsPerSecond > (best[target]?.requestsPerSecond ?? -1)) best[target] = result;
    }
    results.push(measured as Record<K, AutocannonResult>);
  }
  return { best: best as Record<K, AutocannonResult>, rounds: results, failures };
}
