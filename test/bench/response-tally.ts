/**
 * What the bench host's server did with the requests it got, counted where it happens (a
 * client that stops cannot say what the server sent): the GET answers sent whole with 200,
 * by path; and, for ZIP downloads, the server's time and CPU from a request's arrival to the
 * start of its streamed body, which tells a slow first byte on a busy machine (the wait for a
 * CPU) from a costly one (the CPU the route spent), and its memory at that moment.
 */
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface StreamStart {
  /** Milliseconds from the request's arrival until its body started streaming. */
  wallMs: number;
  /** The CPU milliseconds the server's process spent meanwhile. */
  cpuMs: number;
  /** When the body started, in milliseconds since the epoch (the clock every process shares). */
  at: number;
  /** The server process's RSS then, in bytes. */
  rss: number;
}

export interface ResponseTally {
  /** GET `path` (with its query string) answered with 200 and sent whole. */
  answered(path: string): number;
  /** Every `…/download` request of `path` whose body started streaming, in order. */
  streamStarts(path: string): StreamStart[];
}

export function tallyResponses(server: Server): ResponseTally {
  const answered = new Map<string, number>();
  const starts = new Map<string, StreamStart[]>();
  server.on('request', (req, res) => {
    const path = req.url ?? '';
    if (req.method !== 'GET') return;
    res.once('finish', () => {
      if (res.statusCode === 200) answered.set(path, (answered.get(path) ?? 0) + 1);
    });
    // Only downloads: reading the CPU clock for every page would slow the throughput runs.
    if (!path.endsWith('/download')) return;
    const [cpu, arrived] = [process.cpuUsage(), performance.now()];
    // Koa pipes a streamed body into the response once the route has returned.
    res.once('pipe', () => {
      const { user, system } = process.cpuUsage(cpu);
      const start = { wallMs: performance.now() - arrived, cpuMs: (user + system) / 1000, at: performance.timeOrigin + performance.now(), rss: process.memoryUsage.rss() };
      starts.set(path, [...(starts.get(path) ?? []), start]);
    });
  });
  return {
    answered: (path) => answered.get(path) ?? 0,
    streamStarts: (path) => starts.get(path) ?? [],
  };
}
