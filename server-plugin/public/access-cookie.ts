/**
 * The recipients' unlock cookie: which password-protected collections this browser has
 * unlocked, each tied to the password version it was unlocked with, so changing or removing
 * a password voids every earlier unlock without any server-side session.
 *
 * Why not koa-session: it defines `ctx.session` once per Koa app (its second instance on the
 * same app silently reuses the first one's cookie name and path), so the plugin could not
 * have its own cookie beside a host that uses koa-session too.
 *
 * Why one cookie `payload.signature` and not `ctx.cookies`' signed mode: that mode adds a
 * second cookie (`sc_access.sig`), and when a rotated-out key still verifies it re-sets that
 * cookie with default attributes (Path=/, no SameSite). Keygrip does the signing and key
 * rotation either way; `ctx.cookies` (Koa's `cookies` jar) reads and writes the one cookie.
 */
import Keygrip from 'keygrip';
import type { Context } from 'koa';

export const ACCESS_COOKIE_NAME = 'sc_access';
/** Oldest unlocks are dropped beyond this, so the cookie stays far below browsers' 4 KB limit. */
const MAX_ENTRIES = 50;
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/** [collectionId, passwordVersion] pairs, most recent last. */
type Entries = [number, number][];

export interface AccessCookie {
  /** True when this request's cookie unlocked `collectionId` at its current `passwordVersion`. */
  isUnlocked(ctx: Context, collectionId: number, passwordVersion: number): boolean;
  /** Adds (or refreshes) the unlock of `collectionId` at `passwordVersion` to the response. */
  grant(ctx: Context, collectionId: number, passwordVersion: number): void;
}

/** What signs and verifies: a Keygrip a host gave its Koa app (`app.keys`) will do. */
export type Signer = Pick<Keygrip, 'sign' | 'verify'>;

/**
 * `keys[0]` signs; every key verifies, so keys can be rotated. A Keygrip instance signs and
 * verifies with its own keys and algorithm. `path` is the public prefix.
 */
export function createAccessCookie(keys: readonly string[] | Signer, path: string): AccessCookie {
  if (isKeyList(keys) && keys.length === 0) throw new TypeError('createAccessCookie: at least one signing key is required');
  // HMAC-SHA256 in base64url, as the cookies signed before keygrip: their unlocks stay valid.
  const keygrip = isKeyList(keys) ? new Keygrip([...keys], 'sha256') : keys;
  const signed = (payload: string) => `${ACCESS_COOKIE_NAME}=${payload}`;

  function read(ctx: Context): Entries {
    const [payload, signature, extra] = ctx.cookies.get(ACCESS_COOKIE_NAME)?.split('.') ?? [];
    if (!payload || !signature || extra !== undefined) return [];
    return keygrip.verify(signed(payload), signature) ? parseEntries(payload) : [];
  }

  return {
    isUnlocked(ctx, collectionId, passwordVersion) {
      return read(ctx).some(([id, version]) => id === collectionId && version === passwordVersion);
    },
    grant(ctx, collectionId, passwordVersion) {
      const entries = read(ctx).filter(([id]) => id !== collectionId);
      entries.push([collectionId, passwordVersion]);
      const payload = Buffer.from(JSON.stringify(entries.slice(-MAX_ENTRIES))).toString('base64url');
      ctx.cookies.set(ACCESS_COOKIE_NAME, `${payload}.${keygrip.sign(signed(payload))}`, {
        path,
        httpOnly: true,
        sameSite: 'lax',
        // ctx.secure honours X-Forwarded-Proto when the host sets app.proxy.
        secure: ctx.secure,
        signed: false,
        overwrite: true,
        maxAge: MAX_AGE_MS,
      });
    },
  };
}

function isKeyList(keys: readonly string[] | Signer): keys is readonly string[] {
  return Array.isArray(keys);
}

function parseEntries(payload: string): Entries {
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!Array.isArray(value)) return [];
    return value.filter(
      (entry): entry is [number, number] =>
        Array.isArray(entry) && entry.length === 2 && entry.every((n) => Number.isSafeInteger(n)),
    );
  } catch {
    return [];
  }
}
