/**
 * The plugin's face: one call validates the options, one runs the migrations, one
 * mounts everything on the host's Koa app.
 *
 * @example
 * const sharedCollections = createSharedCollections({ knex, host });
 * await sharedCollections.migrate();
 * sharedCollections.mount(app);
 */
import type Koa from 'koa';
import { CollectionService } from './collection-service.js';
import { createOwnerRouter } from './http/owner-router.js';
import { parseOptions, type ResolvedOptions, type SharedCollectionsOptions } from './options.js';
import { createPublicRouter } from './public/public-router.js';
import { KnexCollectionStore } from './store/collection-store.js';
import { migrateLatest } from './store/migrate.js';
import { KnexThrottleStore } from './store/throttle-store.js';
import type { CollectionStore, ThrottleStore } from './store/types.js';

export type { DamHost, DamUser, AssetMetadata, AssetStream, ByteRange, RenditionKind, Role } from './dam-host.js';
export type { SharedCollectionsOptions, ResolvedOptions } from './options.js';

export interface SharedCollections {
  /** Creates or upgrades the plugin's tables (own migrations table `<tablePrefix>migrations`). */
  migrate(): Promise<void>;
  /** Adds the owner API and the public pages to `app`; throws when no cookie keys are available. */
  mount(app: Koa): void;
  /** The validated options with every default filled in. */
  readonly options: ResolvedOptions;
  /** The stores, for hosts and tests that need to look inside. */
  readonly collections: CollectionStore;
  readonly throttle: ThrottleStore;
}

/** Validates `rawOptions` now, so a bad option fails at start-up with a message naming it. */
export function createSharedCollections(rawOptions: SharedCollectionsOptions): SharedCollections {
  const options = parseOptions(rawOptions);
  const { knex, tablePrefix, host } = options;
  const collections = KnexCollectionStore.open({ knex, tablePrefix });
  const throttle = KnexThrottleStore.open({ knex, tablePrefix });
  const service = new CollectionService(collections, host, options);

  return {
    options,
    collections,
    throttle,
    migrate: () => migrateLatest(knex, tablePrefix),
    mount(app) {
      // Built first: it throws when neither options.keys nor app.keys can sign the unlock cookie.
      const publicSide = createPublicRouter({ app, options, collections, throttle, host });
      app.use(createOwnerRouter({ options, host, service }));
      app.use(publicSide);
    },
  };
}
