/**
 * Limits on failed unlocks and on unknown-token probes, kept in the database
 * (ThrottleStore) so they hold across server instances.
 *
 * - Per client address (IPv6: per /64, see client-address.ts) and collection: `freeAttempts`
 *   failures, then exponential back-off (base * 2^(failures - free), capped at maxDelay). A
 *   counter is forgotten `window` after its last failure; a successful unlock forgets it at once.
 * - Per collection, all addresses together: failures are counted per fixed window. Past
 *   `COLLECTION_FACTOR * freeAttempts` of them (100 with the defaults) the collection is under
 *   attack: an address then has no free failures, and waits at least `ATTACK_DELAY_SECONDS`
 *   after each one (doubling up to maxDelay). The collection is never closed as a whole: an
 *   address that has not failed is always admitted, so no set of other addresses can keep out
 *   a recipient who knows the password, and one who mistyped it waits at most a minute.
 *   Guessing is bounded per address instead: under attack, one guess, then one after 60, 120,
 *   240, 480 s and every 900 s after that (about 8 guesses in an address's first hour, 4 an
 *   hour after).
 * - Unknown tokens per client address: `probeLimit` per window, then 429 until the window
 *   since the last counted probe has passed. Known tokens are never refused for probing.
 *
 * Every attempt is counted *before* the work it guards (bcrypt, the 404), never after: a
 * check followed by a later write lets a burst of simultaneous requests, spread over any
 * number of instances, all pass the check before the first write lands.
 */
import type { ThrottleOptions } from '../options.js';
import type { ThrottleRecord, ThrottleStore } from '../store/types.js';
import { throttleAddress } from './client-address.js';

const COLLECTION_FACTOR = 20;
/** Under attack, the shortest wait after any failure: the longest a mistyping recipient waits. */
const ATTACK_DELAY_SECONDS = 60;
/**
 * Reads and compare-and-sets per attempt before giving up and answering "wait". Each round
 * of a burst from one address counts one attempt, and the limit stops the burst after at
 * most `freeAttempts` (5) or `probeLimit` rounds, so only bursts far past a limit run out.
 */
const ATTEMPT_ROUNDS = 10;

export type ThrottlePolicy = Required<ThrottleOptions>;

/**
 * Seconds until a client with this record may try again; 0 when it may try now. Under attack
 * there are no free failures and every delay is at least ATTACK_DELAY_SECONDS.
 */
export function backoffSeconds(
  record: ThrottleRecord | undefined,
  now: Date,
  policy: ThrottlePolicy,
  underAttack = false,
): number {
  if (!record || isStale(record.lastFailureAt, now, policy)) return 0;
  // How many failures it takes to wait at all: under attack, the first one already does.
  const firstWaitAt = underAttack ? 1 : policy.freeAttempts;
  const base = underAttack ? Math.max(policy.baseDelaySeconds, ATTACK_DELAY_SECONDS) : policy.baseDelaySeconds;
  if (record.failures < firstWaitAt) return 0;
  const exponent = Math.min(record.failures - firstWaitAt, 30);
  const delay = Math.min(base * 2 ** exponent, Math.max(policy.maxDelaySeconds, base));
  return secondsUntil(record.lastFailureAt.getTime() + delay * 1000, now);
}

function isStale(lastFailureAt: Date, now: Date, policy: ThrottlePolicy): boolean {
  return now.getTime() - lastFailureAt.getTime() >= policy.windowSeconds * 1000;
}

function secondsUntil(instantMs: number, now: Date): number {
  return Math.max(0, Math.ceil((instantMs - now.getTime()) / 1000));
}

export interface PublicThrottle {
  /** Read only: seconds this address (`ctx.ip`) must wait before trying a password on this collection; 0 = go. */
  unlockWait(collectionId: number, ip: string): Promise<number>;
  /**
   * Admits one password check by this address on this collection and counts it as a failure
   * at once (a success then forgets it). Returns 0 when admitted, else the seconds to wait.
   */
  unlockAttempt(collectionId: number, ip: string): Promise<number>;
  /** The admitted check failed: counts it against the collection as a whole too. */
  unlockFailed(collectionId: number): Promise<void>;
  unlockSucceeded(collectionId: number, ip: string): Promise<void>;
  /** Counts one unknown-token request by this address; returns the seconds it must wait, or 0 to answer 404. */
  probe(ip: string): Promise<number>;
}

export function createPublicThrottle(store: ThrottleStore, policy: ThrottlePolicy, now: () => Date): PublicThrottle {
  const windowMs = policy.windowSeconds * 1000;
  const addressKey = (collectionId: number, ip: string) => `unlock:${collectionId}:${throttleAddress(ip)}`;
  const windowNumber = (at: Date) => Math.floor(at.getTime() / windowMs);
  const collectionKey = (collectionId: number, at: Date) => `unlock:${collectionId}:w${windowNumber(at)}`;
  const probeKey = (ip: string) => `probe:${throttleAddress(ip)}`;

  /**
   * Counts one failure for `key` unless `waitFor` (given the counter as read) says to wait.
   * A compare-and-set: of simultaneous requests that read the same counter, exactly one is
   * counted and the others read again. Failing after a long pause starts from zero.
   */
  async function admit(key: string, waitFor: (record: ThrottleRecord | undefined, at: Date) => Promise<number> | number): Promise<number> {
    for (let round = 0; round < ATTEMPT_ROUNDS; round++) {
      const at = now();
      const record = await store.find(key);
      const wait = await waitFor(record, at);
      if (wait > 0) return wait;
      const failures = record && !isStale(record.lastFailureAt, at, policy) ? record.failures + 1 : 1;
      if (await store.replaceIf(key, record, { failures, lastFailureAt: at })) return 0;
    }
    return policy.baseDelaySeconds;
  }

  function probeWait(record: ThrottleRecord | undefined, at: Date): number {
    if (!record || record.failures < policy.probeLimit || isStale(record.lastFailureAt, at, policy)) return 0;
    return secondsUntil(record.lastFailureAt.getTime() + windowMs, at);
  }

  async function unlockWait(collectionId: number, address: ThrottleRecord | undefined, at: Date): Promise<number> {
    // An address that has not failed needs no look at the collection: it is always admitted.
    if (!address || isStale(address.lastFailureAt, at, policy)) return 0;
    const collection = await store.find(collectionKey(collectionId, at));
    const underAttack = (collection?.failures ?? 0) >= COLLECTION_FACTOR * policy.freeAttempts;
    return backoffSeconds(address, at, policy, underAttack);
  }

  return {
    async unlockWait(collectionId, ip) {
      const at = now();
      return unlockWait(collectionId, await store.find(addressKey(collectionId, ip)), at);
    },
    async unlockAttempt(collectionId, ip) {
      return admit(addressKey(collectionId, ip), (address, at) => unlockWait(collectionId, address, at));
    },
    async unlockFailed(collectionId) {
      const at = now();
      const inWindow = await store.recordFailure(collectionKey(collectionId, at), at);
      // The first failure of a new window is a cheap, rare moment to drop forgotten counters.
      if (inWindow === 1) await store.prune(new Date(at.getTime() - windowMs));
    },
    async unlockSucceeded(collectionId, ip) {
      await store.reset(addressKey(collectionId, ip));
    },
    async probe(ip) {
      return admit(probeKey(ip), probeWait);
    },
  };
}
