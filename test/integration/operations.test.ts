/**
 * What an operator sees, over real HTTP on every engine: one JSON log line per refused or
 * abnormal event through the `logger` option (no token, no stack trace for a client that
 * leaves), and the counters on the host's prom-client registry.
 */
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../server-plugin/options.js';
import { TEST_ENGINES } from '../helpers/databases.js';
import { eventually } from '../helpers/eventually.js';
import { createFakeDamHost } from '../helpers/fake-dam-host.js';
import { API, type PluginServer, startPluginServer } from '../helpers/plugin-server.js';

describe.each(TEST_ENGINES)('operations on %s', (engine) => {
  let server: PluginServer;
  let registry: Registry;
  const lines: { level: string; text: string }[] = [];
  const record = (level: string) => (text: string, ...details: unknown[]) => {
    lines.push({ level, text: [text, ...details].map(String).join(' ') });
  };
  const logger: Logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };

  beforeEach(async () => {
    lines.length = 0;
    registry = new Registry();
    const host = createFakeDamHost({ assetIds: ['a1', 'a2'] });
    host.addAsset('big', Buffer.alloc(8 * 1024 * 1024, 1), 'big.bin');
    // The plugin's clock stands still: the 1 s back-off after the first wrong password cannot run out on a slow machine.
    const frozen = new Date();
    server = await startPluginServer({
      engine,
      host,
      now: () => frozen,
      proxy: true,
      silent: true,
      options: { logger, metrics: { registry }, throttle: { freeAttempts: 1, probeLimit: 1 }, downloads: { perAddress: 1, total: 10 } },
    });
  });
  afterEach(() => server.close());

  const events = (): Record<string, unknown>[] =>
    lines.filter((line) => line.text.startsWith('{')).map((line) => ({ level: line.level, ...(JSON.parse(line.text) as Record<string, unknown>) }));

  it('logs refusals and failed unlocks as JSON lines, counts them, and names no token', async () => {
    const open = await server.as('editor1:editor').post(API, { title: 'Open', assetIds: ['a1', 'big'], allowDownload: true });
    const locked = await server.as('editor1:editor').post(API, { title: 'Locked', password: 'right', assetIds: ['a1'] });
    const openUrl = open.json.url as string;
    const lockedUrl = locked.json.url as string;
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    const unlock = (password: string) => fetch(`${lockedUrl}/unlock`, { method: 'POST', body: new URLSearchParams({ password }), headers: { 'x-forwarded-for': '203.0.113.7' } });

    expect((await fetch(openUrl, from('203.0.113.1'))).status).toBe(200);
    expect((await unlock('wrong')).status).toBe(401);
    expect((await unlock('wrong')).status).toBe(429);
    for (const status of [404, 429]) expect((await fetch(`${openUrl.slice(0, -32)}${'Z'.repeat(32)}`, from('198.51.100.1'))).status).toBe(status);
    const first = await fetch(`${openUrl}/assets/big/original`, from('203.0.113.9'));
    expect((await fetch(`${openUrl}/download`, from('203.0.113.9'))).status).toBe(429);
    await first.arrayBuffer();
    await server.plugin.flushEvents();

    const logged = events();
    expect(logged).toEqual(expect.arrayContaining([
      { level: 'info', event: 'unlock_failed', collectionId: locked.json.id, address: '203.0.113.7' },
      { level: 'info', event: 'unlock_throttled', collectionId: locked.json.id, address: '203.0.113.7', retryAfterSeconds: 1 },
      { level: 'info', event: 'request_refused', status: 429, code: 'rate_limited', method: 'GET', path: '/s/<token>', address: '198.51.100.1' },
      { level: 'info', event: 'request_refused', status: 429, code: 'rate_limited', method: 'GET', path: '/s/<token>/download', address: '203.0.113.9' },
    ]));
    const all = lines.map((line) => line.text).join('\n');
    for (const url of [openUrl, lockedUrl]) expect(all).not.toContain(url.slice(-32));

    const metrics = await registry.metrics();
    for (const line of [
      'shared_collections_views_total 1',
      'shared_collections_downloads_total{kind="original"} 1',
      'shared_collections_unlock_failures_total 1',
      'shared_collections_throttle_hits_total{kind="unlock"} 1',
      'shared_collections_throttle_hits_total{kind="probe"} 1',
      'shared_collections_refusals_total{reason="rate_limited"} 2',
      'shared_collections_refusals_total{reason="unlock_throttled"} 1',
    ]) expect(metrics).toContain(line);
    // The server hears the download's connection close a moment after the client has read its end.
    await eventually(async () => (await registry.metrics()).includes('shared_collections_active_downloads 0'), 'the finished download no longer counts as active');
    const bytes = /shared_collections_download_bytes_total (\d+)/.exec(await registry.metrics())?.[1];
    expect(Number(bytes)).toBeGreaterThanOrEqual(8 * 1024 * 1024);
  });

  it('says at debug level, in one line and without a stack trace, that a client left a download', async () => {
    const open = await server.as('editor1:editor').post(API, { title: 'Open', assetIds: ['big'], allowDownload: true });
    const response = await fetch(`${open.json.url as string}/download`);
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await eventually(() => events().some((event) => event.event === 'download_closed_early'), 'a download_closed_early line');
    expect(events().find((event) => event.event === 'download_closed_early')).toMatchObject({ level: 'debug', collectionId: open.json.id });
    expect(lines.filter((line) => /\n\s+at /.test(line.text))).toEqual([]);
  });
});
