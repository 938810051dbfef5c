import { createHmac } from 'node:crypto';
import type { Context } from 'koa';
import { describe, expect, it } from 'vitest';
import { ACCESS_COOKIE_NAME, createAccessCookie } from './access-cookie.js';

/** A request carrying `cookie` (the value of sc_access), and what the response set. */
function fakeContext(cookie?: string) {
  const set: { value: string; options: Record<string, unknown> }[] = [];
  const ctx = {
    secure: false,
    cookies: {
      get: (name: string) => (name === ACCESS_COOKIE_NAME ? cookie : undefined),
      set: (_name: string, value: string, options: Record<string, unknown>) => set.push({ value, options }),
    },
  } as unknown as Context;
  return { ctx, set };
}

/** The cookie value `keys` give after unlocking `collectionId` at `passwordVersion`. */
function grantedWith(keys: string[], collectionId: number, passwordVersion: number, cookie?: string): string {
  const { ctx, set } = fakeContext(cookie);
  createAccessCookie(keys, '/s').grant(ctx, collectionId, passwordVersion);
  return set.at(-1)!.value;
}

const isUnlocked = (keys: string[], cookie: string, collectionId: number, passwordVersion: number) =>
  createAccessCookie(keys, '/s').isUnlocked(fakeContext(cookie).ctx, collectionId, passwordVersion);

describe('createAccessCookie', () => {
  it('unlocks a collection at the password version it was unlocked with, and no other', () => {
    const cookie = grantedWith(['k1'], 7, 2);
    expect(isUnlocked(['k1'], cookie, 7, 2)).toBe(true);
    expect(isUnlocked(['k1'], cookie, 7, 3)).toBe(false);
    expect(isUnlocked(['k1'], cookie, 8, 2)).toBe(false);
  });

  it('keeps earlier unlocks when granting another, and replaces the same collection', () => {
    const both = grantedWith(['k1'], 2, 1, grantedWith(['k1'], 1, 1));
    const renewed = grantedWith(['k1'], 1, 2, both);
    expect([isUnlocked(['k1'], renewed, 1, 1), isUnlocked(['k1'], renewed, 1, 2), isUnlocked(['k1'], renewed, 2, 1)]).toEqual([false, true, true]);
  });

  it('keeps the format payload.signature: HMAC-SHA256 of "sc_access=<payload>", base64url', () => {
    const [payload, signature] = grantedWith(['k1'], 7, 2).split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toEqual([[7, 2]]);
    expect(signature).toBe(createHmac('sha256', 'k1').update(`sc_access=${payload}`).digest('base64url'));
  });

  it('rotates keys: an older key still verifies, the newest signs', () => {
    const old = grantedWith(['old'], 7, 2);
    expect(isUnlocked(['new', 'old'], old, 7, 2)).toBe(true);
    const resigned = grantedWith(['new', 'old'], 8, 1, old);
    expect(isUnlocked(['new'], resigned, 7, 2)).toBe(true);
    expect(isUnlocked(['new'], resigned, 8, 1)).toBe(true);
  });

  it('refuses a cookie signed by a key rotated out, a changed payload and malformed values', () => {
    const old = grantedWith(['old'], 7, 2);
    expect(isUnlocked(['new'], old, 7, 2)).toBe(false);
    const forged = `${Buffer.from('[[7,2],[9,1]]').toString('base64url')}.${old.split('.')[1]}`;
    expect(isUnlocked(['old'], forged, 9, 1)).toBe(false);
    for (const malformed of ['', '.', old.split('.')[0]!, `${old}.x`, 'e30.AAAA', '%FF%00']) {
      expect(isUnlocked(['old'], malformed, 7, 2), malformed).toBe(false);
    }
  });

  it('is HttpOnly, SameSite=Lax, scoped to the public prefix and Secure only over TLS', () => {
    const { ctx, set } = fakeContext();
    createAccessCookie(['k1'], '/s').grant(ctx, 1, 1);
    (ctx as { secure: boolean }).secure = true;
    createAccessCookie(['k1'], '/s').grant(ctx, 1, 1);
    expect(set.map(({ options }) => options)).toEqual([
      expect.objectContaining({ path: '/s', httpOnly: true, sameSite: 'lax', secure: false, maxAge: 7 * 24 * 3600 * 1000 }),
      expect.objectContaining({ secure: true }),
    ]);
  });

  it('refuses to start without a key', () => {
    expect(() => createAccessCookie([], '/s')).toThrow(TypeError);
  });
});
