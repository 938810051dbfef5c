import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createOperations } from './operations.js';

describe('operations', () => {
  it('writes one JSON line per event at its level, and drops levels the logger lacks', () => {
    const lines: string[] = [];
    const operations = createOperations({ logger: { warn: (line) => lines.push(`warn ${line}`), error: () => {}, info: (line) => lines.push(`info ${line}`) } });
    operations.event('info', 'unlock_failed', { collectionId: 7, address: '203.0.113.0' });
    operations.event('debug', 'download_closed_early', { collectionId: 7 });
    expect(lines).toEqual(['info {"event":"unlock_failed","collectionId":7,"address":"203.0.113.0"}']);
  });

  it('counts on the host registry, with the running downloads read when it is scraped', async () => {
    const registry = new Registry();
    const operations = createOperations({ logger: console, registry });
    let running = 3;
    operations.watchActiveDownloads(() => running);
    operations.view();
    operations.download('zip');
    operations.bytesSent(1500);
    operations.refused('rate_limited');
    operations.refused('rate_limited');
    operations.throttled('probe');
    operations.cacheLookup(true);
    operations.databaseError();
    const text = await registry.metrics();
    for (const line of [
      'shared_collections_views_total 1',
      'shared_collections_downloads_total{kind="zip"} 1',
      'shared_collections_download_bytes_total 1500',
      'shared_collections_refusals_total{reason="rate_limited"} 2',
      'shared_collections_throttle_hits_total{kind="probe"} 1',
      'shared_collections_public_cache_lookups_total{result="hit"} 1',
      'shared_collections_database_errors_total 1',
      'shared_collections_active_downloads 3',
    ]) expect(text).toContain(line);
    running = 0;
    expect(await registry.metrics()).toContain('shared_collections_active_downloads 0');
  });

  it('costs nothing without a registry', () => {
    const operations = createOperations({ logger: console });
    expect(() => {
      operations.view();
      operations.watchActiveDownloads(() => 1);
    }).not.toThrow();
  });
});
