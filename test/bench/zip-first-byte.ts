/**
 * Issue 13, budget 2: the first byte of a ZIP of 10,000 real files through the real route
 * (`GET /s/<token>/download` on the demo host with the plugin), and what the whole download
 * costs the database. The first download is read to its end (its queries counted, the
 * server's memory sampled); the others stop at their first byte.
 */
import type { Engine } from '../helpers/databases.js';
import { startBenchHost, type BenchHost, type QueryCount } from './bench-host.js';
import { catalogFiles, SMALL_FILES } from './catalog-fixtures.js';
import { runClient } from './client-process.js';
import type { BenchFigure } from './figures.js';
import { formatMs, median } from './latency.js';
import type { StreamStart } from './response-tally.js';

const DOWNLOADS = 5;
const BUDGET_MS = 300;
const MiB = 2 ** 20;

export interface ZipDownloadCost {
  /** Milliseconds to the first byte of each download, the whole one first. */
  firstByteMs: number[];
  /** The server's side of each: from the request's arrival to its streamed body. */
  server: StreamStart[];
  /** The download read to its end, when there was one. */
  whole?: WholeDownload;
}

interface WholeDownload {
  bytes: number;
  /** Bytes per second. */
  speed: number;
  queries: QueryCount;
  /**
   * Server RSS in bytes: before the request, when its body started streaming, the highest
   * during the first quarter of the stream, and the highest of all. Memory that grows with the
   * files sent keeps growing after the first quarter; the allocator settling in does not.
   */
  rss: { before: number; atStart: number; firstQuarterPeak: number; peak: number };
}

export async function runZipFirstByteBenchmark(engine: Engine): Promise<BenchFigure[]> {
  const host = await startBenchHost(engine);
  try {
    const { ids } = await catalogFiles(host.knex, SMALL_FILES);
    const cost = await measureZipDownloads(host, await host.share(ids, { allowDownload: true }), { downloads: DOWNLOADS, whole: true });
    const firstByte = median(cost.firstByteMs);
    return [
      {
        name: `zip first byte, 10,000 files (${engine})`,
        value: Math.round(firstByte),
        unit: 'ms',
        budget: `<= ${BUDGET_MS}`,
        pass: firstByte <= BUDGET_MS,
        detail: `${describeDownloads(cost)}; server RSS ${describeRss(cost.whole!)}`,
      },
    ];
  } finally {
    await host.close();
  }
}

/**
 * Downloads the ZIP of the collection `token` `downloads` times: the first read whole when
 * `whole` (its queries counted, the server's memory sampled: this process's, as the bench host
 * runs here and its clients elsewhere), the others to their first byte only.
 */
export async function measureZipDownloads(host: BenchHost, token: string, options: { downloads: number; whole: boolean }): Promise<ZipDownloadCost> {
  const path = `/s/${token}/download`;
  const url = `${host.baseUrl}${path}`;
  const first = options.whole ? await downloadWhole(host, url) : undefined;
  const rest = await runClient({ kind: 'download', urls: Array<string>(options.downloads - (first ? 1 : 0)).fill(url), firstByteOnly: true });
  const server = host.streamStarts(path);
  const firstByteMs = [...(first ? [first.firstByteMs] : []), ...rest.map((download) => download.firstByteMs)];
  if (!first) return { firstByteMs, server };
  // Taken by the server itself: the sampler shares its event loop, so it misses the route's work before the body.
  const streaming = server[0]!;
  const { samples } = first;
  const quarter = streaming.at + (samples.at(-1)!.at - streaming.at) / 4;
  const peakOf = (from: number, to: number) =>
    Math.max(streaming.rss, ...samples.filter((sample) => sample.at >= from && sample.at <= to).map((sample) => sample.rss));
  const rss = { before: samples[0]!.rss, atStart: streaming.rss, firstQuarterPeak: peakOf(streaming.at, quarter), peak: peakOf(streaming.at, Infinity) };
  return { firstByteMs, server, whole: { bytes: first.bytes, speed: first.bytes / first.seconds, queries: first.queries, rss } };
}

async function downloadWhole(host: BenchHost, url: string) {
  globalThis.gc?.();
  const rss = sampleRss();
  const watch = host.watchQueries();
  const [download] = await runClient({ kind: 'download', urls: [url] }).finally(() => watch.stop());
  return { ...download!, queries: watch.count, samples: rss.stop() };
}

export function describeDownloads(cost: ZipDownloadCost): string {
  const server = (key: 'wallMs' | 'cpuMs') => formatMs(median(cost.server.map((start) => start[key])));
  const times =
    `median of ${cost.firstByteMs.length} (${cost.firstByteMs.map(formatMs).join(', ')}); ` +
    `the server from each request to its streamed body: median ${server('wallMs')}, of which its CPU ${server('cpuMs')}`;
  if (!cost.whole) return times;
  const { bytes, speed, queries } = cost.whole;
  return (
    `${times}; the first read whole, ${(bytes / MiB).toFixed(0)} MiB at ${(speed / 1e6).toFixed(0)} MB/s, ` +
    `cost ${queries.plugin} plugin and ${queries.host} host queries (besides ${queries.transactions} statements of batched event writes)`
  );
}

export function describeRss({ rss }: WholeDownload): string {
  const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
  return `${mib(rss.before)} before, ${mib(rss.atStart)} when the body started, peak ${mib(rss.firstQuarterPeak)} in the stream's first quarter, ${mib(rss.peak)} in all`;
}

/** Every 10 ms, with the time on the clock every process shares (milliseconds since the epoch). */
function sampleRss(): { stop(): { at: number; rss: number }[] } {
  const samples: { at: number; rss: number }[] = [];
  const sample = () => samples.push({ at: performance.timeOrigin + performance.now(), rss: process.memoryUsage.rss() });
  sample();
  const timer = setInterval(sample, 10);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return samples;
    },
  };
}
