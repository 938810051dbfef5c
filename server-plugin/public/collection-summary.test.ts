import { describe, expect, it } from 'vitest';
import type { AssetMetadata } from '../dam-host.js';
import type { Collection } from '../store/types.js';
import { createCollectionSummaries } from './collection-summary.js';

const asset = (id: string, size: number): AssetMetadata => ({ id, name: id, mime: 'image/jpeg', size, width: 1, height: 1, modifiedAt: new Date(0) });

describe('collection summaries', () => {
  function setUp() {
    const catalog = new Map([['a', asset('a', 1000)], ['b', asset('b', 2500)]]);
    const members = ['a', 'b', 'removed'];
    const calls = { ids: 0, metadata: 0 };
    let now = 0;
    const summaryOf = createCollectionSummaries({
      collections: { listAllAssetIds: async () => (calls.ids++, members) },
      host: { assetMetadata: async (ids) => (calls.metadata++, new Map(ids.flatMap((id) => (catalog.has(id) ? [[id, catalog.get(id)!] as const] : [])))) },
      ttlMs: 60_000,
      maxEntries: 2,
      clock: () => now,
    });
    const collection = (id: number, revision: number) => ({ id, revision }) as Collection;
    return { summaryOf, calls, catalog, collection, advance: (ms: number) => (now += ms) };
  }

  it('counts the files still in the catalog and their bytes, once per revision and time to live', async () => {
    const { summaryOf, calls, catalog, collection, advance } = setUp();
    const [first, second] = await Promise.all([summaryOf(collection(1, 1)), summaryOf(collection(1, 1))]);
    expect(first).toEqual({ files: 2, bytes: 3500 });
    expect(second).toBe(first);
    expect(calls).toEqual({ ids: 1, metadata: 1 });
    catalog.delete('b');
    expect(await summaryOf(collection(1, 1))).toEqual({ files: 2, bytes: 3500 });
    // A new revision (files added or removed through any instance) is counted afresh.
    expect(await summaryOf(collection(1, 2))).toEqual({ files: 1, bytes: 1000 });
    advance(60_001);
    catalog.set('b', asset('b', 500));
    expect(await summaryOf(collection(1, 2))).toEqual({ files: 2, bytes: 1500 });
    expect(calls).toEqual({ ids: 3, metadata: 3 });
  });

  it('keeps at most maxEntries summaries, and forgets a failed load', async () => {
    const { summaryOf, calls, collection } = setUp();
    for (const id of [1, 2, 3]) await summaryOf(collection(id, 1));
    await summaryOf(collection(3, 1));
    await summaryOf(collection(1, 1));
    expect(calls.ids).toBe(4);

    let fail = true;
    const failing = createCollectionSummaries({
      collections: { listAllAssetIds: async () => { if (fail) throw new Error('database down'); return []; } },
      host: { assetMetadata: async () => new Map() },
      ttlMs: 60_000,
      maxEntries: 2,
      clock: () => 0,
    });
    await expect(failing(collection(1, 1))).rejects.toThrow('database down');
    fail = false;
    expect(await failing(collection(1, 1))).toEqual({ files: 0, bytes: 0 });
  });

  it('stops waiting for a load that never ends after a second, so a host that recovers is asked again', async () => {
    let answer: (() => Promise<Map<string, AssetMetadata>>) | undefined = () => new Promise(() => {});
    let now = 0;
    const summaryOf = createCollectionSummaries({
      collections: { listAllAssetIds: async () => ['a'] },
      host: { assetMetadata: () => answer!() },
      ttlMs: 60_000,
      maxEntries: 2,
      clock: () => now,
    });
    const collection = { id: 1, revision: 1 } as Collection;
    const hung = summaryOf(collection);
    expect(summaryOf(collection)).toBe(hung);
    answer = async () => new Map([['a', asset('a', 7)]]);
    now = 1000;
    expect(await summaryOf(collection)).toEqual({ files: 1, bytes: 7 });
  });
});
