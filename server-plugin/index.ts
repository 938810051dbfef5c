/**
 * The package entry of `koa-shared-collections`: everything a host may use, and nothing
 * else (the package's `exports` map reaches only this file). One call validates the
 * options, one runs the migrations, one mounts the owner API and the public pages.
 *
 * @example
 * import { createSharedCollections } from 'koa-shared-collections';
 *
 * const sharedCollections = createSharedCollections({ knex, host: yourDamHost });
 * await sharedCollections.migrate();
 * sharedCollections.mount(app);
 */
import { parseMigrationOptions, type MigrationOptions, type SharedCollectionsOptions } from './options.js';
import { createPlugin, type SharedCollections } from './plugin.js';
import { migrateLatest } from './store/migrate.js';

export type { AssetMetadata, AssetStream, ByteRange, DamHost, DamUser, OpenableAsset, OriginalOpener, PlayableRendition, RenditionKind, Role } from './dam-host.js';
export type { DownloadLimitOptions, Logger, MetricsOptions, MigrationOptions, SharedCollectionsOptions, ThrottleOptions } from './options.js';
export type { SharedCollections } from './plugin.js';
export { STATUS_BY_ERROR_CODE } from '../shared/constants.js';
export {
  ConflictError,
  DomainError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  UnauthenticatedError,
  UnavailableError,
  ValidationError,
  type ErrorCode,
  type FieldIssue,
} from '../shared/errors.js';
export {
  isConflictError,
  isDomainError,
  isForbiddenError,
  isGoneError,
  isNotFoundError,
  isPayloadTooLargeError,
  isRateLimitedError,
  isUnauthenticatedError,
  isUnavailableError,
  isValidationError,
} from '../shared/error-guards.js';
export { isDatabaseOutage } from './store/database-outage.js';

/**
 * Validates `options` now, so a bad option fails at start-up with a message naming it
 * (`createSharedCollections: options.host is missing openOriginal()`).
 *
 * @example
 * const sharedCollections = createSharedCollections({ knex, host: yourDamHost, publicBaseUrl: 'https://dam.example.com' });
 */
export function createSharedCollections(options: SharedCollectionsOptions): SharedCollections {
  const { migrate, mount, flushEvents } = createPlugin(options);
  return { migrate, mount, flushEvents };
}

/**
 * Creates or upgrades the plugin's tables without creating the plugin, e.g. in a deploy
 * step that runs before any server starts. The same as `sharedCollections.migrate()`; safe
 * when several instances run it at once.
 *
 * @example
 * await migrateSharedCollections({ knex, tablePrefix: 'sc_' });
 */
export async function migrateSharedCollections(options: MigrationOptions): Promise<void> {
  const { knex, tablePrefix } = parseMigrationOptions(options);
  await migrateLatest(knex, tablePrefix);
}
