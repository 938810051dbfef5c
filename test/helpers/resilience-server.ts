/**
 * One plugin instance on a bare Koa app over a knex the test provides, so several instances
 * can share one database (or reach it through a proxy). The app trusts `X-Forwarded-For`
 * (`app.proxy`), as behind a load balancer, so a test chooses each request's client address.
 *
 * @example
 * const a = await startPluginInstance({ knex, host, keys: ['k'] });
 * await a.request('POST', `/s/${token}/unlock`, { form: { password: 'x' }, clientIp: '203.0.113.7' });
 * await a.close();
 */
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import Koa from 'koa';
import { createSharedCollections, type SharedCollections, type SharedCollectionsOptions } from '../../server-plugin/index.js';
import type { DamHost } from '../../server-plugin/dam-host.js';
import { TEST_USER_HEADER } from './fake-dam-host.js';

export interface InstanceRequest {
  /** Sent as `application/json`. */
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  /** `'<id>:<role>'` for the fake host's signed-in user. */
  user?: string;
  /** The client address, sent as `X-Forwarded-For`. */
  clientIp?: string;
  /** A `Cookie` header value. */
  cookie?: string;
  signal?: AbortSignal;
}

export interface InstanceResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
  /** `name=value` of the first `Set-Cookie`, ready to send back. */
  cookie: string | undefined;
}

export interface PluginInstance {
  baseUrl: string;
  plugin: SharedCollections;
  /** What Koa reported through `app.on('error')` (kept here instead of printed). */
  appErrors: (Error & { code?: string })[];
  request(method: string, path: string, options?: InstanceRequest): Promise<InstanceResponse>;
  /** Closes the HTTP server; the knex belongs to the caller. */
  close(): Promise<void>;
}

export interface PluginInstanceOptions extends Partial<SharedCollectionsOptions> {
  knex: Knex;
  host: DamHost;
  /** Run the plugin's migrations first. Default true. */
  migrate?: boolean;
}

export async function startPluginInstance(config: PluginInstanceOptions): Promise<PluginInstance> {
  const { migrate = true, ...options } = config;
  // Refusals answer at once: these suites provoke many and are not about the pause.
  const throttle = { refusalPauseSeconds: 0, ...options.throttle };
  const plugin = createSharedCollections({ bcryptRounds: 4, keys: ['resilience-test-key'], ...options, throttle });
  if (migrate) await plugin.migrate();
  const app = new Koa({ proxy: true });
  const appErrors: PluginInstance['appErrors'] = [];
  app.on('error', (error: Error) => appErrors.push(error));
  plugin.mount(app);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function request(method: string, path: string, options: InstanceRequest = {}): Promise<InstanceResponse> {
    const headers: Record<string, string> = {};
    if (options.user) headers[TEST_USER_HEADER] = options.user;
    if (options.clientIp) headers['x-forwarded-for'] = options.clientIp;
    if (options.cookie) headers.cookie = options.cookie;
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body, redirect: 'manual', signal: options.signal });
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

  return {
    baseUrl,
    plugin,
    appErrors,
    request,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
