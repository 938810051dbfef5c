import { describe, expect, it } from 'vitest';
import { MembershipCache, type Membership } from './membership-cache.js';

const holding = (title: string): Membership[] => [{ collection: { id: 1, title }, ownerId: 'o' }];

describe('MembershipCache', () => {
  it('keeps entries while the generation stays, and starts over when it changes either way', () => {
    const cache = new MembershipCache(10);
    cache.at(5).fill(new Map([['a', holding('Old')]]));
    expect(cache.at(5).get('a')).toEqual(holding('Old'));
    expect(cache.at(6).has('a')).toBe(false);
    cache.at(6).fill(new Map([['a', holding('New')]]));
    expect(cache.at(4).has('a')).toBe(false);
  });

  it('drops a fill made for a generation the cache has since left', () => {
    const cache = new MembershipCache(10);
    const slow = cache.at(5);
    cache.at(6);
    slow.fill(new Map([['a', holding('Stale')]]));
    expect(cache.at(6).has('a')).toBe(false);
    expect(slow.has('a')).toBe(false);
  });

  it('holds at most maxEntries assets, dropping those filled longest ago', () => {
    const cache = new MembershipCache(3);
    const entries = cache.at(1);
    entries.fill(new Map(['a', 'b', 'c'].map((id) => [id, []])));
    entries.fill(new Map([['a', []]]));
    entries.fill(new Map(['d', 'e'].map((id) => [id, []])));
    expect(['a', 'b', 'c', 'd', 'e'].filter((id) => entries.has(id))).toEqual(['a', 'd', 'e']);
  });
});
