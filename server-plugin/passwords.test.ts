import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.js';

describe('collection passwords', () => {
  it('counts every byte, even past bcrypt’s 72', async () => {
    const long = 'é'.repeat(60);
    const hash = await hashPassword(`${long}A`, 4);
    expect(await verifyPassword(`${long}A`, hash)).toBe(true);
    expect(await verifyPassword(`${long}B`, hash)).toBe(false);
    expect(await verifyPassword(long, hash)).toBe(false);
  });

  it('answers false for a malformed hash instead of throwing', async () => {
    expect(await verifyPassword('pw', 'not a hash')).toBe(false);
  });
});
