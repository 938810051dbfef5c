import Koa from 'koa';
import type { Knex } from 'knex';
import { createSharedCollections, type DamHost, type DownloadLimitOptions, type SharedCollections } from 'koa-shared-collections';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createAssetStore } from './asset-store.js';
import { createDemoDamHost } from './dam-host.js';
import { ensureSessionKeys } from './ensure-session-keys.js';
import { createApiRoutes } from './http/api-routes.js';
import { createAssetRoutes } from './http/asset-routes.js';
import { createAuthRoutes } from './http/auth-routes.js';
import { isClientDisconnect } from './http/client-disconnects.js';
import { errorMiddleware } from './http/error-middleware.js';
import { createMetricsRoutes } from './http/metrics-routes.js';
import { createPageRoutes } from './http/page-routes.js';
import { migrateHost } from './migrate-host.js';
import { createRenditionCache } from './rendition-cache.js';
import { ensureSampleCatalog, type SampleCatalogResult } from './samples/ensure-sample-catalog.js';
import { ensureSampleMedia } from './samples/ensure-sample-media.js';
import { createHostSession } from './session.js';
import { createSessionStore } from './session-store.js';
import { createTagStore } from './tag-store.js';
import { createUserStore } from './user-store.js';

export interface DemoAppOptions {
  /** The database for the host's tables (and the plugin's). */
  knex: Knex;
  /** Where sample originals and cached renditions live (`originals/`, `renditions/`). */
  dataDir: string;
  /** Origin used in shared links, for hosts behind a proxy. Default: the request's origin. */
  publicBaseUrl?: string | undefined;
  /** Password of the seeded accounts. Default: `demo`. */
  demoPassword?: string | undefined;
  /** How many sample images the catalog holds. Default: 120. */
  sampleCount?: number | undefined;
  /** Whether the catalog also holds a video, a PDF and a text file (`npm start` adds them). Default: false. */
  sampleMedia?: boolean | undefined;
  /** Cookie signing keys. Default: a random key created once and kept in the database. */
  sessionKeys?: string[] | undefined;
  /** The plugin's download limits (benchmarks that download in a loop raise them). Default: the plugin's. */
  downloads?: DownloadLimitOptions | undefined;
}

export interface DemoApp {
  app: Koa;
  damHost: DamHost;
  /** The mounted plugin: `npm start` calls `sharing.flushEvents()` at shutdown. */
  sharing: SharedCollections;
  /** The process's and the plugin's metrics, served to administrators at `/metrics`. */
  metrics: Registry;
  /** What this start had to generate (nothing, once the catalog exists). */
  samples: SampleCatalogResult;
}

export const DEFAULT_SAMPLE_COUNT = 120;
const MAX_SAMPLE_COUNT = 10_000;

/**
 * Builds the demo DAM: runs its migrations, seeds the accounts and the sample catalog
 * (idempotent), and returns a Koa app ready to `listen`.
 *
 * @example
 * const { app } = await createDemoApp({ knex: createKnex({ dataDir: './data' }), dataDir: './data' });
 * app.listen(3000, '127.0.0.1');
 */
export async function createDemoApp(options: DemoAppOptions): Promise<DemoApp> {
  const { knex, dataDir, publicBaseUrl } = options;
  const demoPassword = options.demoPassword ?? 'demo';
  const sampleCount = options.sampleCount ?? DEFAULT_SAMPLE_COUNT;
  if (typeof dataDir !== 'string' || dataDir === '') throw new TypeError('createDemoApp: dataDir must be a directory path');
  if (demoPassword === '') throw new TypeError('createDemoApp: demoPassword must not be empty');
  if (!Number.isInteger(sampleCount) || sampleCount < 0 || sampleCount > MAX_SAMPLE_COUNT) {
    throw new TypeError(`createDemoApp: sampleCount must be a whole number from 0 to ${MAX_SAMPLE_COUNT}`);
  }
  if (options.sessionKeys?.length === 0) throw new TypeError('createDemoApp: sessionKeys must hold at least one key');

  await migrateHost(knex);
  const users = createUserStore(knex);
  const assets = createAssetStore(knex);
  const tags = createTagStore(knex);
  await users.seed(demoPassword);
  const samples = await ensureSampleCatalog({ knex, dataDir, count: sampleCount });
  if (options.sampleMedia) await ensureSampleMedia({ knex, dataDir });
  const keys = options.sessionKeys ?? (await ensureSessionKeys(knex));

  const damHost = createDemoDamHost({ users, assets, renditions: createRenditionCache(dataDir), dataDir });
  // The plugin validates its options now, so a bad option stops the start, not a later request.
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const sharing = createSharedCollections({
    knex,
    host: damHost,
    metrics: { registry: metrics },
    ...(publicBaseUrl ? { publicBaseUrl } : {}),
    ...(options.downloads ? { downloads: options.downloads } : {}),
  });
  await sharing.migrate();

  const app = new Koa({ keys });
  app.on('error', (error: unknown) => {
    if (!isClientDisconnect(error) && !app.silent) console.error(error);
  });
  app.use(errorMiddleware());
  app.use(async function hostHeaders(ctx, next) {
    await next();
    ctx.set('X-Content-Type-Options', 'nosniff');
    // No page of the DAM may be framed by another site (clickjacking the catalog's actions).
    ctx.set('X-Frame-Options', 'DENY');
    if (!ctx.response.get('Content-Security-Policy')) ctx.set('Content-Security-Policy', "frame-ancestors 'none'");
    // Only a default: the plugin's public pages send `no-referrer` (their URL holds the token).
    if (!ctx.response.get('Referrer-Policy')) ctx.set('Referrer-Policy', 'same-origin');
  });
  // The host session comes before the plugin: the plugin asks DamHost, DamHost reads this session.
  app.use(createHostSession(app, createSessionStore(knex)));

  // Shared Collections: mounted exactly as a third-party host would (owner API and public pages).
  sharing.mount(app);

  const routers = [
    createAuthRoutes(users),
    createPageRoutes(damHost),
    createAssetRoutes(damHost, assets),
    createApiRoutes(damHost, assets, tags),
    createMetricsRoutes(damHost, metrics),
  ];
  for (const router of routers) app.use(router.routes());
  app.use(async function apiNotFound(ctx, next) {
    await next();
    if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api/')) {
      ctx.status = 404;
      ctx.body = { error: { code: 'not_found', message: 'No such API route.' } };
    }
  });
  return { app, damHost, sharing, metrics, samples };
}
