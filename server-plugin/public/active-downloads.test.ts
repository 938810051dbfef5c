import { EventEmitter } from 'node:events';
import type { Context } from 'koa';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../store/types.js';
import { createActiveDownloads } from './active-downloads.js';

const t0 = new Date('2026-12-01T10:00:00Z');

function collection(changes: Partial<Collection> = {}): Collection {
  return {
    id: 1, token: 'T'.repeat(32), title: 'Trip', description: '', isPublic: true, passwordHash: null, passwordVersion: 0,
    expiresAt: null, allowDownload: true, ownerId: 'o', ownerName: 'Owner', createdAt: t0, updatedAt: t0, revision: 1,
    assetCount: 2, coverAssetId: 'a', ...changes,
  };
}

/** A request's `ctx` as far as downloads see it: its address and a response that can close or be destroyed. */
class FakeResponse extends EventEmitter {
  destroyed = false;
  destroy(): void {
    this.destroyed = true;
    this.emit('close');
  }
}

function fakeCtx(ip: string) {
  return { ip, res: new FakeResponse() } as unknown as Context & { res: FakeResponse };
}

/** The store as the downloads read it: tests change `current` and `members` as an owner would. */
function fakeStore(current: Map<number, Collection>, members: Set<string>) {
  return {
    revisions: async (ids: readonly number[]) => new Map(ids.flatMap((id) => (current.has(id) ? [[id, current.get(id)!.revision] as const] : []))),
    findById: async (id: number) => current.get(id),
    filterMembers: async (_id: number, ids: readonly string[]) => new Set(ids.filter((id) => members.has(id))),
  };
}

function setUp(limits = { perAddress: 2, total: 3 }) {
  const current = new Map([[1, collection()]]);
  const members = new Set(['a', 'b']);
  let now = t0;
  const cuts: string[] = [];
  const downloads = createActiveDownloads({
    limits,
    collections: fakeStore(current, members),
    now: () => now,
    logger: { warn: () => {} },
    onCut: (reason) => cuts.push(reason),
  });
  return { downloads, current, members, cuts, advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)) };
}

describe('active downloads: fair use', () => {
  it('refuses a client past its limit with 429 and the instance past its total with 503, at once', () => {
    const { downloads } = setUp();
    const admit = (ip: string) => downloads.admit(fakeCtx(ip), { collection: collection(), assetIds: ['a'] });
    admit('2001:db8:1:2::1');
    admit('2001:db8:1:2::2');
    // The same /64: the same client.
    expect(() => admit('2001:db8:1:2::99')).toThrow(expect.objectContaining({ code: 'rate_limited', retryAfterSeconds: 10 }));
    admit('203.0.113.2');
    expect(() => admit('203.0.113.3')).toThrow(expect.objectContaining({ code: 'unavailable' }));
    expect(downloads.count).toBe(3);
  });

  it('frees the place when the response closes, finished or abandoned', () => {
    const { downloads } = setUp();
    const first = fakeCtx('203.0.113.1');
    downloads.admit(first, { collection: collection(), assetIds: ['a'] });
    downloads.admit(fakeCtx('203.0.113.1'), { collection: collection(), assetIds: ['a'] });
    first.res.emit('close');
    first.res.emit('close');
    expect(downloads.count).toBe(1);
    downloads.admit(fakeCtx('203.0.113.1'), { collection: collection(), assetIds: ['a'] });
    expect(downloads.count).toBe(2);
  });
});

describe('active downloads: revocation', () => {
  it('leaves downloads running when nothing that grants them changed (a new title)', async () => {
    const { downloads, current, cuts } = setUp();
    const ctx = fakeCtx('203.0.113.1');
    downloads.admit(ctx, { collection: collection(), assetIds: ['a', 'b'] });
    current.set(1, collection({ title: 'Renamed', revision: 2 }));
    await downloads.checkNow();
    expect(ctx.res.destroyed).toBe(false);
    expect(cuts).toEqual([]);
  });

  it.each([
    ['the collection was deleted', (current: Map<number, Collection>) => current.delete(1)],
    ['downloads were turned off', (current: Map<number, Collection>) => current.set(1, collection({ allowDownload: false, revision: 2 }))],
    ['public access was turned off', (current: Map<number, Collection>) => current.set(1, collection({ isPublic: false, revision: 2 }))],
    ['the password was set or changed', (current: Map<number, Collection>) => current.set(1, collection({ passwordHash: 'x', passwordVersion: 1, revision: 2 }))],
  ])('cuts a running download when %s', async (reason, revoke) => {
    const { downloads, current, cuts } = setUp();
    const ctx = fakeCtx('203.0.113.1');
    downloads.admit(ctx, { collection: collection(), assetIds: ['a'] });
    revoke(current);
    await downloads.checkNow();
    expect(ctx.res.destroyed).toBe(true);
    expect(cuts).toEqual([reason]);
    expect(downloads.count).toBe(0);
  });

  it('cuts only the downloads that carry a removed file', async () => {
    const { downloads, current, members, cuts } = setUp();
    const carriesB = fakeCtx('203.0.113.1');
    const onlyA = fakeCtx('203.0.113.2');
    downloads.admit(carriesB, { collection: collection(), assetIds: ['a', 'b'] });
    downloads.admit(onlyA, { collection: collection(), assetIds: ['a'] });
    members.delete('b');
    current.set(1, collection({ revision: 2, assetCount: 1 }));
    await downloads.checkNow();
    expect([carriesB.res.destroyed, onlyA.res.destroyed]).toEqual([true, false]);
    expect(cuts).toEqual(['a file it carries was removed from the collection']);
  });

  it('cuts a running download once its link expires, by the plugin clock, with no change in the store', async () => {
    const { downloads, current, cuts, advance } = setUp();
    const expiring = collection({ expiresAt: new Date(t0.getTime() + 30_000) });
    current.set(1, expiring);
    const ctx = fakeCtx('203.0.113.1');
    downloads.admit(ctx, { collection: expiring, assetIds: ['a'] });
    await downloads.checkNow();
    expect(ctx.res.destroyed).toBe(false);
    advance(30);
    await downloads.checkNow();
    expect(ctx.res.destroyed).toBe(true);
    expect(cuts).toEqual(['the link expired']);
  });
});

describe('active downloads: a failing database', () => {
  it('warns once while the checks fail, and again only after one has succeeded', async () => {
    let down = true;
    const warnings: string[] = [];
    const current = new Map([[1, collection()]]);
    const store = fakeStore(current, new Set(['a']));
    const downloads = createActiveDownloads({
      limits: { perAddress: 2, total: 2 },
      collections: { ...store, revisions: async (ids) => (down ? Promise.reject(new Error('connect ECONNREFUSED')) : store.revisions(ids)) },
      now: () => t0,
      logger: { warn: (message) => warnings.push(message) },
    });
    const ctx = fakeCtx('203.0.113.1');
    downloads.admit(ctx, { collection: collection(), assetIds: ['a'] });
    for (let check = 0; check < 3; check++) await downloads.checkNow();
    expect(warnings).toHaveLength(1);
    down = false;
    await downloads.checkNow();
    down = true;
    await downloads.checkNow();
    expect(warnings).toHaveLength(2);
    expect(ctx.res.destroyed).toBe(false);
  });
});
