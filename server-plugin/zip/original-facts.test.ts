import { describe, expect, it } from 'vitest';
import type { AssetMetadata } from '../dam-host.js';
import { createOriginalFacts } from './original-facts.js';

const asset = (id: string, size = 100, modified = 0): AssetMetadata =>
  ({ id, name: `${id}.jpg`, mime: 'image/jpeg', size, width: null, height: null, modifiedAt: new Date(modified) });

describe('createOriginalFacts', () => {
  it('tells what was learned while the catalog says the same, for the lifetime only', () => {
    let now = 0;
    const facts = createOriginalFacts({ clock: () => now, ttlMs: 1000 });
    facts.learn(asset('a'), 'missing');
    facts.learn(asset('b'), 250);
    expect(facts.find(asset('a'))).toBe('missing');
    expect(facts.find(asset('b'))).toBe(250);
    expect(facts.find(asset('c'))).toBeUndefined();
    now = 1000;
    expect(facts.find(asset('a'))).toBeUndefined();
  });

  it('forgets a fact once the catalog describes the file differently', () => {
    const facts = createOriginalFacts({ clock: () => 0 });
    facts.learn(asset('a'), 'unreadable');
    expect(facts.find(asset('a', 100, 5))).toBeUndefined();
    expect(facts.find(asset('a'))).toBeUndefined();
    facts.learn(asset('b'), 7);
    expect(facts.find(asset('b', 7))).toBeUndefined();
  });

  it('keeps at most maxEntries facts, dropping the oldest', () => {
    const facts = createOriginalFacts({ clock: () => 0, maxEntries: 2 });
    for (const id of ['a', 'b', 'c']) facts.learn(asset(id), 'missing');
    expect(['a', 'b', 'c'].map((id) => facts.find(asset(id)))).toEqual([undefined, 'missing', 'missing']);
  });
});
