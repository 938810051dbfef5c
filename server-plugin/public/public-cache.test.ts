import { describe, expect, it } from 'vitest';
import type { Collection } from '../store/types.js';
import { PublicCache } from './public-cache.js';

const collection = (id: number) => ({ id, token: `t${id}` }) as Collection;
const body = (bytes: number) => async () => ({ type: 'text/plain', body: Buffer.alloc(bytes) });

function setUp(options: { ttlMs?: number; maxBytes?: number } = {}) {
  const clock = { now: 0 };
  const cache = new PublicCache({ ttlMs: options.ttlMs ?? 1000, maxBytes: options.maxBytes ?? 1_000_000, clock: () => clock.now });
  let loads = 0;
  const find = (id: number) =>
    cache.find(`t${id}`, async () => {
      loads += 1;
      return collection(id);
    });
  return { cache, clock, find, loads: () => loads };
}

describe('PublicCache', () => {
  it('reuses a collection and its bodies until the lifetime ends', async () => {
    const { clock, find, loads } = setUp();
    const first = (await find(1))!;
    let renders = 0;
    const render = async () => ({ type: 'text/plain', body: Buffer.from(`render ${(renders += 1)}`) });
    await first.body('page 1', render);
    clock.now = 999;
    expect((await (await find(1))!.body('page 1', render)).body.toString()).toBe('render 1');
    expect(loads()).toBe(1);
    clock.now = 1000;
    expect((await (await find(1))!.body('page 1', render)).body.toString()).toBe('render 2');
    expect(loads()).toBe(2);
  });

  it('lets 100 concurrent misses of one link share one load and one render (no stampede at expiry)', async () => {
    const { cache, clock } = setUp();
    let renders = 0;
    let loads = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowFind = () =>
      cache.find('t1', async () => {
        loads += 1;
        await gate;
        return collection(1);
      });
    const render = async () => ({ type: 'text/plain', body: Buffer.from(`render ${(renders += 1)}`) });
    for (const at of [0, 1000]) {
      clock.now = at;
      const waiting = Array.from({ length: 100 }, async () => (await slowFind())!.body('page 1', render));
      release();
      const bodies = await Promise.all(waiting);
      expect(new Set(bodies.map((made) => made.body.toString())).size).toBe(1);
    }
    // One load and one render per lifetime, however many visitors wait.
    expect([loads, renders]).toEqual([2, 2]);
  });

  it('never joins a load that began before a write through this instance', async () => {
    const { cache } = setUp();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const stale = cache.find('t1', async () => {
      await gate;
      return { ...collection(1), title: 'before' };
    });
    cache.clear();
    const fresh = cache.find('t1', async () => ({ ...collection(1), title: 'after' }));
    release();
    expect([(await stale)!.collection.title, (await fresh)!.collection.title]).toEqual(['before', 'after']);
  });

  it('never remembers an unknown token, nor a body whose rendering failed', async () => {
    const { cache } = setUp();
    let lookups = 0;
    const missing = async () => {
      lookups += 1;
      return undefined;
    };
    await cache.find('nope', missing);
    await cache.find('nope', missing);
    expect(lookups).toBe(2);
    const entry = (await cache.find('t1', async () => collection(1)))!;
    await expect(entry.body('page 9', () => Promise.reject(new Error('no such page')))).rejects.toThrow('no such page');
    expect((await entry.body('page 9', body(3))).body).toHaveLength(3);
  });

  it('does not store what a lookup read before a write cleared the cache', async () => {
    const { cache, find, loads } = setUp();
    let release!: () => void;
    const slow = cache.find('t1', () => new Promise<Collection>((resolve) => (release = () => resolve(collection(1)))));
    cache.clear();
    release();
    const stale = (await slow)!;
    await stale.body('page 1', body(10));
    await find(1);
    expect(loads()).toBe(1);
  });

  it('stays under maxBytes by dropping the oldest links first', async () => {
    const { find, loads } = setUp({ maxBytes: 250 });
    for (const id of [1, 2, 3]) await (await find(id))!.body('page 1', body(100));
    await find(3);
    await find(2);
    expect(loads()).toBe(3);
    await find(1);
    expect(loads()).toBe(4);
  });

  it('remembers members confirmed by a load or a rendered page, and asks again for the rest', async () => {
    const { find } = setUp();
    const entry = (await find(1))!;
    entry.rememberMembers(['a']);
    const asked: string[][] = [];
    const load = async (ids: string[]) => {
      asked.push(ids);
      return new Set(ids.filter((id) => id === 'b'));
    };
    expect(await entry.members(['a', 'b', 'x'], load)).toEqual(new Set(['a', 'b']));
    expect(await entry.members(['a', 'b', 'x'], load)).toEqual(new Set(['a', 'b']));
    expect(asked).toEqual([['b', 'x'], ['x']]);
  });

  it('with a lifetime of 0 reads every time and keeps nothing', async () => {
    const { find, loads } = setUp({ ttlMs: 0 });
    await (await find(1))!.body('page 1', body(10));
    await find(1);
    expect(loads()).toBe(2);
  });
});
