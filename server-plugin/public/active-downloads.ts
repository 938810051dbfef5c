/**
 * The downloads (originals and ZIPs) this instance is streaming: how many each client and all
 * clients together may run at once, how often a client may start one, and revocation of the
 * ones already running.
 *
 * - **Fair use.** A client address (IPv6: its /64) may stream `perAddress` downloads at once,
 *   all clients `total`; one more is refused (429 or 503, with `Retry-After`), never queued,
 *   so one client cannot take the disk and the event loop from every other link. A client may
 *   also start `startsPerMinute` downloads in a minute: a token bucket of that many starts,
 *   refilled evenly, so a person clicking through a page's originals never meets it, while a
 *   client asking for the same archive in a loop gets at most one a second (by default)
 *   instead of as many as the instance can list and open. A client is told at once; one
 *   that keeps asking while refused (past `FREE_REFUSALS` in a row) waits the refusal pause
 *   for each further answer, as failed unlocks do, and each such answer spends one of its
 *   starts. A loop that never waits for its `Retry-After` is then never served, and costs the
 *   instance only its refusals; a client that waits as told is served again within one
 *   start's refill.
 * - **Revocation.** While downloads run, their collections' revisions are read every
 *   `POLL_MS` (one query for all of them), and at once after a change through this instance.
 *   A collection that was deleted, expired, lost its downloads or public access, had its
 *   password set or changed, or lost a file a download carries, cuts that download: the
 *   response is destroyed, and with it the file or archive stream, so nothing more is read.
 *   Changes through another instance arrive within one poll.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from 'koa';
import { RateLimitedError, UnavailableError } from '../../shared/errors.js';
import { describeForLog } from '../describe-for-log.js';
import type { Logger } from '../options.js';
import type { Collection, CollectionStore } from '../store/types.js';
import { throttleAddress } from './client-address.js';

/** How often running downloads' collections are read again: revocation reaches them within this. */
const POLL_MS = 1000;
/** What a refused client is told to wait. */
const RETRY_AFTER_SECONDS = 10;
/** Refusals in a row a client at its limit gets at once: a browser asked for one file too many. */
const FREE_REFUSALS = 2;
/** How often clients whose minute has refilled are forgotten: memory holds the last minute's clients only. */
const SWEEP_MS = 60_000;

export interface DownloadLimits {
  /** Downloads one client address (IPv6: /64) may stream at once. */
  perAddress: number;
  /** Downloads this instance streams at once, for all clients. */
  total: number;
  /** Downloads one client address (IPv6: /64) may start in a minute, refilled evenly. */
  startsPerMinute: number;
}

interface Running {
  address: string;
  collection: Collection;
  /** The files it carries (for a ZIP of the whole collection, all of them when it started). */
  assetIds: readonly string[];
  cut(reason: string): void;
}

/**
 * One client address's downloads: how many stream now, how many were refused since one was
 * admitted, and the starts it has left (fractional: the bucket refills continuously) as of `at`.
 */
interface Client {
  running: number;
  refusals: number;
  starts: number;
  at: number;
}

export interface AdmittedDownload {
  /** The files it streams: removing one of them from the collection cuts the download. */
  carry(assetIds: readonly string[]): void;
}

export interface ActiveDownloads {
  /**
   * Admits a download of `collection` about to stream on `ctx`, before anything is read for
   * it, or rejects with RateLimitedError (this client is at its limit) or UnavailableError
   * (the instance is). It counts until the response closes.
   */
  admit(ctx: Context, collection: Collection): Promise<AdmittedDownload>;
  /** Reads the running downloads' collections now (after a change through this instance). */
  checkNow(): Promise<void>;
  /** How many are running, per the whole instance. */
  readonly count: number;
}

export function createActiveDownloads(options: {
  limits: DownloadLimits;
  collections: Pick<CollectionStore, 'revisions' | 'findById' | 'filterMembers'>;
  now: () => Date;
  logger: Pick<Logger, 'warn'>;
  /** How long a client that keeps asking at its limit waits for each refusal (ThrottleOptions.refusalPauseSeconds). */
  refusalPauseMs: number;
  /** Waits `ms`; tests pass their own. */
  pause?: (ms: number) => Promise<unknown>;
  /** Hears of every download cut by a revocation, with the reason. */
  onCut?: (reason: string, collectionId: number) => void;
  /**
   * Hears of every download once its response has closed: the bytes written to its connection
   * (headers included), and whether it was sent to its end (false: the client left, or a cut).
   */
  onClose?: (download: { collectionId: number; bytes: number; complete: boolean }) => void;
}): ActiveDownloads {
  const { limits, collections, now, logger, refusalPauseMs, pause = sleep, onCut, onClose } = options;
  const running = new Set<Running>();
  /** Addresses with a download running or a start taken within the last minute. */
  const clients = new Map<string, Client>();
  const startMs = 60_000 / limits.startsPerMinute;
  let sweptAt = now().getTime();
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<void> | undefined;
  /** While the database fails, one warning, not one a second. */
  let failing = false;

  /** `address`'s record, its starts refilled up to `at`. */
  function clientAt(address: string, at: number): Client {
    const client = clients.get(address);
    if (!client) return { running: 0, refusals: 0, starts: limits.startsPerMinute, at };
    // A clock set back gives nothing and takes nothing.
    client.starts = Math.min(limits.startsPerMinute, client.starts + Math.max(0, at - client.at) / startMs);
    client.at = at;
    return client;
  }

  /** Forgets the clients with nothing running and a full minute of starts: as if never seen. */
  function sweep(at: number): void {
    if (at - sweptAt < SWEEP_MS) return;
    sweptAt = at;
    for (const [address, client] of clients) {
      if (client.running === 0 && clientAt(address, at).starts >= limits.startsPerMinute) clients.delete(address);
    }
  }

  /**
   * Refuses `client` with the error `refusal` makes: at once, or, when it keeps asking, for one
   * of its starts and after the refusal pause. The error is made after the start is spent, so
   * its `Retry-After` is the true wait.
   */
  async function refuse(client: Client, refusal: () => Error): Promise<never> {
    const keepsAsking = ++client.refusals > FREE_REFUSALS;
    if (keepsAsking) client.starts = Math.max(0, client.starts - 1);
    const error = refusal();
    // The refusal pause, plus up to half again at random: clients refused together come back apart.
    if (keepsAsking) await pause(refusalPauseMs * (1 + Math.random() / 2));
    throw error;
  }

  /** The refusal of a client whose starts are spent, with the seconds until its next one. */
  function startsSpent(client: Client): RateLimitedError {
    const seconds = Math.ceil(((1 - client.starts) * startMs) / 1000);
    // Not "you have started N": a client whose refusals spent its starts may have started fewer.
    return new RateLimitedError(seconds, `You may start ${limits.startsPerMinute} downloads a minute, and asking again while refused uses them up. Try again in ${seconds} seconds.`);
  }

  function release(entry: Running): void {
    if (!running.delete(entry)) return;
    const client = clients.get(entry.address);
    if (client) client.running--;
    if (running.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  }

  async function check(): Promise<void> {
    const byCollection = new Map<number, Running[]>();
    for (const entry of running) {
      const entries = byCollection.get(entry.collection.id);
      if (entries) entries.push(entry);
      else byCollection.set(entry.collection.id, [entry]);
    }
    if (byCollection.size === 0) return;
    const revisions = await collections.revisions([...byCollection.keys()]);
    const at = now();
    for (const [id, entries] of byCollection) {
      const revision = revisions.get(id);
      if (revision === undefined) {
        for (const entry of entries) entry.cut('the collection was deleted');
        continue;
      }
      const current = revision === entries[0]!.collection.revision ? entries[0]!.collection : await collections.findById(id);
      for (const entry of entries) {
        const reason = current ? await revoked(entry, current, at) : 'the collection was deleted';
        if (reason) entry.cut(reason);
        else entry.collection = current!;
      }
    }
  }

  /** Why `entry` may no longer stream, or undefined. */
  async function revoked(entry: Running, current: Collection, at: Date): Promise<string | undefined> {
    const before = entry.collection;
    if (current.expiresAt !== null && current.expiresAt.getTime() <= at.getTime()) return 'the link expired';
    if (!current.allowDownload) return 'downloads were turned off';
    if (before.isPublic && !current.isPublic) return 'public access was turned off';
    if (current.passwordVersion !== before.passwordVersion && current.passwordHash !== null) return 'the password was set or changed';
    if (current.revision !== before.revision) {
      const members = await collections.filterMembers(current.id, entry.assetIds);
      if (members.size !== entry.assetIds.length) return 'a file it carries was removed from the collection';
    }
    return undefined;
  }

  /** One check at a time: a request while one runs joins it; a change it missed is seen at the next poll. */
  function checkSoon(): Promise<void> {
    checking ??= check()
      .then(
        () => {
          failing = false;
        },
        (error: unknown) => {
          if (!failing) logger.warn('shared-collections: could not check running downloads for revocation', describeForLog(error));
          failing = true;
        },
      )
      .finally(() => {
        checking = undefined;
      });
    return checking;
  }

  return {
    get count() {
      return running.size;
    },
    async admit(ctx, collection) {
      const address = throttleAddress(ctx.ip);
      const at = now().getTime();
      sweep(at);
      const client = clientAt(address, at);
      clients.set(address, client);
      if (client.running >= limits.perAddress) {
        return refuse(client, () => new RateLimitedError(RETRY_AFTER_SECONDS, `You are already downloading ${limits.perAddress} files. Try again when one has finished.`));
      }
      if (client.starts < 1) return refuse(client, () => startsSpent(client));
      if (running.size >= limits.total) throw new UnavailableError('Too many downloads are running. Try again in a few seconds.');
      const entry: Running = {
        address,
        collection,
        assetIds: [],
        cut: (reason) => {
          release(entry);
          ctx.res.destroy();
          onCut?.(reason, entry.collection.id);
        },
      };
      running.add(entry);
      client.running++;
      client.starts--;
      client.refusals = 0;
      // The socket may carry earlier responses (keep-alive): count from here.
      const socket = ctx.res.socket;
      const bytesBefore = socket?.bytesWritten ?? 0;
      ctx.res.once('close', () => {
        release(entry);
        const bytes = (socket?.bytesWritten ?? bytesBefore) - bytesBefore;
        onClose?.({ collectionId: entry.collection.id, bytes, complete: ctx.res.writableFinished });
      });
      timer ??= setInterval(() => void checkSoon(), POLL_MS).unref();
      return {
        carry(assetIds) {
          entry.assetIds = assetIds;
        },
      };
    },
    checkNow: checkSoon,
  };
}
