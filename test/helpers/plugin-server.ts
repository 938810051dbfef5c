/**
 * The plugin mounted on a bare Koa app (no host code at all), on port 0: what the owner-API,
 * public-side, security and resilience suites drive over real HTTP.
 *
 * By default it runs over a fresh database on `engine` with a fake DamHost holding a1..a5,
 * and `close()` removes both. The options cover what suites vary: `knex` for a database the
 * test owns (several instances over one database, or one reached through a proxy), `proxy`
 * to trust `X-Forwarded-For` so a test chooses each request's client address, `now` for a
 * stepped clock, `host` for another fake.
 *
 * @example
 * const server = await startPluginServer({ engine });
 * const res = await server.as('editor1:editor').post(API, { title: 'T', assetIds: ['a1'] });
 * await server.close();
 *
 * @example
 * // Two instances over one database, behind a load balancer.
 * const a = await startPluginServer({ knex, host, proxy: true });
 * await a.request('POST', `/s/${token}/unlock`, { form: { password: 'x' }, clientIp: '203.0.113.7' });
 */
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import Koa from 'koa';
import type { DamHost } from '../../server-plugin/dam-host.js';
import type { SharedCollectionsOptions } from '../../server-plugin/options.js';
import { createPlugin, type Plugin } from '../../server-plugin/plugin.js';
import { createTestDatabase, type Engine } from './databases.js';
import { createFakeDamHost, type FakeDamHost, TEST_USER_HEADER } from './fake-dam-host.js';

export const API = '/api/shared-collections';

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: any;
  /** `name=value` of the first `Set-Cookie`, ready to send back. */
  cookie: string | undefined;
}

export interface RequestOptions {
  /** Sent as `application/json`, unless `body` is given (which is then sent instead). */
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  /** A raw body, sent as is. */
  body?: string | Buffer;
  /** `'<id>:<role>'` for the fake host's signed-in user (see TEST_USER_HEADER). */
  user?: string;
  /** The client address, sent as `X-Forwarded-For` (heeded with `proxy: true`). */
  clientIp?: string;
  /** A `Cookie` header value. */
  cookie?: string;
  /** Sent last, so they override any of the above. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Owner-API requests as one user: every method but GET and HEAD says `Content-Type: application/json`. */
export interface RequestHelper {
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  get(path: string, options?: RequestOptions): Promise<TestResponse>;
  post(path: string, json: unknown, options?: RequestOptions): Promise<TestResponse>;
  patch(path: string, json: unknown, options?: RequestOptions): Promise<TestResponse>;
  /** Sends `Content-Type: application/json` too (optional for DELETE, refused when not JSON). */
  delete(path: string, options?: RequestOptions): Promise<TestResponse>;
}

export interface PluginServer<H extends DamHost = FakeDamHost> {
  baseUrl: string;
  /** The plugin's database: the fresh one on `engine`, or the caller's `knex`. */
  knex: Knex;
  plugin: Plugin;
  host: H;
  /** Moves the default clock forward (not a `now` passed in). */
  advanceClock(milliseconds: number): void;
  /** How many access events of `kind` are stored, once the plugin's buffered ones are written. */
  countEvents(kind: string): Promise<number>;
  /** What Koa reported through `app.on('error')`. */
  appErrors: (Error & { code?: string })[];
  /** One request; a `Content-Type` is sent only for `json` or `form`. */
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  /** Requests as `'<id>:<role>'` (see TEST_USER_HEADER), or anonymously with null. */
  as(user: string | null): RequestHelper;
  /** Closes the HTTP server, and the database when it was opened on `engine` (a `knex` passed in is the caller's). */
  close(): Promise<void>;
}

export interface PluginServerOptions<H extends DamHost = FakeDamHost> {
  /** Opens a fresh database on this engine. Give this or `knex`. */
  engine?: Engine;
  /** A database the caller owns and closes, e.g. shared by two instances. Give this or `engine`. */
  knex?: Knex;
  /** Default: `createFakeDamHost` with assets a1..a5. */
  host?: H;
  /** Trust `X-Forwarded-For` (Koa's `app.proxy`), as behind a load balancer. Default false. */
  proxy?: boolean;
  /** The plugin's clock. Default: the real one, moved by `advanceClock`. */
  now?: () => Date;
  /** Run the plugin's migrations first. Default true. */
  migrate?: boolean;
  /** Keep Koa's errors in `appErrors` only, unprinted (Koa's `app.silent`). Default false. */
  silent?: boolean;
  /** The Koa app's own `keys` (give `options: { keys: undefined }` to have the plugin use them). */
  appKeys?: Koa['keys'];
  /**
   * Any other plugin options. Defaults: `bcryptRounds` 4, a test `keys`, and
   * `throttle.refusalPauseSeconds` 0 (refusals answer at once: suites that provoke hundreds
   * of them are not about the pause).
   */
  options?: Partial<SharedCollectionsOptions>;
}

export async function startPluginServer<H extends DamHost = FakeDamHost>(config: PluginServerOptions<H>): Promise<PluginServer<H>> {
  if ((config.engine === undefined) === (config.knex === undefined)) throw new TypeError('startPluginServer: give either engine or knex');
  const db = config.engine === undefined ? undefined : await createTestDatabase(config.engine);
  const knex = db?.knex ?? config.knex!;
  const host = config.host ?? (createFakeDamHost({ assetIds: ['a1', 'a2', 'a3', 'a4', 'a5'] }) as DamHost as H);
  let offset = 0;
  const plugin = createPlugin({
    knex,
    host,
    now: config.now ?? (() => new Date(Date.now() + offset)),
    bcryptRounds: 4,
    keys: ['plugin-server-test-key'],
    ...config.options,
    throttle: { refusalPauseSeconds: 0, ...config.options?.throttle },
    // Suites download far more often than a person does; the limit has tests of its own.
    downloads: { startsPerMinute: 1_000_000, ...config.options?.downloads },
  });
  if (config.migrate ?? true) await plugin.migrate();
  const app = new Koa({ proxy: config.proxy ?? false });
  if (config.appKeys) app.keys = config.appKeys;
  app.silent = config.silent ?? false;
  const appErrors: PluginServer['appErrors'] = [];
  app.on('error', (error: Error) => {
    appErrors.push(error);
    app.onerror(error);
  });
  plugin.mount(app);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const request = (method: string, path: string, options: RequestOptions = {}) => sendRequest(baseUrl, method, path, options);
  const as = (user: string | null): RequestHelper => {
    const asUser = (method: string, path: string, options: RequestOptions = {}) => {
      const json: Record<string, string> = method === 'GET' || method === 'HEAD' ? {} : { 'content-type': 'application/json' };
      return request(method, path, { ...options, user: user ?? undefined, headers: { ...json, ...options.headers } });
    };
    return {
      request: asUser,
      get: (path, options) => asUser('GET', path, options),
      post: (path, json, options) => asUser('POST', path, { json, ...options }),
      patch: (path, json, options) => asUser('PATCH', path, { json, ...options }),
      delete: (path, options) => asUser('DELETE', path, options),
    };
  };

  return {
    baseUrl,
    knex,
    plugin,
    host,
    advanceClock: (milliseconds) => {
      offset += milliseconds;
    },
    async countEvents(kind) {
      await plugin.flushEvents();
      const [row] = await knex(`${plugin.options.tablePrefix}events`).where({ kind }).count({ n: '*' });
      return Number(row?.n);
    },
    appErrors,
    request,
    as,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await plugin.flushEvents();
      await db?.destroy();
    },
  };
}

async function sendRequest(baseUrl: string, method: string, path: string, options: RequestOptions): Promise<TestResponse> {
  const headers: Record<string, string> = {};
  if (options.user) headers[TEST_USER_HEADER] = options.user;
  if (options.clientIp) headers['x-forwarded-for'] = options.clientIp;
  if (options.cookie) headers.cookie = options.cookie;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body ??= JSON.stringify(options.json);
  } else if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body ??= new URLSearchParams(options.form).toString();
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...headers, ...options.headers },
    redirect: 'manual',
    signal: options.signal,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : new Uint8Array(body) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  return { status: response.status, headers: response.headers, text, json, cookie };
}
