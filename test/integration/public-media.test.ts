/**
 * Files other than pictures over HTTP: a video's playable rendition streamed with Range behind
 * the gate (also when downloads are off), 404 where the host has none, and data.json telling
 * the viewer which files have a picture or a video.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicCollectionJson } from '../../shared/api-types.js';
import { TEST_ENGINES } from '../helpers/databases.js';
import { addPngAssets, startPublicHarness, type PublicHarness } from './public-harness.js';

describe.each(TEST_ENGINES)('videos and files without pictures on %s', (engine) => {
  let h: PublicHarness;
  const clip = Buffer.from(Array.from({ length: 5000 }, (_, index) => index % 251));

  beforeEach(async () => {
    h = await startPublicHarness(engine);
    await addPngAssets(h.assets, ['still.png']);
    const at = new Date(0);
    h.assets.set('v1', { meta: { id: 'v1', name: 'clip.mov', mime: 'video/quicktime', size: 9, width: 640, height: 360, modifiedAt: at, playable: true }, original: Buffer.from('original!'), rendition: Buffer.from('poster'), playable: { bytes: clip, mime: 'video/webm' } });
    h.assets.set('z1', { meta: { id: 'z1', name: 'raw.zip', mime: 'application/zip', size: 3, width: null, height: null, modifiedAt: at, hasPreview: false }, original: Buffer.from('zip'), rendition: Buffer.alloc(0) });
  });
  afterEach(() => h.close());

  it('streams a playable video with Range, downloads allowed or not, and only behind the gate', async () => {
    const { token } = await h.share({ assetIds: ['a1', 'v1', 'z1'], allowDownload: false });
    const whole = await fetch(`${h.baseUrl}/s/${token}/assets/v1/video`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/webm');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(clip)).toBe(true);
    const part = await fetch(`${h.baseUrl}/s/${token}/assets/v1/video`, { headers: { range: 'bytes=1000-1999' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 1000-1999/5000');
    expect(Buffer.from(await part.arrayBuffer()).equals(clip.subarray(1000, 2000))).toBe(true);
    for (const path of ['a1/video', 'z1/video', 'z1/thumbnail', 'nope/video']) {
      expect((await fetch(`${h.baseUrl}/s/${token}/assets/${path}`)).status, path).toBe(404);
    }
    const { token: locked } = await h.share({ assetIds: ['v1'], password: 'pw' });
    expect((await fetch(`${h.baseUrl}/s/${locked}/assets/v1/video`)).status).toBe(401);
    expect(h.openStreams.size).toBe(0);
  });

  it('tells the viewer in data.json which files have a picture and which a video', async () => {
    const { token } = await h.share({ assetIds: ['a1', 'v1', 'z1'] });
    const body = (await (await fetch(`${h.baseUrl}/s/${token}/data.json`)).json()) as PublicCollectionJson;
    const urls = body.assets.map(({ id, thumbnailUrl, previewUrl, videoUrl }) => [id, thumbnailUrl !== null, previewUrl !== null, videoUrl?.replace(/^.*\/assets\//, '')]);
    expect(urls).toEqual([
      ['a1', true, true, undefined],
      ['v1', true, true, 'v1/video'],
      ['z1', false, false, undefined],
    ]);
    const page = await (await fetch(`${h.baseUrl}/s/${token}`)).text();
    expect(page).toContain('<span class="badge video">MOV</span>');
    expect(page).toContain('<a class="thumb tile" href="/s/' + token + '/assets/z1/original" download><span class="type">ZIP</span><span class="tile-name">raw.zip</span><span class="tile-size">3 byte</span></a>');
    expect(page).not.toContain('z1/thumbnail');
  });
});
