import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../helpers/databases.js';
import { type DemoServer, TEST_SAMPLE_COUNT, login, startDemoServer } from '../helpers/demo-server.js';

interface AssetPage {
  items: Array<{ id: string; filename: string; mime: string; size: number; width: number; height: number; modifiedAt: string; thumbnailUrl: string }>;
  total: number;
  page: number;
  limit: number;
}

describe.each(TEST_ENGINES)('demo asset API on %s', (engine) => {
  let demo: DemoServer;
  let editor: string;
  let viewer: string;
  beforeAll(async () => {
    demo = await startDemoServer({ engine });
    editor = await login(demo.baseUrl, 'editor');
    viewer = await login(demo.baseUrl, 'viewer');
  });
  afterAll(() => demo.close());

  async function get(path: string, cookie = editor): Promise<{ status: number; body: any }> {
    const response = await fetch(`${demo.baseUrl}${path}`, { headers: { cookie } });
    return { status: response.status, body: await response.json() };
  }

  it('pages through the whole catalog with the right total', async () => {
    const first = (await get('/api/assets?page=1&limit=10')).body as AssetPage;
    const second = (await get('/api/assets?page=2&limit=10')).body as AssetPage;
    const last = (await get('/api/assets?page=3&limit=10')).body as AssetPage;
    expect(first.total).toBe(TEST_SAMPLE_COUNT);
    expect([first.page, first.limit, first.items.length]).toEqual([1, 10, 10]);
    expect(second.items.length).toBe(10);
    expect(last.items.length).toBe(TEST_SAMPLE_COUNT - 20);
    const ids = [...first.items, ...second.items, ...last.items].map((item) => item.id);
    expect(new Set(ids).size).toBe(TEST_SAMPLE_COUNT);
    expect(first.items[0]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      filename: 'Café – München.jpg',
      mime: 'image/jpeg',
      size: expect.any(Number),
      width: 1600,
      height: 1067,
      modifiedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      thumbnailUrl: `/assets/${first.items[0]!.id}/thumbnail`,
    });
    const beyond = (await get('/api/assets?page=99&limit=10')).body as AssetPage;
    expect(beyond).toMatchObject({ items: [], total: TEST_SAMPLE_COUNT, page: 99 });
  });

  it('defaults to 48 per page and allows 1 to 200', async () => {
    expect((await get('/api/assets')).body).toMatchObject({ page: 1, limit: 48 });
    expect((await get('/api/assets?limit=1')).body.items).toHaveLength(1);
    expect((await get('/api/assets?limit=200')).body.items).toHaveLength(TEST_SAMPLE_COUNT);
  });

  it.each(['limit=0', 'limit=201', 'limit=abc', 'page=0', 'page=-1', 'page=1.5', 'page=1&page=2', 'sort=size', `q=${'x'.repeat(201)}`])(
    'refuses %s with a 400 JSON error',
    async (query) => {
      const { status, body } = await get(`/api/assets?${query}`);
      expect(status).toBe(400);
      expect(body).toEqual({ error: { code: 'validation_failed', message: expect.any(String) } });
    },
  );

  it('searches file names case-insensitively, Unicode included, with wildcards taken literally', async () => {
    const munich = (await get(`/api/assets?q=${encodeURIComponent('MÜNCHEN')}`)).body as AssetPage;
    expect(munich.items.map((item) => item.filename)).toEqual(['Café – München.jpg']);
    const duplicates = (await get('/api/assets?q=img_0001')).body as AssetPage;
    expect(duplicates.total).toBe(2);
    expect(duplicates.items.map((item) => item.filename)).toEqual(['IMG_0001.jpg', 'IMG_0001.jpg']);
    expect(new Set(duplicates.items.map((item) => item.id)).size).toBe(2);
    expect((await get('/api/assets?q=%25')).body.total).toBe(0);
    expect((await get(`/api/assets?q=${encodeURIComponent('東京')}`)).body.items[0].filename).toBe('東京タワー.png');
  });

  it('sorts by name and by date', async () => {
    const byName = ((await get('/api/assets?sort=name&limit=200')).body as AssetPage).items.map((item) => item.filename.toLowerCase());
    expect(byName).toEqual([...byName].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const byDate = ((await get('/api/assets?sort=date&limit=200')).body as AssetPage).items.map((item) => item.modifiedAt);
    expect(byDate).toEqual([...byDate].sort().reverse());
  });

  it('serves thumbnails, previews and originals to signed-in users only', async () => {
    const [asset] = ((await get(`/api/assets?q=${encodeURIComponent('Café')}`)).body as AssetPage).items;
    const thumbnail = await fetch(`${demo.baseUrl}/assets/${asset!.id}/thumbnail`, { headers: { cookie: viewer } });
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
    const original = await fetch(`${demo.baseUrl}/assets/${asset!.id}/original`, { headers: { cookie: viewer } });
    expect(original.status).toBe(200);
    expect(original.headers.get('content-disposition')).toBe(
      `attachment; filename="Caf_ _ M_nchen.jpg"; filename*=UTF-8''Caf%C3%A9%20%E2%80%93%20M%C3%BCnchen.jpg`,
    );
    expect(Number(original.headers.get('content-length'))).toBe(asset!.size);
    expect((await original.arrayBuffer()).byteLength).toBe(asset!.size);
    for (const [path, status] of [['/assets/abc/thumbnail', 400], ['/assets/999999/preview', 404], [`/assets/${asset!.id}/other`, 404]] as const) {
      expect((await fetch(`${demo.baseUrl}${path}`, { headers: { cookie: viewer } })).status, path).toBe(status);
    }
  });

  it('lists, adds and removes tags for the Edit Tags panel; viewers may only look', async () => {
    const ids = ((await get('/api/assets?limit=2')).body as AssetPage).items.map((item) => item.id);
    const before = (await get(`/api/assets/tags?ids=${ids.join(',')}`)).body;
    expect(before.assetIds).toEqual(ids);
    expect(before.groups.map((group: { id: string }) => group.id)).toEqual(['keywords', 'categories']);
    expect(before.groups[0].tags.length).toBeGreaterThan(0);

    const change = (method: string, cookie: string, body: unknown) =>
      fetch(`${demo.baseUrl}/api/assets/tags`, { method, headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const added = await change('POST', editor, { assetIds: ids, group: 'keywords', name: '  approved ' });
    expect(added.status).toBe(200);
    const afterAdd = await added.json();
    expect(afterAdd.groups[0].tags).toContainEqual({ name: 'approved', count: 2 });
    expect((await change('POST', viewer, { assetIds: ids, group: 'keywords', name: 'x' })).status).toBe(403);

    const removed = await change('DELETE', editor, { assetIds: [ids[0]], group: 'keywords', name: 'approved' });
    const afterRemove = await removed.json();
    expect(afterRemove.groups[0].tags.some((tag: { name: string }) => tag.name === 'approved')).toBe(false);
    const both = (await get(`/api/assets/tags?ids=${ids.join(',')}`)).body;
    expect(both.groups[0].tags).toContainEqual({ name: 'approved', count: 1 });
  });

  it('refuses bad tag requests with 400 or 404, never 500', async () => {
    const send = (body: string, contentType = 'application/json') =>
      fetch(`${demo.baseUrl}/api/assets/tags`, { method: 'POST', headers: { cookie: editor, 'content-type': contentType }, body });
    expect((await send('{')).status).toBe(400);
    expect((await send('[]')).status).toBe(400);
    expect((await send('assetIds=1', 'application/x-www-form-urlencoded')).status).toBe(400);
    expect((await send(JSON.stringify({ assetIds: [], group: 'keywords', name: 'a' }))).status).toBe(400);
    expect((await send(JSON.stringify({ assetIds: ['1'], group: 'colours', name: 'a' }))).status).toBe(400);
    expect((await send(JSON.stringify({ assetIds: ['1'], group: 'keywords', name: '' }))).status).toBe(400);
    expect((await send(JSON.stringify({ assetIds: ['999999'], group: 'keywords', name: 'a' }))).status).toBe(404);
    expect((await get('/api/assets/tags')).status).toBe(400);
    expect((await get('/api/assets/tags?ids=1,x')).status).toBe(400);
    expect((await get('/api/nothing-here')).status).toBe(404);
  });
});
