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

  it('shows title, owner, description with links, count, size, expiry and the download controls, all escaped', async () => {
    const expiresAt = new Date('2026-12-31T22:59:59.999Z');
    const description = 'Line one\n<script>alert(1)</script> see https://example.com/brief?a=1&b=2.';
    const { token } = await h.share({ assetIds: ['a1', 'a2', 'a3'], expiresAt, description, ownerName: 'Ann <Admin>' });
    h.assets.delete('a3');
    const page = await (await get(`/s/${token}`)).text();
    const bytes = h.assets.get('a1')!.meta.size + h.assets.get('a2')!.meta.size;
    expect(page).toContain('<h1>Holiday &lt;b&gt;2026&lt;/b&gt;</h1>');
    expect(page).toContain('<p class="owner">Shared by Ann &lt;Admin&gt;</p>');
    expect(page).toContain(
      'Line one<br>&lt;script&gt;alert(1)&lt;/script&gt; see <a href="https://example.com/brief?a=1&amp;b=2" rel="noopener noreferrer nofollow">https://example.com/brief?a=1&amp;b=2</a>.',
    );
    expect(page).not.toMatch(/<script>alert|<img src=x/);
    // The files still in the catalog, and what they weigh (decimal units, as phones show them).
    expect(page).toContain(`<span>2 files · ${bytes} byte</span>`);
    // The clock stands at 2026-11-27 12:00 UTC: 34 days and some hours are left.
    expect(page).toContain(
      'Available for 34 more days (until <time datetime="2026-12-31T22:59:59.999Z">December 31, 2026 at 10:59 PM UTC</time>)',
    );
    expect(page).toContain(`>Download all (${bytes} byte)</a>`);
    expect(page).toContain('>Download selected</button>');
    expect(page).toContain('type="reset">Clear</button>');
    expect(page).toContain('aria-label="Select beach.png"');
    expect(page).toContain('aria-label="Download beach.png"');
    expect(page).toContain('aria-label="Select &lt;img src=x onerror=alert(1)&gt;.png"');
    // 64x48 is 4:3, log2(4/3)*8 = 3.3: the ratio's step is 3.
    expect(page).toMatch(/<li class="item r3" data-id="a1" data-name="beach.png" data-size="\d+" data-mime="image\/png" data-type="PNG" data-width="480" data-height="360" data-preview="\/s\/[\w-]+\/assets\/a1\/preview">/);
    expect(page).toMatch(/<img src="\/s\/[\w-]+\/assets\/a1\/thumbnail" alt="beach.png" width="480" height="360" loading="lazy"/);
    expect(page).not.toContain('gone.png');
    expect(page).toContain('<script src="/s/_assets/gallery.js" defer></script>');
    for (const file of ['gallery.css', 'gallery.js']) expect((await get(`/s/_assets/${file}`)).status).toBe(200);
  });

  it('hides the owner when the host asks, and offers no downloads when the sharer allowed none', async () => {
    await h.close();
    h = await startPublicHarness(engine, { options: { showOwnerName: false } });
    await addPngAssets(h.assets, ['beach.png']);
    const { token } = await h.share({ assetIds: ['a1'], allowDownload: false, ownerName: 'Ann' });
    const page = await (await get(`/s/${token}`)).text();
    expect(page).toContain('1 file ·');
    expect(page).not.toContain('Shared by');
    expect(page).not.toMatch(/>Download|aria-label="Download|\/original|type="checkbox"|id="selection"/);
  });

  it('states sizes, counts and time left in units that fit', async () => {
    const big = 1_234_567_890;
    h.assets.set('a1', { ...h.assets.get('a1')!, meta: { ...h.assets.get('a1')!.meta, size: big } });
    const { token } = await h.share({ assetIds: ['a1'], expiresAt: new Date(h.clock.now.getTime() + 5.5 * 3_600_000) });
    const page = await (await get(`/s/${token}`)).text();
    expect(page).toContain('<span>1 file · 1.2 GB</span>');
    expect(page).toContain('>Download all (1.2 GB)</a>');
    expect(page).toContain('Available for 5 more hours');
  });

  it('pages a large collection on the server and records one view per page view', async () => {
    const ids = Array.from({ length: 61 }, (_, i) => `p${i}`);
    for (const id of ids) h.assets.set(id, { ...h.assets.get('a1')!, meta: { ...h.assets.get('a1')!.meta, id, name: `${id}.png` } });
    const { token } = await h.share({ assetIds: ids });
    const first = await (await get(`/s/${token}`)).text();
    expect(first.match(/class="item /g)).toHaveLength(60);
    expect(first).toContain(`<a href="/s/${token}?page=2" rel="next">Next</a>`);
    expect(first).toContain('61 files');
    expect(first).toContain('page 1 of 2');
    const second = await (await get(`/s/${token}?page=2`)).text();
    expect(second.match(/class="item /g)).toHaveLength(1);
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
          thumbnailUrl: `${asset}/thumbnail`, previewUrl: `${asset}/preview`, videoUrl: null, downloadUrl: `${asset}/original`,
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
