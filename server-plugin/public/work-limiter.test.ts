import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../shared/errors.js';
import { createWorkLimiter } from './work-limiter.js';

describe('createWorkLimiter', () => {
  it('runs at most `concurrency` tasks, queues a few and refuses the rest at once', async () => {
    const limiter = createWorkLimiter({ concurrency: 2, queue: 1 });
    let active = 0;
    let peak = 0;
    const gates: (() => void)[] = [];
    const task = () =>
      limiter.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise<void>((resolve) => gates.push(resolve));
        active--;
        return 'done';
      });
    const accepted = [task(), task(), task()];
    await expect(task()).rejects.toBeInstanceOf(UnavailableError);
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    await settle();
    expect(gates).toHaveLength(2);
    gates.splice(0).forEach((open) => open());
    await settle();
    gates.splice(0).forEach((open) => open());
    await expect(Promise.all(accepted)).resolves.toEqual(['done', 'done', 'done']);
    expect(peak).toBe(2);
  });

  it('frees the slot when a task fails', async () => {
    const limiter = createWorkLimiter({ concurrency: 1, queue: 0 });
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 1)).resolves.toBe(1);
  });
});
