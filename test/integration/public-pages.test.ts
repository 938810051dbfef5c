/**
 * The gallery page and data.json: what they show, how they page, that user text is
 * escaped, and that they cost the same few queries for 100 or 10,000 assets (issue 5, budget 4).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicCollectionJson } from '../../shared/api-types.js';
import { countQueries, TEST_ENGINES } from '../helpers/databases.js';
import { addPngAssets, startPublicHarness, type PublicHarness } from './public-harness.js';

const XSS_NAME = '<img src=x onerror=alert(1)>.png';

describe.each(TEST_ENGINES)('public pages on %s', (engine) => {
  let h: PublicHarness;
  const get = (path: string) => fetch(`${h.baseUrl}${path}`);

  beforeEach(async () => {
    h = await startPublicHarness(engine);
    await addPngAssets(h.assets, ['beach.png', XSS_NAME, 'gone.png']);
  });
  afterEach(() => h.close());

  it('shows title, description, count, expiry and the download controls, all escaped', async () => {
    const expiresAt = new Date('2026-12-31T22:59:59.999Z');
    const { token } = await h.share({ assetIds: ['a1', 'a2', 'a3'], expiresAt, description: 'Line one\n<script>alert(1)</script>' });
    h.assets.delete('a3');
    const page = await (await get(`/s/${token}`)).text();
    expect(page).toContain('<h1>Holiday &lt;b&gt;2026&lt;/b&gt;</h1>');
    expect(page).toContain('Line one<br>&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toMatch(/<script>alert|<img src=x/);
    expect(page).toContain('3 items');
    expect(page).toContain('<time datetime="2026-12-31T22:59:59.999Z">31 December 2026 at 22:59 UTC</time>');
    expect(page).toContain('>Download all</a>');
    expect(page).toContain('>Download selected</button>');
    expect(page).toContain('aria-label="Select beach.png"');
    expect(page).toContain('aria-label="Download beach.png"');
    expect(page).toContain('aria-label="Select &lt;img src=x onerror=alert(1)&gt;.png"');
    expect(page).toMatch(/<img src="\/s\/[\w-]+\/assets\/a1\/thumbnail" alt="beach.png" width="240" height="180" loading="lazy"/);
    expect(page).not.toContain('gone.png');
    expect(page).toContain('<script src="/s/_assets/gallery.js" defer></script>');
    for (const file of ['gallery.css', 'gallery.js']) expect((await get(`/s/_assets/${file}`)).status).toBe(200);
  });

  it('pages a large collection on the server and records one view per page view', async () => {
    const ids = Array.from({ length: 61 }, (_, i) => `p${i}`);
    for (const id of ids) h.assets.set(id, { ...h.assets.get('a1')!, meta: { ...h.assets.get('a1')!.meta, id, name: `${id}.png` } });
    const { token } = await h.share({ assetIds: ids });
    const first = await (await get(`/s/${token}`)).text();
    expect(first.match(/class="item"/g)).toHaveLength(60);
    expect(first).toContain(`<a href="/s/${token}?page=2" rel="next">Next</a>`);
    const second = await (await get(`/s/${token}?page=2`)).text();
    expect(second.match(/class="item"/g)).toHaveLength(1);
    expect(second).toContain('p60.png');
    expect((await get(`/s/${token}?page=3`)).status).toBe(404);
    expect((await get(`/s/${token}?page=abc`)).status).toBe(400);
    expect((await get(`/s/${token}?page=1&page=2`)).status).toBe(400);
    await get(`/s/${token}/assets/p0/thumbnail`);
    await get(`/s/${token}/data.json`);
    expect(await h.countEvents('view')).toBe(2);
  });

  it('answers data.json per contract, in position order, paged, without removed assets', async () => {
    const { token } = await h.share({ assetIds: ['a2', 'a1', 'a3'] });
    h.assets.delete('a3');
    const response = await get(`/s/${token}/data.json?limit=1&page=2`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await response.json()) as PublicCollectionJson;
    const asset = `http://127.0.0.1:${new URL(h.baseUrl).port}/s/${token}/assets/a1`;
    expect(body).toEqual({
      title: 'Holiday <b>2026</b>',
      description: 'Line one\nLine <two>',
      allowDownload: true,
      expiresAt: null,
      assetCount: 3,
      page: 2,
      limit: 1,
      assets: [
        {
          id: 'a1', name: 'beach.png', mime: 'image/png', size: h.assets.get('a1')!.original.length, width: 64, height: 48,
          thumbnailUrl: `${asset}/thumbnail`, previewUrl: `${asset}/preview`, downloadUrl: `${asset}/original`,
        },
      ],
    });
    const all = (await (await get(`/s/${token}/data.json`)).json()) as PublicCollectionJson;
    expect(all.assets.map((a) => a.id)).toEqual(['a2', 'a1']);
    expect((await get(`/s/${token}/data.json?limit=100000`)).status).toBe(400);
    const { token: noDownloads } = await h.share({ assetIds: ['a1'], allowDownload: false });
    const off = (await (await get(`/s/${noDownloads}/data.json`)).json()) as PublicCollectionJson;
    expect(off.assets[0]!.downloadUrl).toBeNull();
  });

  it('costs the same queries, at most 4, for 100 and for 10,000 assets, and none again within the cache lifetime', async () => {
    const meta = h.assets.get('a1')!;
    const counts: Record<string, number> = {};
    const again: Record<string, number> = {};
    for (const size of [100, 10_000]) {
      const ids = Array.from({ length: size }, (_, i) => `s${size}_${i}`);
      for (const id of ids.slice(0, 100)) h.assets.set(id, { ...meta, meta: { ...meta.meta, id } });
      const { token } = await h.share({ assetIds: ids });
      for (const path of [`/s/${token}`, `/s/${token}/data.json`, `/s/${token}/data.json?page=2&limit=50`]) {
        const key = `${size} ${path.replace(token, '<token>')}`;
        const count = () => countQueries(h.knex, async () => expect((await get(path)).status).toBe(200), { ignoreTransactions: true });
        // Past the public cache's lifetime (1 s by default): every request here is a miss.
        h.clock.advance(2);
        counts[key] = await count();
        again[key] = await count();
      }
    }
    const values = Object.values(counts);
    expect(Math.max(...values), JSON.stringify(counts)).toBeLessThanOrEqual(4);
    expect(Math.min(...values), JSON.stringify(counts)).toBeGreaterThan(0);
    expect(counts['100 /s/<token>']).toBe(counts['10000 /s/<token>']);
    expect(counts['100 /s/<token>/data.json']).toBe(counts['10000 /s/<token>/data.json']);
    expect(Object.values(again), JSON.stringify(again)).toEqual(values.map(() => 0));
  });
});
