/**
 * The plugin's one options object: validated once, at construction, so a host that
 * passes bad options fails at start-up with a message naming the option.
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Registry } from 'prom-client';
import * as v from 'valibot';
import { DEFAULT_API_PREFIX, DEFAULT_PUBLIC_PREFIX } from '../shared/constants.js';
import { DAM_HOST_METHODS, type DamHost, OPTIONAL_DAM_HOST_METHODS } from './dam-host.js';

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

/** A function option's value, typed: valibot checks only that it is a function. */
const fn = <T extends (...args: never[]) => unknown>(name: string) => v.custom<T>((value) => typeof value === 'function', `${name} must be a function`);

/** An optional whole number in [min, max], `fallback` when absent. */
const wholeNumber = (name: string, fallback: number, min: number, max: number) => {
  const message = `${name} must be a whole number from ${min} to ${max}`;
  return v.optional(v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message)), fallback);
};

const TABLE_PREFIX_PATTERN = /^[a-z][a-z0-9_]{0,20}$/;
const TABLE_PREFIX = 'tablePrefix must match /^[a-z][a-z0-9_]{0,20}$/';
const tablePrefix = v.optional(v.pipe(v.string(TABLE_PREFIX), v.regex(TABLE_PREFIX_PATTERN, TABLE_PREFIX)), 'sc_');

/** A mount path: starts with '/', no trailing slash, plain path characters only. */
const ROUTE_PREFIX_PATTERN = /^(\/[A-Za-z0-9._~-]+)+$/;
const routePrefix = (name: string, fallback: string) => {
  const message = `${name} must be a path like "${fallback}" (leading slash, no trailing slash)`;
  return v.optional(v.pipe(v.string(message), v.regex(ROUTE_PREFIX_PATTERN, message)), fallback);
};

const knex = v.custom<Knex>(
  (value) => typeof value === 'function' && typeof (value as Partial<Knex>).transaction === 'function',
  'knex is missing or is not a knex instance',
);

/** The first method a host lacks (or has as something else than a function), if any. */
function hostProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'host is missing (an object implementing DamHost)';
  const host = value as Record<string, unknown>;
  const missing = DAM_HOST_METHODS.find((method) => typeof host[method] !== 'function');
  if (missing) return `host is missing ${missing}()`;
  const wrong = OPTIONAL_DAM_HOST_METHODS.find((method) => host[method] !== undefined && typeof host[method] !== 'function');
  return wrong && `host.${wrong} must be a function when present`;
}
const host = v.custom<DamHost>((value) => hostProblem(value) === undefined, (issue) => hostProblem(issue.input)!);

const PUBLIC_BASE_URL = 'publicBaseUrl must be an absolute http(s) origin such as "https://dam.example.com"';
/** The origin of an http(s) URL with nothing after it, or undefined. */
function originOf(text: string): string | undefined {
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  const pathless = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  return (url.protocol === 'http:' || url.protocol === 'https:') && pathless ? url.origin : undefined;
}
const publicBaseUrl = v.optional(
  v.pipe(v.string(PUBLIC_BASE_URL), v.check((text) => originOf(text) !== undefined, PUBLIC_BASE_URL), v.transform((text) => originOf(text)!)),
);

const KEYS = 'keys must be a non-empty array of non-empty strings';
const keys = v.optional(v.pipe(v.array(v.pipe(v.string(KEYS), v.nonEmpty(KEYS)), KEYS), v.nonEmpty(KEYS)));

const throttle = v.pipe(
  v.optional(
    v.object(
      {
        /** Failed unlocks allowed before back-off starts. Default 5. */
        freeAttempts: wholeNumber('throttle.freeAttempts', 5, 1, 1000),
        /** First back-off delay, doubled on each further failure. Default 1 second. */
        baseDelaySeconds: wholeNumber('throttle.baseDelaySeconds', 1, 1, 86_400),
        /** Longest back-off delay. Default 900 seconds (15 minutes). */
        maxDelaySeconds: wholeNumber('throttle.maxDelaySeconds', 900, 1, 86_400),
        /** A counter is forgotten this long after its last failure. Default 3600 seconds. */
        windowSeconds: wholeNumber('throttle.windowSeconds', 3600, 1, 604_800),
        /** Unknown-token requests allowed per client address per window. Default 30. */
        probeLimit: wholeNumber('throttle.probeLimit', 30, 1, 100_000),
        /**
         * How long an unlock refused unchecked (429 throttled, 503 limiter busy) waits before it is
         * answered, so clients guessing in a loop send a few guesses a second, not as many as the
         * server can refuse; plus up to half again at random, so clients refused together do not
         * return together. The same pause holds a download refused to a client that keeps asking
         * at its limit (see `downloads.perAddress`). 0 answers at once. Default 1 second.
         */
        refusalPauseSeconds: wholeNumber('throttle.refusalPauseSeconds', 1, 0, 60),
      },
      'throttle must be an object',
    ),
    {},
  ),
  v.check((limits) => limits.maxDelaySeconds >= limits.baseDelaySeconds, 'throttle.maxDelaySeconds must not be less than throttle.baseDelaySeconds'),
);

const downloads = v.pipe(
  v.optional(
    v.object(
      {
        /**
         * Downloads (originals and ZIPs) one client address, or IPv6 /64, may stream at once; one
         * more answers 429 at once, and after two such refusals in a row each further one waits
         * `throttle.refusalPauseSeconds` first. Browsers open at most 6 connections to a server. Default 8.
         */
        perAddress: wholeNumber('downloads.perAddress', 8, 1, 1000),
        /** Downloads this instance streams at once for all clients; one more answers 503 at once. Default 64. */
        total: wholeNumber('downloads.total', 64, 1, 100_000),
        /**
         * Downloads one client address, or IPv6 /64, may start in a minute (a resumed range is a
         * start): all at once, then one every 60/startsPerMinute seconds as the minute refills.
         * One more answers 429 with the seconds until the next, paused as `perAddress` refusals
         * are. A client asking for the same archive again and again costs the instance a listing
         * and an open of every file each time, whatever its bandwidth. A refusal past the second
         * in a row (for either limit) spends one of the client's starts, so a loop that never
         * waits for its `Retry-After` is never served. Default 60.
         */
        startsPerMinute: wholeNumber('downloads.startsPerMinute', 60, 1, 1_000_000),
      },
      'downloads must be an object',
    ),
    {},
  ),
  v.check((limits) => limits.total >= limits.perAddress, 'downloads.total must not be less than downloads.perAddress'),
);

/**
 * The console without debug: a download the client left is no news on a terminal. Each call
 * looks the method up when it logs, so a console replaced after start-up (a harness counting
 * errors, a log shipper) hears the plugin too.
 */
const CONSOLE_LOGGER: Logger = {
  warn: (...args) => console.warn(...args),
  error: (...args) => console.error(...args),
  info: (...args) => console.info(...args),
};
const logger = v.optional(
  v.custom<Logger>((value) => {
    const candidate = value as Partial<Logger> | null;
    return typeof candidate?.warn === 'function' && typeof candidate.error === 'function';
  }, 'logger must have warn() and error() methods'),
  CONSOLE_LOGGER,
);

const metrics = v.optional(
  v.custom<MetricsOptions>(
    (value) => typeof (value as { registry?: { registerMetric?: unknown } } | null)?.registry?.registerMetric === 'function',
    'metrics.registry must be a prom-client Registry',
  ),
);

/** Every option, its check and its default, declared once; the types below derive from it. */
const optionsSchema = v.pipe(
  v.object({
    /** The knex instance (MySQL/MariaDB or SQLite) the plugin's tables live in. Required. */
    knex,
    /** The host seam: current user, readable assets, metadata, files. Required. */
    host,
    /** Where the owner API is mounted. Default '/api/shared-collections'. */
    apiPrefix: routePrefix('apiPrefix', DEFAULT_API_PREFIX),
    /** Where the public pages are mounted. Default '/s'. */
    publicPrefix: routePrefix('publicPrefix', DEFAULT_PUBLIC_PREFIX),
    /** Prefix of the plugin's tables and of its migrations table, /^[a-z][a-z0-9_]{0,20}$/. Default 'sc_'. */
    tablePrefix,
    /** Absolute http(s) origin used in shared links (hosts behind a proxy). Default: the request's origin. */
    publicBaseUrl,
    /** Cookie signing keys for recipients' unlock session; the first signs, every one verifies. Default: the Koa app's `keys`. */
    keys,
    /** The clock. Default: the real one. */
    now: v.optional(fn<() => Date>('now'), () => () => new Date()),
    /** Source of randomness for tokens. Default: node:crypto `randomBytes`. */
    randomBytes: v.optional(fn<(size: number) => Buffer>('randomBytes'), () => cryptoRandomBytes),
    /** bcrypt cost factor of collection passwords, 4..15. Default 12. */
    bcryptRounds: wholeNumber('bcryptRounds', 12, 4, 15),
    /** Limits on failed unlocks and unknown-token probes. Defaults per field. */
    throttle,
    /** Limits on downloads: running at once per client and per instance, started per client per minute. Defaults per field. */
    downloads,
    /** Seconds a request may wait (e.g. on a database that stopped answering) before it answers 503, 1..600; streaming bodies are not cut; each plugin query times out after the same time. Default 20. */
    requestTimeoutSeconds: wholeNumber('requestTimeoutSeconds', 20, 1, 600),
    /**
     * Seconds each instance may reuse a link's collection, its rendered pages and known members,
     * 0..60 (0 turns the cache off). Changes made through another instance reach this one
     * within this time; changes through this instance and expiry take effect at once. Default 1.
     */
    publicCacheSeconds: wholeNumber('publicCacheSeconds', 1, 0, 60),
    /** Whether public pages say who shared them ("Shared by <owner's display name>"; never an email). Default true. */
    showOwnerName: v.optional(v.boolean('showOwnerName must be true or false'), true),
    /** Where warnings, unexpected errors and (with `info`/`debug`) operational events go. Default: `console` (without debug). */
    logger,
    /** Prometheus metrics on the host's prom-client registry. Default: none. */
    metrics,
  }),
  v.check((options) => options.apiPrefix !== options.publicPrefix, 'publicPrefix must differ from options.apiPrefix'),
  // Options without a default are there, as undefined, when not given: "not set" is a value here.
  v.transform((options) => ({ ...options, publicBaseUrl: options.publicBaseUrl, keys: options.keys, metrics: options.metrics })),
);

/** What a host passes to `createSharedCollections`. */
export type SharedCollectionsOptions = v.InferInput<typeof optionsSchema>;
/** The options with every default filled in. */
export type ResolvedOptions = v.InferOutput<typeof optionsSchema>;
export type ThrottleOptions = NonNullable<SharedCollectionsOptions['throttle']>;
export type DownloadLimitOptions = NonNullable<SharedCollectionsOptions['downloads']>;

/** Parses `raw` with `schema`; the first problem becomes a TypeError naming the option. */
function parseWith<T>(schema: v.GenericSchema<unknown, T>, raw: unknown, caller: string, required: string): T {
  if (typeof raw !== 'object' || raw === null) throw new TypeError(`${caller}: options must be an object with at least ${required}`);
  const result = v.safeParse(schema, raw, { abortEarly: true });
  if (result.success) return result.output;
  const [issue] = result.issues;
  // A required key that is absent fails before its own check could word the message.
  const missing = issue.input === undefined && issue.type === 'object' ? issue.path?.[0]?.key : undefined;
  throw new TypeError(`${caller}: options.${missing === undefined ? issue.message : `${String(missing)} is missing`}`);
}

/**
 * Validates the host's options and fills in every default.
 *
 * @example
 * const options = parseOptions({ knex, host });
 * options.apiPrefix; // '/api/shared-collections'
 */
export function parseOptions(raw: unknown): ResolvedOptions {
  return parseWith(optionsSchema, raw, 'createSharedCollections', 'knex and host');
}

const migrationSchema = v.object({
  /** The knex instance the plugin's tables live in. Required. */
  knex,
  /** The same `tablePrefix` given to `createSharedCollections`. Default 'sc_'. */
  tablePrefix,
});

/** What `migrateSharedCollections` needs: the database and the table prefix the plugin uses. */
export type MigrationOptions = v.InferInput<typeof migrationSchema>;

/** Validates `migrateSharedCollections`'s options with the same rules as the factory's. */
export function parseMigrationOptions(raw: unknown): Required<MigrationOptions> {
  return parseWith(migrationSchema, raw, 'migrateSharedCollections', 'knex');
}
