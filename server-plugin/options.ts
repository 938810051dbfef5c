/**
 * The plugin's one options object: validated once, at construction, so a host that
 * passes bad options fails at start-up with a message naming the option.
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Registry } from 'prom-client';
import { DEFAULT_API_PREFIX, DEFAULT_PUBLIC_PREFIX } from '../shared/constants.js';
import { DAM_HOST_METHODS, type DamHost, OPTIONAL_DAM_HOST_METHODS } from './dam-host.js';

export interface ThrottleOptions {
  /** Failed unlocks allowed before back-off starts. Default 5. */
  freeAttempts?: number;
  /** First back-off delay, doubled on each further failure. Default 1 second. */
  baseDelaySeconds?: number;
  /** Longest back-off delay. Default 900 seconds (15 minutes). */
  maxDelaySeconds?: number;
  /** A counter is forgotten this long after its last failure. Default 3600 seconds. */
  windowSeconds?: number;
  /** Unknown-token requests allowed per client address per window. Default 30. */
  probeLimit?: number;
  /**
   * How long an unlock refused unchecked (429 throttled, 503 limiter busy) waits before it is
   * answered, so clients guessing in a loop send a few guesses a second, not as many as the
   * server can refuse; plus up to half again at random, so clients refused together do not
   * return together. 0 answers at once. Default 1 second.
   */
  refusalPauseSeconds?: number;
}

export interface DownloadLimitOptions {
  /**
   * Downloads (originals and ZIPs) one client address, or IPv6 /64, may stream at once; one
   * more answers 429 at once. Browsers open at most 6 connections to a server. Default 8.
   */
  perAddress?: number;
  /** Downloads this instance streams at once for all clients; one more answers 503 at once. Default 64. */
  total?: number;
}

export interface Logger {
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
  /** Refusals (429, 413, 503), failed unlocks, revoked downloads: one JSON line each. Optional. */
  info?(message: string): void;
  /** Downloads the client left before their end: one JSON line each. Optional. */
  debug?(message: string): void;
}

export interface MetricsOptions {
  /**
   * A prom-client `Registry` of the host's: the plugin registers its counters and gauges
   * (`shared_collections_*`) there, and the host serves it (e.g. `/metrics`). One plugin
   * instance per registry.
   */
  registry: Registry;
}

export interface SharedCollectionsOptions {
  /** The knex instance (MySQL/MariaDB or SQLite) the plugin's tables live in. Required. */
  knex: Knex;
  /** The host seam: current user, readable assets, metadata, files. Required. */
  host: DamHost;
  /** Where the owner API is mounted. Default '/api/shared-collections'. */
  apiPrefix?: string;
  /** Where the public pages are mounted. Default '/s'. */
  publicPrefix?: string;
  /** Prefix of the plugin's tables and of its migrations table. Default 'sc_'. */
  tablePrefix?: string;
  /** Absolute http(s) origin used in shared links (hosts behind a proxy). Default: the request's origin. */
  publicBaseUrl?: string;
  /** Cookie signing keys for recipients' unlock session. Default: the Koa app's `keys`. */
  keys?: string[];
  /** The clock. Default: the real one. */
  now?: () => Date;
  /** Source of randomness for tokens. Default: node:crypto `randomBytes`. */
  randomBytes?: (size: number) => Buffer;
  /** bcrypt cost factor of collection passwords, 4..15. Default 12. */
  bcryptRounds?: number;
  /** Limits on failed unlocks and unknown-token probes. Defaults per field. */
  throttle?: ThrottleOptions;
  /** Limits on concurrent downloads, per client and per instance. Defaults per field. */
  downloads?: DownloadLimitOptions;
  /** Seconds a request may wait (e.g. on a database that stopped answering) before it answers 503, 1..600; streaming bodies are not cut; each plugin query times out after the same time. Default 20. */
  requestTimeoutSeconds?: number;
  /**
   * Seconds each instance may reuse a link's collection, its rendered pages and known members,
   * 0..60 (0 turns the cache off). Changes made through another instance reach this one
   * within this time; changes through this instance and expiry take effect at once. Default 1.
   */
  publicCacheSeconds?: number;
  /** Where warnings, unexpected errors and (with `info`/`debug`) operational events go. Default: `console` (without debug). */
  logger?: Logger;
  /** Prometheus metrics on the host's prom-client registry. Default: none. */
  metrics?: MetricsOptions;
}

export interface ResolvedOptions {
  knex: Knex;
  host: DamHost;
  apiPrefix: string;
  publicPrefix: string;
  tablePrefix: string;
  /** Origin without a trailing slash, or undefined to use the request's origin. */
  publicBaseUrl: string | undefined;
  /** Undefined means "use the app's keys"; `mount` fails when neither exists. */
  keys: string[] | undefined;
  now: () => Date;
  randomBytes: (size: number) => Buffer;
  bcryptRounds: number;
  throttle: Required<ThrottleOptions>;
  downloads: Required<DownloadLimitOptions>;
  requestTimeoutSeconds: number;
  publicCacheSeconds: number;
  logger: Logger;
  metrics: MetricsOptions | undefined;
}

const PREFIX = 'createSharedCollections: options';
const TABLE_PREFIX_PATTERN = /^[a-z][a-z0-9_]{0,20}$/;
/** A mount path: starts with '/', no trailing slash, plain path characters only. */
const ROUTE_PREFIX_PATTERN = /^(\/[A-Za-z0-9._~-]+)+$/;

function fail(message: string): never {
  throw new TypeError(`${PREFIX}.${message}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseKnex(value: unknown): Knex {
  if (typeof value !== 'function' || typeof (value as Partial<Knex>).transaction !== 'function') {
    fail('knex is missing or is not a knex instance');
  }
  return value as Knex;
}

function parseHost(value: unknown): DamHost {
  if (!isObject(value)) fail('host is missing (an object implementing DamHost)');
  for (const method of DAM_HOST_METHODS) {
    if (typeof value[method] !== 'function') fail(`host is missing ${method}()`);
  }
  for (const method of OPTIONAL_DAM_HOST_METHODS) {
    if (value[method] !== undefined && typeof value[method] !== 'function') fail(`host.${method} must be a function when present`);
  }
  return value as unknown as DamHost;
}

function parseRoutePrefix(name: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !ROUTE_PREFIX_PATTERN.test(value)) {
    fail(`${name} must be a path like "${fallback}" (leading slash, no trailing slash)`);
  }
  return value;
}

function parseTablePrefix(value: unknown): string {
  if (value === undefined) return 'sc_';
  if (typeof value !== 'string' || !TABLE_PREFIX_PATTERN.test(value)) {
    fail('tablePrefix must match /^[a-z][a-z0-9_]{0,20}$/');
  }
  return value;
}

function parsePublicBaseUrl(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const message = 'publicBaseUrl must be an absolute http(s) origin such as "https://dam.example.com"';
  if (typeof value !== 'string') fail(message);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(message);
  }
  const pathless = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !pathless) fail(message);
  return url.origin;
}

function parseKeys(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || !value.every((key) => typeof key === 'string' && key.length > 0)) {
    fail('keys must be a non-empty array of non-empty strings');
  }
  return [...value];
}

function parseFunction<T>(name: string, value: unknown, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'function') fail(`${name} must be a function`);
  return value as T;
}

function parseInteger(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function parseThrottle(value: unknown): Required<ThrottleOptions> {
  if (value !== undefined && !isObject(value)) fail('throttle must be an object');
  const raw = (value ?? {}) as Record<string, unknown>;
  const throttle = {
    freeAttempts: parseInteger('throttle.freeAttempts', raw.freeAttempts, 5, 1, 1000),
    baseDelaySeconds: parseInteger('throttle.baseDelaySeconds', raw.baseDelaySeconds, 1, 1, 86_400),
    maxDelaySeconds: parseInteger('throttle.maxDelaySeconds', raw.maxDelaySeconds, 900, 1, 86_400),
    windowSeconds: parseInteger('throttle.windowSeconds', raw.windowSeconds, 3600, 1, 604_800),
    probeLimit: parseInteger('throttle.probeLimit', raw.probeLimit, 30, 1, 100_000),
    refusalPauseSeconds: parseInteger('throttle.refusalPauseSeconds', raw.refusalPauseSeconds, 1, 0, 60),
  };
  if (throttle.maxDelaySeconds < throttle.baseDelaySeconds) {
    fail('throttle.maxDelaySeconds must not be less than throttle.baseDelaySeconds');
  }
  return throttle;
}

function parseDownloads(value: unknown): Required<DownloadLimitOptions> {
  if (value !== undefined && !isObject(value)) fail('downloads must be an object');
  const raw = (value ?? {}) as Record<string, unknown>;
  const downloads = {
    perAddress: parseInteger('downloads.perAddress', raw.perAddress, 8, 1, 1000),
    total: parseInteger('downloads.total', raw.total, 64, 1, 100_000),
  };
  if (downloads.total < downloads.perAddress) fail('downloads.total must not be less than downloads.perAddress');
  return downloads;
}

/** The console without debug: a download the client left is no news on a terminal. */
const CONSOLE_LOGGER: Logger = { warn: console.warn, error: console.error, info: console.info };

function parseMetrics(value: unknown): MetricsOptions | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || !isObject(value.registry) || typeof value.registry.registerMetric !== 'function') {
    fail('metrics.registry must be a prom-client Registry');
  }
  return value as unknown as MetricsOptions;
}

function parseLogger(value: unknown): Logger {
  if (value === undefined) return CONSOLE_LOGGER;
  if (!isObject(value) || typeof value.warn !== 'function' || typeof value.error !== 'function') {
    fail('logger must have warn() and error() methods');
  }
  return value as unknown as Logger;
}

/**
 * Validates the host's options and fills in every default.
 *
 * @example
 * const options = parseOptions({ knex, host });
 * options.apiPrefix; // '/api/shared-collections'
 */
export function parseOptions(raw: unknown): ResolvedOptions {
  if (!isObject(raw)) throw new TypeError('createSharedCollections: options must be an object with at least knex and host');
  const apiPrefix = parseRoutePrefix('apiPrefix', raw.apiPrefix, DEFAULT_API_PREFIX);
  const publicPrefix = parseRoutePrefix('publicPrefix', raw.publicPrefix, DEFAULT_PUBLIC_PREFIX);
  if (apiPrefix === publicPrefix) fail('publicPrefix must differ from options.apiPrefix');
  return {
    knex: parseKnex(raw.knex),
    host: parseHost(raw.host),
    apiPrefix,
    publicPrefix,
    tablePrefix: parseTablePrefix(raw.tablePrefix),
    publicBaseUrl: parsePublicBaseUrl(raw.publicBaseUrl),
    keys: parseKeys(raw.keys),
    now: parseFunction('now', raw.now, () => new Date()),
    randomBytes: parseFunction('randomBytes', raw.randomBytes, cryptoRandomBytes),
    bcryptRounds: parseInteger('bcryptRounds', raw.bcryptRounds, 12, 4, 15),
    throttle: parseThrottle(raw.throttle),
    downloads: parseDownloads(raw.downloads),
    requestTimeoutSeconds: parseInteger('requestTimeoutSeconds', raw.requestTimeoutSeconds, 20, 1, 600),
    publicCacheSeconds: parseInteger('publicCacheSeconds', raw.publicCacheSeconds, 1, 0, 60),
    logger: parseLogger(raw.logger),
    metrics: parseMetrics(raw.metrics),
  };
}

/** What `migrateSharedCollections` needs: the database and the table prefix the plugin uses. */
export interface MigrationOptions {
  /** The knex instance the plugin's tables live in. Required. */
  knex: Knex;
  /** The same `tablePrefix` given to `createSharedCollections`. Default 'sc_'. */
  tablePrefix?: string;
}

/** Validates `migrateSharedCollections`'s options with the same rules as the factory's. */
export function parseMigrationOptions(raw: unknown): Required<MigrationOptions> {
  if (!isObject(raw)) throw new TypeError('migrateSharedCollections: options must be an object with at least knex');
  return { knex: parseKnex(raw.knex), tablePrefix: parseTablePrefix(raw.tablePrefix) };
}
