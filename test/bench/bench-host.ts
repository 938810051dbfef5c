/**
 * The real demo DAM, which mounts the Shared Collections plugin itself, on 127.0.0.1 port 0,
 * over a fresh database, for the benchmarks. It adds what a benchmark needs and the demo
 * does not have: routes to compare against, catalog rows in bulk, collections
 * created straight through the plugin's store, and a count of the queries one request costs.
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
import { hashPassword } from '../../server-plugin/passwords.js';
import { KnexCollectionStore } from '../../server-plugin/store/collection-store.js';
import type { CollectionStore } from '../../server-plugin/store/types.js';
import { chunk, INSERT_CHUNK } from '../../server-plugin/store/rows.js';
import { createTestDatabase, type Engine } from '../helpers/databases.js';
import { CACHED_DEMO_DATA_DIR, TEST_SAMPLE_COUNT } from '../helpers/demo-server.js';

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
  /** Queries on the plugin's own tables. */
  plugin: number;
  /** Queries on the host's tables (the DamHost's metadata lookups). */
  host: number;
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
  close(): Promise<void>;
}

export async function startBenchHost(engine: Engine): Promise<BenchHost> {
  const { error: consoleError, info: consoleInfo } = console;
  const restoreConsole = () => Object.assign(console, { error: consoleError, info: consoleInfo });
  const database = await createTestDatabase(engine);
  const { knex } = database;
  try {
    const { app, sharing } = await createDemoApp({ knex, dataDir: CACHED_DEMO_DATA_DIR, sampleCount: TEST_SAMPLE_COUNT });
    app.use(async function benchRoutes(ctx, next) {
      if (ctx.path === FOUR_QUERIES_PATH) {
        for (let query = 0; query < 4; query += 1) await knex('dam_users').where({ id: 1 }).first('id');
      } else if (ctx.path !== PING_PATH) {
        return next();
      }
      ctx.body = 'ok';
    });
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
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { tablePrefix } = DEMO_PLUGIN;
    // Collections this store creates have new tokens, which the plugin's public cache never holds.
    const collections = KnexCollectionStore.open({ knex, tablePrefix });

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
        const count: QueryCount = { plugin: 0, host: 0 };
        const listener = (query: { sql: string }) => {
          if (query.sql.includes(tablePrefix)) count.plugin += 1;
          else count.host += 1;
        };
        knex.on('query', listener);
        try {
          const response = await fetch(`${baseUrl}${path}`);
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
        } finally {
          knex.off('query', listener);
        }
        return count;
      },
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

/**
 * Extra catalog rows copy the first sample's metadata. They name no file on disk: the
 * benchmarks that use them (gallery pages, data.json, the owner API) read metadata only,
 * and the ZIP benchmarks use the real samples.
 */
async function seedAssets(knex: Knex, total: number): Promise<string[]> {
  const existing = Number((await knex('dam_assets').count({ n: '*' }))[0]!.n);
  const template = await knex('dam_assets').orderBy('id').first();
  const now = new Date();
  const rows = Array.from({ length: Math.max(0, total - existing) }, (_, index) => {
    const filename = `bench-${String(existing + index + 1).padStart(5, '0')}.jpg`;
    return {
      filename, search_name: filename, mime: template.mime, size: template.size, width: template.width, height: template.height,
      relative_path: `bench-missing/${filename}`, created_at: now, modified_at: now,
    };
  });
  await knex.transaction(async (trx) => {
    for (const batch of chunk(rows, INSERT_CHUNK)) await trx('dam_assets').insert(batch);
  });
  return (await knex('dam_assets').orderBy('id').limit(total).pluck('id')).map(String);
}
