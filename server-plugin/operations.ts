/**
 * What an operator sees of the plugin: one JSON log line per refused or abnormal event,
 * through the host's `logger`, and Prometheus metrics on the registry the host passes in
 * (`options.metrics.registry`, a prom-client `Registry`). Without a registry the counters
 * cost nothing.
 *
 * @example
 * const operations = createOperations({ logger: console, registry });
 * operations.event('info', 'unlock_failed', { collectionId: 7, address: '203.0.113.0' });
 * operations.refused('rate_limited');
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from './options.js';

export type EventLevel = 'debug' | 'info' | 'warn';
export type DownloadKind = 'original' | 'zip';

export interface Operations {
  /** One JSON line: `{"event": name, ...fields}`, at `level` when the logger has it (debug and info are optional). */
  event(level: EventLevel, name: string, fields?: Record<string, unknown>): void;
  view(): void;
  download(kind: DownloadKind): void;
  bytesSent(bytes: number): void;
  /** A request answered 429, 413 or 503, by its error code or a narrower reason. */
  refused(reason: string): void;
  unlockFailed(): void;
  throttled(kind: 'unlock' | 'probe'): void;
  cacheLookup(hit: boolean): void;
  databaseError(): void;
  /** Reports the running downloads when the registry is scraped. */
  watchActiveDownloads(count: () => number): void;
}

const PREFIX = 'shared_collections_';

export function createOperations(options: { logger: Logger; registry?: Registry | undefined }): Operations {
  const { logger, registry } = options;
  const event: Operations['event'] = (level, name, fields = {}) => logger[level]?.(JSON.stringify({ event: name, ...fields }));
  if (!registry) {
    const nothing = () => {};
    return {
      event, view: nothing, download: nothing, bytesSent: nothing, refused: nothing, unlockFailed: nothing,
      throttled: nothing, cacheLookup: nothing, databaseError: nothing, watchActiveDownloads: nothing,
    };
  }
  const registers = [registry];
  const counter = <L extends string = never>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Counter<L>({ name: `${PREFIX}${name}`, help, labelNames, registers });
  const views = counter('views_total', 'Gallery pages served to recipients.');
  const downloads = counter('downloads_total', 'Downloads started (a resumed range of one is not counted again).', ['kind']);
  const bytes = counter('download_bytes_total', 'Bytes written to download connections, headers included.');
  const refusals = counter('refusals_total', 'Requests refused with 429, 413 or 503, by reason.', ['reason']);
  const unlockFailures = counter('unlock_failures_total', 'Wrong passwords tried on links.');
  const throttleHits = counter('throttle_hits_total', 'Requests held back by the throttle: unlock back-off or unknown-token probes.', ['kind']);
  const cache = counter('public_cache_lookups_total', 'Lookups of a link in the public cache, by result.', ['result']);
  const databaseErrors = counter('database_errors_total', 'Requests answered 503 because the database was unreachable or busy.');
  return {
    event,
    view: () => views.inc(),
    download: (kind) => downloads.inc({ kind }),
    bytesSent: (count) => bytes.inc(count),
    refused: (reason) => refusals.inc({ reason }),
    unlockFailed: () => unlockFailures.inc(),
    throttled: (kind) => throttleHits.inc({ kind }),
    cacheLookup: (hit) => cache.inc({ result: hit ? 'hit' : 'miss' }),
    databaseError: () => databaseErrors.inc(),
    watchActiveDownloads(count) {
      new Gauge({
        name: `${PREFIX}active_downloads`,
        help: 'Originals and ZIPs this instance is streaming now.',
        registers,
        collect() {
          this.set(count());
        },
      });
    },
  };
}
