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
 */
import type { ThrottleOptions } from '../options.js';
import type { ThrottleStore } from '../store/types.js';

const COLLECTION_FACTOR = 20;

export type ThrottlePolicy = Required<ThrottleOptions>;

/** Seconds until a client with this record may try again; 0 when it may try now. */
export function backoffSeconds(
  record: { failures: number; lastFailureAt: Date } | undefined,
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
  /** Seconds this address must wait before trying a password on this collection; 0 = go. */
  unlockWait(collectionId: number, ip: string): Promise<number>;
  unlockFailed(collectionId: number, ip: string): Promise<void>;
  unlockSucceeded(collectionId: number, ip: string): Promise<void>;
  /** Seconds this address is blocked from probing unknown tokens; 0 = not blocked. */
  probeWait(ip: string): Promise<number>;
  probeFailed(ip: string): Promise<void>;
}

export function createPublicThrottle(store: ThrottleStore, policy: ThrottlePolicy, now: () => Date): PublicThrottle {
  const windowMs = policy.windowSeconds * 1000;
  const addressKey = (collectionId: number, ip: string) => `unlock:${collectionId}:${ip}`;
  const windowNumber = (at: Date) => Math.floor(at.getTime() / windowMs);
  const collectionKey = (collectionId: number, at: Date) => `unlock:${collectionId}:w${windowNumber(at)}`;
  const probeKey = (ip: string) => `probe:${ip}`;

  /** Failing again after a long pause starts from zero, not from the old count. */
  async function recordFresh(key: string, at: Date): Promise<number> {
    const record = await store.find(key);
    if (record && isStale(record.lastFailureAt, at, policy)) await store.reset(key);
    return store.recordFailure(key, at);
  }

  return {
    async unlockWait(collectionId, ip) {
      const at = now();
      const [address, collection] = await Promise.all([
        store.find(addressKey(collectionId, ip)),
        store.find(collectionKey(collectionId, at)),
      ]);
      const collectionFull = (collection?.failures ?? 0) >= COLLECTION_FACTOR * policy.freeAttempts;
      const collectionWait = collectionFull ? secondsUntil((windowNumber(at) + 1) * windowMs, at) : 0;
      return Math.max(backoffSeconds(address, at, policy), collectionWait);
    },
    async unlockFailed(collectionId, ip) {
      const at = now();
      await recordFresh(addressKey(collectionId, ip), at);
      const inWindow = await store.recordFailure(collectionKey(collectionId, at), at);
      // The first failure of a new window is a cheap, rare moment to drop forgotten counters.
      if (inWindow === 1) await store.prune(new Date(at.getTime() - windowMs));
    },
    async unlockSucceeded(collectionId, ip) {
      await store.reset(addressKey(collectionId, ip));
    },
    async probeWait(ip) {
      const at = now();
      const record = await store.find(probeKey(ip));
      if (!record || record.failures < policy.probeLimit || isStale(record.lastFailureAt, at, policy)) return 0;
      return secondsUntil(record.lastFailureAt.getTime() + windowMs, at);
    },
    async probeFailed(ip) {
      await recordFresh(probeKey(ip), now());
    },
  };
}
