import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubChromeI18n } from '../test/helpers/chrome-i18n.js';
import { stallingFetch, type StallingFetch } from '../test/helpers/stalling-fetch.js';

let server: StallingFetch;

beforeEach(() => {
  server = stallingFetch();
  // api.ts picks its fetch when it loads: load it afresh after the stub.
  vi.resetModules();
  vi.stubGlobal('fetch', server.fetch);
  stubChromeI18n();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('owner API requests', () => {
  it('end in a timeout error when the server never answers', async () => {
    const { api, REQUEST_TIMEOUT_MILLISECONDS } = await import('./api.js');
    const request = api.session();
    expect(server.timeouts).toEqual([REQUEST_TIMEOUT_MILLISECONDS]);
    server.timeOut();
    await expect(request).rejects.toMatchObject({ name: 'ApiError', status: 0, code: 'timeout', message: expect.stringContaining('did not answer') });
  });

  it('end in a timeout error when the answer stops halfway', async () => {
    server.answerHeadersOnly();
    const { api } = await import('./api.js');
    const request = api.list();
    await vi.waitFor(() => expect(server.requests).toBe(1));
    server.timeOut();
    await expect(request).rejects.toMatchObject({ name: 'ApiError', code: 'timeout' });
  });

  it('still tell an unreachable server from a slow one', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const { api } = await import('./api.js');
    await expect(api.session()).rejects.toMatchObject({ name: 'ApiError', code: 'unavailable' });
  });
});
