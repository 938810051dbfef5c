/**
 * The plugin's wiring: options, stores, cache, events, service and routers. The package
 * entry (`index.ts`) hands hosts the narrow `SharedCollections` face of what this builds;
 * the plugin's own tests and benchmarks may look inside through `Plugin`.
 */
import type Koa from 'koa';
import { CollectionService } from './collection-service.js';
import { EventBuffer } from './event-buffer.js';
import { createOwnerRouter } from './http/owner-router.js';
import { parseOptions, type ResolvedOptions, type SharedCollectionsOptions } from './options.js';
import { createOperations, type Operations } from './operations.js';
import { createActiveDownloads } from './public/active-downloads.js';
import { PublicCache } from './public/public-cache.js';
import { createPublicRouter } from './public/public-router.js';
import { KnexCollectionStore } from './store/collection-store.js';
import { migrateLatest } from './store/migrate.js';
import { withQueryTimeout } from './store/query-timeout.js';
import { KnexThrottleStore } from './store/throttle-store.js';
import type { CollectionStore, EventKind, ThrottleStore } from './store/types.js';

/** What a host holds once it has created the plugin (the package's public face). */
export interface SharedCollections {
  /** Creates or upgrades the plugin's tables (own migrations table `<tablePrefix>migrations`). */
  migrate(): Promise<void>;
  /** Adds the owner API and the public pages to `app`; throws when no cookie keys are available. */
  mount(app: Koa): void;
  /**
   * Writes the access events still waiting in memory (they are written in batches, within
   * a second). Call it at shutdown, before destroying knex, so no view or download is lost.
   */
  flushEvents(): Promise<void>;
}

/** The plugin with its insides: for the plugin's own tests and benchmarks, never exported by the package. */
export interface Plugin extends SharedCollections {
  /** The validated options with every default filled in. */
  readonly options: ResolvedOptions;
  readonly collections: CollectionStore;
  readonly throttle: ThrottleStore;
}

/** Bodies and remembered asset ids of the public cache stay under this (per instance). */
const PUBLIC_CACHE_BYTES = 32 * 1024 * 1024;
/** How long access events may wait in memory, and how many, before they are written. */
const EVENT_DELAY_MS = 1000;
const EVENT_BATCH = 500;
/** How long statistics and `flushEvents()` wait for event writes a stalled database holds up. */
const EVENT_WAIT_MS = 5000;

/** Validates `rawOptions` now, so a bad option fails at start-up with a message naming it. */
export function createPlugin(rawOptions: SharedCollectionsOptions): Plugin {
  const options = parseOptions(rawOptions);
  const { knex, tablePrefix, host, logger } = options;
  const operations = createOperations({ logger, registry: options.metrics?.registry });
  const cache = new PublicCache({
    ttlMs: options.publicCacheSeconds * 1000,
    maxBytes: PUBLIC_CACHE_BYTES,
    clock: () => options.now().getTime(),
    onLookup: (hit) => operations.cacheLookup(hit),
  });
  // The stores' queries end with the request deadline, so an abandoned one frees its pool connection.
  const db = withQueryTimeout(knex, options.requestTimeoutSeconds * 1000);
  const collections = KnexCollectionStore.open({
    knex: db,
    tablePrefix,
    onWrite: () => {
      cache.clear();
      // A revocation through this instance reaches its running downloads at once.
      void downloads.checkNow();
    },
  });
  const downloads = createActiveDownloads({
    limits: options.downloads,
    collections,
    now: options.now,
    logger,
    refusalPauseMs: options.throttle.refusalPauseSeconds * 1000,
    onCut: (reason, collectionId) => operations.event('info', 'download_revoked', { collectionId, reason }),
    onClose({ collectionId, bytes, complete }) {
      operations.bytesSent(bytes);
      if (!complete) operations.event('debug', 'download_closed_early', { collectionId, bytes });
    },
  });
  operations.watchActiveDownloads(() => downloads.count);
  const throttle = KnexThrottleStore.open({ knex: db, tablePrefix });
  const events = new EventBuffer({
    write: (batch) => collections.recordEvents(batch),
    delayMs: EVENT_DELAY_MS,
    maxPending: EVENT_BATCH,
    maxWaitMs: EVENT_WAIT_MS,
    logger,
    onRecord: (event) => countEvent(operations, event.kind),
  });
  const service = new CollectionService(collections, host, events, options);

  return {
    options,
    collections,
    throttle,
    migrate: () => migrateLatest(knex, tablePrefix),
    flushEvents: () => events.flush(),
    mount(app) {
      // Built first: it throws when neither options.keys nor app.keys can sign the unlock cookie.
      const publicSide = createPublicRouter({ app, options, collections, throttle, host, cache, events, downloads, operations });
      app.use(createOwnerRouter({ options, host, service, operations }));
      app.use(publicSide);
    },
  };
}

/** Each access event as the metrics count it. */
function countEvent(operations: Operations, kind: EventKind): void {
  if (kind === 'view') operations.view();
  else if (kind === 'download') operations.download('original');
  else if (kind === 'zip') operations.download('zip');
  else operations.unlockFailed();
}
