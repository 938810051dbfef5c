/**
 * Limits on failed unlocks and on unknown-token probes, kept in the database
 * (ThrottleStore) so they hold across server instances.
 *
 * - Per client address and collection: `freeAttempts` failures, then exponential back-off
 *   (base * 2^(failures - free), capped at maxDelay). A counter is forgotten `window` after
 *   its last failure; a successful unlock forgets it at once.
 * - Per collection, all addresses together: at most `COLLECTION_FACTOR * freeAttempts`
 *   failures per fixed window. A fixed window (the key carries the window's number) rather
 *   than back-off, because one patient attacker keeps a back-off counter alive forever and
 *   would lock everyone else out; within one window a single address can fail only about
 *   `free + log2(maxDelay/base) + window/maxDelay` times (about 19 with the defaults), so a
 *   lone attacker never trips the collection's limit and other visitors still get in.
 * - Unknown tokens per client address: `probeLimit` per window, then 429 until the window
 *   since the last counted probe has passed. Known tokens are never refused for probing.
 *
 * Every attempt is counted *before* the work it guards (bcrypt, the 404), never after: a
 * check followed by a later write lets a burst of simultaneous requests, spread over any
 * number of instances, all pass the check before the first write lands.
 */
import type { ThrottleOptions } from '../options.js';
import type { ThrottleRecord, ThrottleStore } from '../store/types.js';

const COLLECTION_FACTOR = 20;
/**
 * Reads and compare-and-sets per attempt before giving up and answering "wait". Each round
 * of a burst from one address counts one attempt, and the limit stops the burst after at
 * most `freeAttempts` (5) or `probeLimit` rounds, so only bursts far past a limit run out.
 */
const ATTEMPT_ROUNDS = 10;

export type ThrottlePolicy = Required<ThrottleOptions>;

/** Seconds until a client with this record may try again; 0 when it may try now. */
export function backoffSeconds(
  record: ThrottleRecord | undefined,
  now: Date,
  policy: ThrottlePolicy,
): number {
  if (!record || isStale(record.lastFailureAt, now, policy)) return 0;
  if (record.failures < policy.freeAttempts) return 0;
  const exponent = Math.min(record.failures - policy.freeAttempts, 30);
  const delay = Math.min(policy.baseDelaySeconds * 2 ** exponent, policy.maxDelaySeconds);
  return secondsUntil(record.lastFailureAt.getTime() + delay * 1000, now);
}

function isStale(lastFailureAt: Date, now: Date, policy: ThrottlePolicy): boolean {
  return now.getTime() - lastFailureAt.getTime() >= policy.windowSeconds * 1000;
}

function secondsUntil(instantMs: number, now: Date): number {
  return Math.max(0, Math.ceil((instantMs - now.getTime()) / 1000));
}

export interface PublicThrottle {
  /** Read only: seconds this address must wait before trying a password on this collection; 0 = go. */
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
  const addressKey = (collectionId: number, ip: string) => `unlock:${collectionId}:${ip}`;
  const windowNumber = (at: Date) => Math.floor(at.getTime() / windowMs);
  const collectionKey = (collectionId: number, at: Date) => `unlock:${collectionId}:w${windowNumber(at)}`;
  const probeKey = (ip: string) => `probe:${ip}`;

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

  function collectionWait(record: ThrottleRecord | undefined, at: Date): number {
    const full = (record?.failures ?? 0) >= COLLECTION_FACTOR * policy.freeAttempts;
    return full ? secondsUntil((windowNumber(at) + 1) * windowMs, at) : 0;
  }

  async function unlockWait(collectionId: number, address: ThrottleRecord | undefined, at: Date): Promise<number> {
    const collection = await store.find(collectionKey(collectionId, at));
    return Math.max(backoffSeconds(address, at, policy), collectionWait(collection, at));
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
