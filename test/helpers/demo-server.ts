/**
 * Starts the real demo DAM on 127.0.0.1, port 0, on a fresh test database:
 *
 *   const demo = await startDemoServer({ engine });
 *   const cookie = await login(demo.baseUrl, 'editor');
 *   await fetch(`${demo.baseUrl}/api/assets`, { headers: { cookie } });
 *   await demo.close();
 *
 * Sample images live in one cached directory (`test-output/demo-data/`) that every run and
 * every test database reuses, so only the very first run renders them.
 */
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { createDemoApp } from '../../demo/app.js';
import type { DamHost } from '../../server-plugin/dam-host.js';
import { type Engine, type TestDatabase, createTestDatabase } from './databases.js';

export const CACHED_DEMO_DATA_DIR = fileURLToPath(new URL('../../test-output/demo-data/', import.meta.url));

/** Small enough to be quick, large enough to hold every awkward sample (see sample-spec.ts). */
export const TEST_SAMPLE_COUNT = 24;

export interface DemoServer {
  baseUrl: string;
  knex: Knex;
  damHost: DamHost;
  dataDir: string;
  close(): Promise<void>;
}

export async function startDemoServer(
  options: {
    engine?: Engine;
    sampleCount?: number;
    dataDir?: string;
    /** An existing database (e.g. a second instance on the same one); the caller destroys it. */
    database?: TestDatabase;
  } = {},
): Promise<DemoServer> {
  const database = options.database ?? (await createTestDatabase(options.engine ?? 'sqlite'));
  const dataDir = path.resolve(options.dataDir ?? CACHED_DEMO_DATA_DIR);
  try {
    const { app, damHost, sharing } = await createDemoApp({
      knex: database.knex,
      dataDir,
      sampleCount: options.sampleCount ?? TEST_SAMPLE_COUNT,
    });
    app.silent = true;
    const server = createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      knex: database.knex,
      damHost,
      dataDir,
      async close() {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await sharing.flushEvents();
        if (!options.database) await database.destroy();
      },
    };
  } catch (error) {
    if (!options.database) await database.destroy();
    throw error;
  }
}

/** Signs in through `POST /login` and returns the `cookie` header for later requests. */
export async function login(baseUrl: string, username: string, password = 'demo'): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }),
    redirect: 'manual',
  });
  if (response.status !== 303) throw new Error(`Signing in as ${username} answered ${response.status}`);
  return cookieHeaderOf(response);
}

/** The `name=value` pairs of a response's Set-Cookie headers, joined for a `cookie` request header. */
export function cookieHeaderOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .join('; ');
}
