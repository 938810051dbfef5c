/**
 * The plugin mounted on a bare Koa app (no host code at all) with a fake DamHost, on
 * port 0, over a fresh database: what the owner-API, public-side and security suites
 * drive over real HTTP.
 *
 * @example
 * const server = await startPluginServer({ engine });
 * const res = await server.as('editor1:editor').post('/api/shared-collections', { title: 'T', assetIds: ['a1'] });
 * await server.close();
 */
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { createSharedCollections, type SharedCollections, type SharedCollectionsOptions } from '../../server-plugin/index.js';
import { createTestDatabase, type Engine, type TestDatabase } from './databases.js';
import { createFakeDamHost, type FakeDamHost, TEST_USER_HEADER } from './fake-dam-host.js';

export const API = '/api/shared-collections';

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: any;
}

export interface RequestOptions {
  /** Sent as JSON with `Content-Type: application/json` unless `body` is given. */
  json?: unknown;
  /** A raw body, sent as is. */
  body?: string | Buffer;
  headers?: Record<string, string>;
}

export interface RequestHelper {
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  get(path: string, options?: RequestOptions): Promise<TestResponse>;
  post(path: string, json: unknown, options?: RequestOptions): Promise<TestResponse>;
  patch(path: string, json: unknown, options?: RequestOptions): Promise<TestResponse>;
  /** Sends `Content-Type: application/json` too (optional for DELETE, refused when not JSON). */
  delete(path: string, options?: RequestOptions): Promise<TestResponse>;
}

export interface PluginServer {
  baseUrl: string;
  db: TestDatabase;
  plugin: SharedCollections;
  host: FakeDamHost;
  /** Moves the plugin's clock (the default `now`) forward. */
  advanceClock(milliseconds: number): void;
  /** Requests as `'<id>:<role>'` (see TEST_USER_HEADER), or anonymously with null. */
  as(user: string | null): RequestHelper;
  close(): Promise<void>;
}

export interface PluginServerOptions {
  engine: Engine;
  host?: FakeDamHost;
  now?: () => Date;
  /** Any other plugin options (knex and host are filled in). */
  options?: Partial<SharedCollectionsOptions>;
}

export async function startPluginServer(config: PluginServerOptions): Promise<PluginServer> {
  const db = await createTestDatabase(config.engine);
  const host = config.host ?? createFakeDamHost({ assetIds: ['a1', 'a2', 'a3', 'a4', 'a5'] });
  let offset = 0;
  const plugin = createSharedCollections({
    knex: db.knex,
    host,
    now: config.now ?? (() => new Date(Date.now() + offset)),
    bcryptRounds: 4,
    ...config.options,
    // Refusals answer at once: suites that provoke hundreds of them are not about the pause.
    throttle: { refusalPauseSeconds: 0, ...config.options?.throttle },
  });
  await plugin.migrate();
  const app = new Koa();
  app.keys = ['plugin-server-test-key'];
  plugin.mount(app);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const as = (user: string | null): RequestHelper => {
    const request = async (method: string, path: string, options: RequestOptions = {}): Promise<TestResponse> => {
      const headers: Record<string, string> = { ...(user ? { [TEST_USER_HEADER]: user } : {}) };
      if (options.json !== undefined || (method !== 'GET' && method !== 'HEAD')) headers['content-type'] = 'application/json';
      const body = options.body ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
      const init: RequestInit = { method, headers: { ...headers, ...options.headers }, redirect: 'manual', ...(body === undefined ? {} : { body: typeof body === 'string' ? body : new Uint8Array(body) }) };
      const response = await fetch(`${baseUrl}${path}`, init);
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, text, json };
    };
    return {
      request,
      get: (path, options) => request('GET', path, options),
      post: (path, json, options) => request('POST', path, { json, ...options }),
      patch: (path, json, options) => request('PATCH', path, { json, ...options }),
      delete: (path, options) => request('DELETE', path, options),
    };
  };

  return {
    baseUrl,
    db,
    plugin,
    host,
    advanceClock: (milliseconds) => {
      offset += milliseconds;
    },
    as,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.destroy();
    },
  };
}
