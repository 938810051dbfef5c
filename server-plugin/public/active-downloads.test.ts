import { EventEmitter } from 'node:events';
import type { Context } from 'koa';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../store/types.js';
import { type ActiveDownloads, createActiveDownloads, type DownloadLimits } from './active-downloads.js';

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

/** Admits a download of `files` of `admitted`. */
async function admitCarrying(downloads: ActiveDownloads, ctx: Context, admitted: Collection, files: string[]): Promise<void> {
  (await downloads.admit(ctx, admitted)).carry(files);
}

function setUp(changes: Partial<DownloadLimits> = {}) {
  const limits = { perAddress: 2, total: 3, startsPerMinute: 60, ...changes };
  const current = new Map([[1, collection()]]);
  const members = new Set(['a', 'b']);
  let now = t0;
  const cuts: string[] = [];
  /** The refusal pauses asked for, in ms: none really waits. */
  const pauses: number[] = [];
  const downloads = createActiveDownloads({
    limits,
    collections: fakeStore(current, members),
    now: () => now,
    logger: { warn: () => {} },
    refusalPauseMs: 1000,
    pause: async (ms) => pauses.push(ms),
    onCut: (reason) => cuts.push(reason),
  });
  return { downloads, current, members, cuts, pauses, advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)) };
}

describe('active downloads: fair use', () => {
  it('refuses a client past its limit with 429 and the instance past its total with 503, at once', async () => {
    const { downloads, pauses } = setUp();
    const admit = (ip: string) => admitCarrying(downloads, fakeCtx(ip), collection(), ['a']);
    await admit('2001:db8:1:2::1');
    await admit('2001:db8:1:2::2');
    // The same /64: the same client.
    await expect(admit('2001:db8:1:2::99')).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 10 });
    await admit('203.0.113.2');
    await expect(admit('203.0.113.3')).rejects.toMatchObject({ code: 'unavailable' });
    expect(downloads.count).toBe(3);
    expect(pauses).toEqual([]);
  });

  it('makes a client that keeps asking at its limit wait the refusal pause, from its third refusal in a row', async () => {
    const { downloads, pauses } = setUp({ perAddress: 2, total: 4 });
    const admit = (ip: string) => admitCarrying(downloads, fakeCtx(ip), collection(), ['a']);
    await admit('203.0.113.1');
    await admit('203.0.113.1');
    for (let refusal = 0; refusal < 5; refusal++) await expect(admit('203.0.113.1')).rejects.toMatchObject({ code: 'rate_limited' });
    expect(pauses).toHaveLength(3);
    // The pause plus up to half again, at random.
    for (const ms of pauses) expect(ms >= 1000 && ms <= 1500).toBe(true);
    // Another client at its limit is told at once.
    await admit('203.0.113.2');
    await admit('203.0.113.2');
    await expect(admit('203.0.113.2')).rejects.toMatchObject({ code: 'rate_limited' });
    expect(pauses).toHaveLength(3);
  });

  it('answers at once again once the client has been admitted since', async () => {
    const { downloads, pauses } = setUp({ perAddress: 1, total: 3 });
    const first = fakeCtx('203.0.113.1');
    await admitCarrying(downloads, first, collection(), ['a']);
    for (let refusal = 0; refusal < 3; refusal++) await expect(admitCarrying(downloads, fakeCtx('203.0.113.1'), collection(), ['a'])).rejects.toThrow();
    expect(pauses).toHaveLength(1);
    first.res.emit('close');
    await admitCarrying(downloads, fakeCtx('203.0.113.1'), collection(), ['a']);
    await expect(admitCarrying(downloads, fakeCtx('203.0.113.1'), collection(), ['a'])).rejects.toThrow();
    expect(pauses).toHaveLength(1);
  });

  it('frees the place when the response closes, finished or abandoned', async () => {
    const { downloads } = setUp();
    const first = fakeCtx('203.0.113.1');
    await admitCarrying(downloads, first, collection(), ['a']);
    await admitCarrying(downloads, fakeCtx('203.0.113.1'), collection(), ['a']);
    first.res.emit('close');
    first.res.emit('close');
    expect(downloads.count).toBe(1);
    await admitCarrying(downloads, fakeCtx('203.0.113.1'), collection(), ['a']);
    expect(downloads.count).toBe(2);
  });
});

describe('active downloads: starts per minute', () => {
  /** Starts and finishes one download for `ip`: only the start counts. */
  async function download(downloads: ActiveDownloads, ip: string): Promise<void> {
    const ctx = fakeCtx(ip);
    await admitCarrying(downloads, ctx, collection(), ['a']);
    ctx.res.emit('close');
  }

  it('lets a client start a minute of downloads at once, then one per refill, with the wait in Retry-After', async () => {
    const { downloads, advance } = setUp({ perAddress: 2, total: 3, startsPerMinute: 6 });
    for (let start = 0; start < 6; start++) await download(downloads, '203.0.113.1');
    // One start comes back every 10 s.
    await expect(download(downloads, '203.0.113.1')).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 10 });
    advance(4);
    await expect(download(downloads, '203.0.113.1')).rejects.toMatchObject({ retryAfterSeconds: 6 });
    advance(6);
    await download(downloads, '203.0.113.1');
    await expect(download(downloads, '203.0.113.1')).rejects.toMatchObject({ code: 'rate_limited' });
    // Another client, and the same client's other /64, have their own minute.
    await download(downloads, '203.0.113.2');
    await download(downloads, '2001:db8:1:3::1');
    // A quiet minute gives back every start, and no more than that.
    advance(600);
    for (let start = 0; start < 6; start++) await download(downloads, '203.0.113.1');
    await expect(download(downloads, '203.0.113.1')).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('takes no start away when the clock is set back', async () => {
    const { downloads, advance } = setUp({ startsPerMinute: 6 });
    for (let start = 0; start < 5; start++) await download(downloads, '203.0.113.1');
    advance(-3600);
    await download(downloads, '203.0.113.1');
    await expect(download(downloads, '203.0.113.1')).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 10 });
  });

  it('pauses a client that keeps asking when its minute is spent, from its third refusal in a row', async () => {
    const { downloads, pauses } = setUp({ startsPerMinute: 1 });
    await download(downloads, '203.0.113.1');
    for (let refusal = 0; refusal < 4; refusal++) await expect(download(downloads, '203.0.113.1')).rejects.toMatchObject({ retryAfterSeconds: 60 });
    expect(pauses).toHaveLength(2);
  });

  it('never serves a client that keeps asking without waiting, and serves it once it waits as told', async () => {
    const { downloads, advance } = setUp({ startsPerMinute: 60 });
    for (let start = 0; start < 60; start++) await download(downloads, '203.0.113.1');
    // Ten seconds of asking every 100 ms: the ten starts that came back were spent on refusals.
    let retryAfterSeconds = 0;
    for (let ask = 0; ask < 100; ask++) {
      advance(0.1);
      retryAfterSeconds = await download(downloads, '203.0.113.1').then(
        () => expect.fail('a client asking in a loop was served'),
        (error: { retryAfterSeconds: number }) => error.retryAfterSeconds,
      );
    }
    expect(retryAfterSeconds).toBe(1);
    advance(1);
    await download(downloads, '203.0.113.1');
    // Another client was never touched by it.
    await download(downloads, '203.0.113.2');
  });

  it('spends a start for each refusal past the free ones, whatever refused it', async () => {
    const { downloads } = setUp({ perAddress: 1, startsPerMinute: 2 });
    const running = fakeCtx('203.0.113.1');
    await admitCarrying(downloads, running, collection(), ['a']);
    // Refused for the one running: the third refusal in a row spends the second start.
    for (let refusal = 0; refusal < 3; refusal++) await expect(download(downloads, '203.0.113.1')).rejects.toMatchObject({ retryAfterSeconds: 10 });
    running.res.emit('close');
    await expect(download(downloads, '203.0.113.1')).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 30 });
  });

  it('counts a refused start as no start: the instance at its total takes nothing from the client', async () => {
    const { downloads } = setUp({ perAddress: 1, total: 1, startsPerMinute: 2 });
    const running = fakeCtx('203.0.113.9');
    await admitCarrying(downloads, running, collection(), ['a']);
    for (let refusal = 0; refusal < 3; refusal++) await expect(download(downloads, '203.0.113.1')).rejects.toMatchObject({ code: 'unavailable' });
    running.res.emit('close');
    await download(downloads, '203.0.113.1');
    await download(downloads, '203.0.113.1');
    await expect(download(downloads, '203.0.113.1')).rejects.toMatchObject({ code: 'rate_limited' });
  });
});

describe('active downloads: revocation', () => {
  it('leaves downloads running when nothing that grants them changed (a new title)', async () => {
    const { downloads, current, cuts } = setUp();
    const ctx = fakeCtx('203.0.113.1');
    await admitCarrying(downloads, ctx, collection(), ['a', 'b']);
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
    await admitCarrying(downloads, ctx, collection(), ['a']);
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
    await admitCarrying(downloads, carriesB, collection(), ['a', 'b']);
    await admitCarrying(downloads, onlyA, collection(), ['a']);
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
    await admitCarrying(downloads, ctx, expiring, ['a']);
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
      limits: { perAddress: 2, total: 2, startsPerMinute: 60 },
      collections: { ...store, revisions: async (ids) => (down ? Promise.reject(new Error('connect ECONNREFUSED')) : store.revisions(ids)) },
      now: () => t0,
      logger: { warn: (message) => warnings.push(message) },
      refusalPauseMs: 1000,
    });
    const ctx = fakeCtx('203.0.113.1');
    await admitCarrying(downloads, ctx, collection(), ['a']);
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
