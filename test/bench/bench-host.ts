/**
 * The real demo DAM, which mounts the Shared Collections plugin itself, on 127.0.0.1 port 0,
 * over a fresh database, for the benchmarks. It adds what a benchmark needs and the demo
 * does not have: routes to compare against (file-baselines.ts for ZIPs), catalog rows in
 * bulk, collections created straight through the plugin's store, counts of the queries a
 * request or a run costs, and of what the server answered (response-tally.ts).
 *
 * @example
 * const host = await startBenchHost('sqlite');
 * const token = await host.share(await host.seedAssets(100));
 * await fetch(`${host.baseUrl}/s/${token}`);
 * await host.close();
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { createDemoApp } from '../../demo/app.js';
import { DEFAULT_API_PREFIX } from '../../shared/constants.js';
import type { DownloadLimitOptions } from '../../server-plugin/options.js';
import { hashPassword } from '../../server-plugin/passwords.js';
import { KnexCollectionStore } from '../../server-plugin/store/collection-store.js';
import type { CollectionStore } from '../../server-plugin/store/types.js';
import { createTestDatabase, type Engine } from '../helpers/databases.js';
import { CACHED_DEMO_DATA_DIR, TEST_SAMPLE_COUNT } from '../helpers/demo-server.js';
import { seedAssets } from './catalog-fixtures.js';
import { createFileBaselines } from './file-baselines.js';
import { tallyResponses, type ResponseTally } from './response-tally.js';

/** Answers `ok` behind the same host middleware (session, headers) as every other route. */
export const PING_PATH = '/bench/ping';
/**
 * Makes the budget's 4 queries, each the cheapest possible (a primary-key lookup), and
 * nothing else: how close to the trivial route any page doing 4 queries can get here.
 */
export const FOUR_QUERIES_PATH = '/bench/four-queries';

/**
 * The demo mounts the plugin with its defaults, as most hosts will; the bench reaches its
 * tables and routes through them (the package hands the demo no way to look inside).
 */
const DEMO_PLUGIN = { tablePrefix: 'sc_', apiPrefix: DEFAULT_API_PREFIX, bcryptRounds: 12 } as const;

export interface ShareOptions {
  password?: string;
  allowDownload?: boolean;
}

export interface QueryCount {
  /** Queries on the plugin's own tables, outside transactions. */
  plugin: number;
  /** Queries on the host's tables (the DamHost's metadata lookups). */
  host: number;
  /**
   * Statements inside transactions, BEGIN and COMMIT included. A visitor's request runs
   * none: these are the plugin's access events, written in batches on a timer of its own.
   */
  transactions: number;
}

export interface BenchHost {
  engine: Engine;
  baseUrl: string;
  knex: Knex;
  /** The table prefix and API path the demo's plugin uses. */
  plugin: typeof DEMO_PLUGIN;
  /** A store over the demo plugin's tables: it creates the benchmarks' collections directly. */
  collections: CollectionStore;
  /** Errors the server logged (unexpected failures, never the domain errors it answers with). */
  readonly loggedErrors: number;
  /** Ids of the catalog's real sample assets (files on disk). */
  sampleIds(): Promise<string[]>;
  /** Adds catalog rows until the catalog holds `total` assets; returns the first `total` ids. */
  seedAssets(total: number): Promise<string[]>;
  /** Creates a public collection of `assetIds` through the plugin's store; returns its token. */
  share(assetIds: readonly string[], options?: ShareOptions): Promise<string>;
  /** Requests `path` once and counts the queries it caused. */
  countQueries(path: string): Promise<QueryCount>;
  /** Counts every query from now until `stop()`, in `count`. */
  watchQueries(): { count: QueryCount; stop(): void };
  answered: ResponseTally['answered'];
  streamStarts: ResponseTally['streamStarts'];
  /** Registers files for the plain-server routes of file-baselines.ts. */
  addFileSet(name: string, files: readonly string[]): Promise<void>;
  /** Writes the access events the plugin holds in memory. */
  flushEvents(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The benchmarks download one archive after another from one address, far past the plugin's
 * `downloads.startsPerMinute`; the download flood passes the plugin's own limits instead.
 */
const LOOPING_DOWNLOADS: DownloadLimitOptions = { startsPerMinute: 1_000_000 };

export async function startBenchHost(engine: Engine, options: { downloads?: DownloadLimitOptions } = {}): Promise<BenchHost> {
  const { error: consoleError, info: consoleInfo } = console;
  const restoreConsole = () => Object.assign(console, { error: consoleError, info: consoleInfo });
  const database = await createTestDatabase(engine);
  const { knex } = database;
  try {
    const { app, sharing } = await createDemoApp({
      knex,
      dataDir: CACHED_DEMO_DATA_DIR,
      sampleCount: TEST_SAMPLE_COUNT,
      downloads: options.downloads ?? LOOPING_DOWNLOADS,
    });
    app.use(async function benchRoutes(ctx, next) {
      if (ctx.path === FOUR_QUERIES_PATH) {
        for (let query = 0; query < 4; query += 1) await knex('dam_users').where({ id: 1 }).first('id');
      } else if (ctx.path !== PING_PATH) {
        return next();
      }
      ctx.body = 'ok';
    });
    const baselines = createFileBaselines();
    app.use(baselines.middleware);
    // The demo's plugin logs unexpected failures through its default logger, the console, and
    // the demo prints every app 'error' but a client leaving mid-response: both are counted here.
    let loggedErrors = 0;
    console.error = (...args: unknown[]) => {
      loggedErrors += 1;
      consoleError(...args);
    };
    // The plugin's info lines (one JSON line per refused request or wrong password: thousands
    // under an attack or a flood) would bury the figures, and their cost would depend on where
    // stdout goes (a terminal, a pipe, a file). The benchmarks count answers on the client side.
    console.info = () => {};
    const server = createServer(app.callback());
    // Load tests open and close many connections; keep-alive clients must not be cut mid-run.
    server.keepAliveTimeout = 30_000;
    const tally = tallyResponses(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { tablePrefix } = DEMO_PLUGIN;
    // Collections this store creates have new tokens, which the plugin's public cache never holds.
    const collections = KnexCollectionStore.open({ knex, tablePrefix });
    const watchQueries = () => {
      const count: QueryCount = { plugin: 0, host: 0, transactions: 0 };
      const listener = (query: { sql: string; __knexTxId?: string }) => {
        if (query.__knexTxId) count.transactions += 1;
        else if (query.sql.includes(tablePrefix)) count.plugin += 1;
        else count.host += 1;
      };
      knex.on('query', listener);
      return { count, stop: () => void knex.off('query', listener) };
    };

    return {
      engine,
      baseUrl,
      knex,
      plugin: DEMO_PLUGIN,
      collections,
      get loggedErrors() {
        return loggedErrors;
      },
      sampleIds: async () => (await knex('dam_assets').orderBy('id').limit(TEST_SAMPLE_COUNT).pluck('id')).map(String),
      seedAssets: (total) => seedAssets(knex, total),
      async share(assetIds, options = {}) {
        const token = randomBytes(24).toString('base64url');
        const passwordHash = options.password === undefined ? null : await hashPassword(options.password, DEMO_PLUGIN.bcryptRounds);
        await collections.create({
          token, title: `Bench ${assetIds.length}`, description: 'Benchmark collection', isPublic: true, passwordHash,
          expiresAt: null, allowDownload: options.allowDownload ?? false, ownerId: '1', ownerName: 'Admin', assetIds, now: new Date(),
        });
        return token;
      },
      async countQueries(path) {
        const watch = watchQueries();
        try {
          const response = await fetch(`${baseUrl}${path}`);
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
        } finally {
          watch.stop();
        }
        return watch.count;
      },
      watchQueries,
      answered: tally.answered,
      streamStarts: tally.streamStarts,
      addFileSet: (name, files) => baselines.add(name, files),
      flushEvents: () => sharing.flushEvents(),
      async close() {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await sharing.flushEvents();
        restoreConsole();
        await database.destroy();
      },
    };
  } catch (error) {
    restoreConsole();
    await database.destroy();
    throw error;
  }
}
