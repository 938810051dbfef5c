/**
 * The seam: the plugin on a bare Koa app that knows nothing of it but a fake DamHost.
 * Host routes stay the host's; bad options fail at construction; outages answer 503.
 */
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import { createKnex } from '../../demo/database.js';
import { createSharedCollections } from '../../server-plugin/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { createFakeDamHost, TEST_USER_HEADER } from '../helpers/fake-dam-host.js';

const API = '/api/shared-collections';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function listen(app: Koa): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the plugin on a bare Koa app', () => {
  it('serves its routes beside the host routes and leaves the host alone', async () => {
    const db: TestDatabase = await createTestDatabase('sqlite');
    cleanups.push(() => db.destroy());
    const host = createFakeDamHost({ assetIds: ['x1'] });
    const plugin = createSharedCollections({ knex: db.knex, host, keys: ['k'], apiPrefix: '/sharing/api', tablePrefix: 'share_' });
    await plugin.migrate();
    const app = new Koa();
    plugin.mount(app);
    app.use((ctx) => {
      ctx.body = { host: ctx.path };
    });
    const base = await listen(app);
    const headers = { [TEST_USER_HEADER]: 'ed:editor', 'content-type': 'application/json' };
    const created = await fetch(`${base}/sharing/api`, { method: 'POST', headers, body: JSON.stringify({ title: 'T', assetIds: ['x1'] }) });
    expect(created.status).toBe(201);
    const json = (await created.json()) as { url: string };
    expect(json.url).toMatch(new RegExp(`^${base}/s/`));
    expect(await (await fetch(`${base}/catalog`)).json()).toEqual({ host: '/catalog' });
    expect(await (await fetch(`${base}/sharing/apiary`)).json()).toEqual({ host: '/sharing/apiary' });
    expect((await fetch(`${base}${API}`)).status).toBe(200);
    expect(await db.knex.schema.hasTable('share_collections')).toBe(true);
    expect(await db.knex.schema.hasTable('share_migrations')).toBe(true);
  });

  it('fails at construction naming a bad option, and at mount without cookie keys', async () => {
    const knex = createKnex({ dataDir: '/tmp/unused', databaseUrl: 'mysql://root@127.0.0.1:1/none' });
    cleanups.push(() => knex.destroy());
    const host = createFakeDamHost();
    expect(() => createSharedCollections({ knex, host: { ...host, readableAssetIds: undefined } as never })).toThrow(
      'createSharedCollections: options.host is missing readableAssetIds()',
    );
    expect(() => createSharedCollections({ knex, host, bcryptRounds: 2 })).toThrow('options.bcryptRounds');
    expect(() => createSharedCollections({ knex: undefined as never, host })).toThrow('options.knex');
    expect(() => createSharedCollections({ knex, host }).mount(new Koa())).toThrow(/keys/);
  });

  it('answers 503 with a clear message when the database is unreachable, 500 without details for bugs', async () => {
    const knex = createKnex({ dataDir: '/tmp/unused', databaseUrl: 'mysql://root@127.0.0.1:1/none' });
    cleanups.push(() => knex.destroy());
    const logged: unknown[][] = [];
    const logger = { warn: (...args: unknown[]) => logged.push(args), error: (...args: unknown[]) => logged.push(args) };
    const host = createFakeDamHost();
    const plugin = createSharedCollections({ knex, host, keys: ['k'], logger });
    const app = new Koa();
    plugin.mount(app);
    const base = await listen(app);
    const res = await fetch(`${base}${API}`, { headers: { [TEST_USER_HEADER]: 'ed:editor' } });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'unavailable', message: 'The database is unavailable right now. Try again in a moment.' } });
    expect(res.headers.get('retry-after')).toBe('5');

    host.currentUser = async () => {
      throw new Error('secret internal detail');
    };
    const bug = await fetch(`${base}${API}`);
    expect(bug.status).toBe(500);
    expect(await bug.text()).not.toContain('secret');
    expect(JSON.stringify(logged.at(-1))).toContain('secret internal detail');
  });
});
