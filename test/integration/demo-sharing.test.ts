import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../helpers/databases.js';
import { type DemoServer, login, startDemoServer } from '../helpers/demo-server.js';

describe.each(TEST_ENGINES)('the plugin mounted on the demo host on %s', (engine) => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer({ engine });
  });
  afterAll(() => demo.close());

  it('lets an editor share catalog assets through the host session, and a stranger open the link', async () => {
    const cookie = await login(demo.baseUrl, 'editor');
    const session = await fetch(`${demo.baseUrl}/api/shared-collections/session`, { headers: { cookie } });
    expect(await session.json()).toMatchObject({ user: { name: 'Erin Editor', role: 'editor' }, permissions: { create: true } });

    const { items } = await (await fetch(`${demo.baseUrl}/api/assets?limit=3`, { headers: { cookie } })).json();
    const created = await fetch(`${demo.baseUrl}/api/shared-collections`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: demo.baseUrl },
      body: JSON.stringify({ title: 'For the client', assetIds: items.map((item: { id: string }) => item.id) }),
    });
    expect(created.status).toBe(201);
    const collection = await created.json();
    expect(collection.assetCount).toBe(3);

    const gallery = await fetch(collection.url);
    expect(gallery.status).toBe(200);
    expect(gallery.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await gallery.text()).toContain('For the client');
    const thumbnail = await fetch(new URL(`${new URL(collection.url).pathname}/assets/${items[0].id}/thumbnail`, demo.baseUrl));
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
  });

  it('refuses viewers and anonymous users the owner API', async () => {
    const viewer = await login(demo.baseUrl, 'viewer');
    const denied = await fetch(`${demo.baseUrl}/api/shared-collections`, { headers: { cookie: viewer } });
    expect(denied.status).toBe(403);
    const anonymous = await fetch(`${demo.baseUrl}/api/shared-collections`);
    expect(anonymous.status).toBe(401);
  });
});
