import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { PasswordVerifier } from './password-verifier.js';
import { hashPassword } from './passwords.js';

describe('PasswordVerifier', () => {
  const verifier = new PasswordVerifier();

  it('counts every byte of a password, even past bcrypt’s 72', async () => {
    const long = 'é'.repeat(60);
    const hash = await hashPassword(`${long}A`, 4);
    expect(await verifier.verify(`${long}A`, hash)).toBe(true);
    expect(await verifier.verify(`${long}B`, hash)).toBe(false);
    expect(await verifier.verify(long, hash)).toBe(false);
  });

  it('answers false for a malformed hash instead of throwing', async () => {
    expect(await verifier.verify('pw', 'not a hash')).toBe(false);
  });

  it.runIf(process.platform === 'linux')('checks simultaneous passwords on as many threads, then ends them when idle', async () => {
    const hash = await hashPassword('pw', 4);
    const threads = () => readdirSync('/proc/self/task').length;
    const before = threads();
    // Idle for a minute before ending: however slow the machine, the threads are still there to count.
    const patient = new PasswordVerifier({ idleMs: 60_000 });
    expect(await Promise.all(['pw', 'no', 'pw'].map((password) => patient.verify(password, hash)))).toEqual([true, false, true]);
    expect(threads()).toBeGreaterThanOrEqual(before + 3);

    const quick = new PasswordVerifier({ idleMs: 50 });
    const withQuick = threads();
    expect(await Promise.all(['pw', 'no'].map((password) => quick.verify(password, hash)))).toEqual([true, false]);
    // Ended after 50 ms idle: waited for as a condition, the limit only stops a hang.
    for (const deadline = Date.now() + 20_000; threads() > withQuick && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(threads()).toBeLessThanOrEqual(withQuick);
  });

  it.runIf(process.platform === 'linux')('checks on a thread of the lowest priority, and leaves the event loop’s alone', async () => {
    await verifier.verify('pw', await hashPassword('pw', 4));
    const nice = readdirSync('/proc/self/task').map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));
    expect(nice).toContain(19);
    expect(getPriority()).toBe(0);
  });
});
