import { describe, expect, it } from 'vitest';
import type { ThrottleStore } from '../store/types.js';
import { backoffSeconds, createPublicThrottle, type ThrottlePolicy } from './throttle-policy.js';

const policy: ThrottlePolicy = { freeAttempts: 5, baseDelaySeconds: 1, maxDelaySeconds: 900, windowSeconds: 3600, probeLimit: 3, refusalPauseSeconds: 0 };
const t0 = new Date('2026-11-27T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

/** The ThrottleStore contract in memory. */
function memoryThrottleStore(): ThrottleStore {
  const rows = new Map<string, { failures: number; lastFailureAt: Date }>();
  return {
    async find(key) {
      return rows.get(key);
    },
    async recordFailure(key, now) {
      const failures = (rows.get(key)?.failures ?? 0) + 1;
      rows.set(key, { failures, lastFailureAt: now });
      return failures;
    },
    async replaceIf(key, expected, next) {
      const current = rows.get(key);
      const same = current === expected || (current && expected && current.failures === expected.failures && current.lastFailureAt === expected.lastFailureAt);
      if (!same) return false;
      rows.set(key, next);
      return true;
    },
    async reset(key) {
      rows.delete(key);
    },
    async prune(before) {
      let removed = 0;
      for (const [key, row] of rows) if (row.lastFailureAt < before && rows.delete(key)) removed++;
      return removed;
    },
  };
}

describe('backoffSeconds', () => {
  it('is free for the first attempts, then doubles up to the cap', () => {
    const wait = (failures: number) => backoffSeconds({ failures, lastFailureAt: t0 }, t0, policy);
    expect([4, 5, 6, 7, 14, 15, 40].map(wait)).toEqual([0, 1, 2, 4, 512, 900, 900]);
  });

  it('counts down from the last failure and forgets after the window', () => {
    const record = { failures: 8, lastFailureAt: t0 };
    expect(backoffSeconds(record, at(3.5), policy)).toBe(5);
    expect(backoffSeconds(record, at(8), policy)).toBe(0);
    expect(backoffSeconds({ failures: 50, lastFailureAt: t0 }, at(3600), policy)).toBe(0);
  });
});

describe('createPublicThrottle', () => {
  it('limits one address without locking out another', async () => {
    let now = t0;
    const throttle = createPublicThrottle(memoryThrottleStore(), policy, () => now);
    for (let i = 0; i < 5; i++) expect(await throttle.unlockAttempt(1, 'attacker')).toBe(0);
    expect(await throttle.unlockWait(1, 'attacker')).toBe(1);
    expect(await throttle.unlockAttempt(1, 'attacker')).toBe(1);
    expect(await throttle.unlockAttempt(1, 'visitor')).toBe(0);
    expect(await throttle.unlockAttempt(2, 'attacker')).toBe(0);
    now = at(1);
    expect(await throttle.unlockAttempt(1, 'attacker')).toBe(0);
    expect(await throttle.unlockAttempt(1, 'attacker')).toBe(2);
    await throttle.unlockSucceeded(1, 'attacker');
    expect(await throttle.unlockAttempt(1, 'attacker')).toBe(0);
  });

  it('admits only the allowance from a burst of simultaneous attempts', async () => {
    const throttle = createPublicThrottle(memoryThrottleStore(), policy, () => t0);
    const waits = await Promise.all(Array.from({ length: 12 }, () => throttle.unlockAttempt(1, 'attacker')));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(policy.freeAttempts);
  });

  it('starts counting afresh once the window has passed', async () => {
    let now = t0;
    const throttle = createPublicThrottle(memoryThrottleStore(), policy, () => now);
    for (let i = 0; i < 5; i++) await throttle.unlockAttempt(1, 'attacker');
    now = at(3600);
    for (let i = 0; i < 5; i++) expect(await throttle.unlockAttempt(1, 'attacker')).toBe(0);
  });

  it('never closes a collection: under attack an address that has not failed is admitted, one that has waits 60 s and more', async () => {
    let now = at(60);
    const throttle = createPublicThrottle(memoryThrottleStore(), policy, () => now);
    // 25 addresses x 4 failures: the collection's 100, yet none of them past its own free attempts.
    for (let address = 0; address < 25; address++) {
      for (let i = 0; i < 4; i++) {
        expect(await throttle.unlockAttempt(1, `203.0.113.${address}`)).toBe(0);
        await throttle.unlockFailed(1);
      }
    }
    expect(await throttle.unlockAttempt(1, 'recipient')).toBe(0);
    // A recipient who mistypes once waits a minute, not the attackers' hour.
    expect(await throttle.unlockAttempt(1, 'typist')).toBe(0);
    expect(await throttle.unlockAttempt(1, 'typist')).toBe(60);
    now = at(120);
    expect(await throttle.unlockAttempt(1, 'typist')).toBe(0);
    expect(await throttle.unlockAttempt(1, 'typist')).toBe(120);
    expect(await throttle.unlockAttempt(1, '203.0.113.0')).toBe(420);
    expect(await throttle.unlockAttempt(2, '203.0.113.0')).toBe(0);
  });

  it('under attack bounds each address to one guess, then one after 60, 120, 240, 480 s and every 900 s', () => {
    const wait = (failures: number) => backoffSeconds({ failures, lastFailureAt: t0 }, t0, policy, true);
    expect([1, 2, 3, 4, 5, 6, 20].map(wait)).toEqual([60, 120, 240, 480, 900, 900, 900]);
  });

  it('counts every address of an IPv6 /64 as one client', async () => {
    const throttle = createPublicThrottle(memoryThrottleStore(), policy, () => t0);
    for (let i = 0; i < 5; i++) expect(await throttle.unlockAttempt(1, `2001:db8:1:2::${i + 1}`)).toBe(0);
    expect(await throttle.unlockAttempt(1, '2001:db8:1:2:ffff::99')).toBe(1);
    expect(await throttle.unlockAttempt(1, '2001:db8:1:3::1')).toBe(0);
  });

  it('blocks an address after probeLimit unknown tokens within the window', async () => {
    let now = t0;
    const throttle = createPublicThrottle(memoryThrottleStore(), policy, () => now);
    for (let i = 0; i < 3; i++) expect(await throttle.probe('prober')).toBe(0);
    now = at(10);
    expect(await throttle.probe('prober')).toBe(3590);
    expect(await throttle.probe('someone-else')).toBe(0);
    now = at(3600);
    expect(await throttle.probe('prober')).toBe(0);
  });

  it('lets no burst of simultaneous probes slip under the limit', async () => {
    const throttle = createPublicThrottle(memoryThrottleStore(), policy, () => t0);
    const waits = await Promise.all(Array.from({ length: 10 }, () => throttle.probe('prober')));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(policy.probeLimit);
  });
});
