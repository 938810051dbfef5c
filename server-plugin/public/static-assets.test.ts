import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticAsset } from './static-assets.js';

describe('staticAsset', () => {
  let server: ReturnType<Koa['listen']>;
  let url: string;
  let etag: string;

  beforeAll(async () => {
    const router = new Router();
    router.get('/_assets/:file', staticAsset);
    server = new Koa().use(router.routes()).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/_assets/gallery.css`;
    etag = (await fetch(url)).headers.get('etag')!;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  // A browser revalidating its cached copy sends `max-age=0`; without a Cache-Control of its
  // own, fetch() adds `no-cache` to every conditional request, which asks for a full reload.
  it('answers 304 to the tag it sent, also in its weak form or within a list', async () => {
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await fetch(url, { headers: { 'if-none-match': ifNoneMatch, 'cache-control': 'max-age=0' } });
      expect(response.status, ifNoneMatch).toBe(304);
      expect(response.headers.get('etag')).toBe(etag);
      expect(await response.text()).toBe('');
    }
  });

  it('sends the file to a client holding another version, and to a reload', async () => {
    const requests: Record<string, string>[] = [{ 'if-none-match': '"other"', 'cache-control': 'max-age=0' }, { 'if-none-match': etag }];
    for (const headers of requests) {
      const response = await fetch(url, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect((await response.text()).length).toBeGreaterThan(0);
    }
  });
});
