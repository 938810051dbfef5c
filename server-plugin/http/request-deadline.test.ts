import type { Context } from 'koa';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UnavailableError, ValidationError } from '../../shared/errors.js';
import { createRequestDeadline } from './request-deadline.js';

const ctx = { method: 'GET', path: '/s/secret' } as Context;
const later = (ms: number, settle: () => void) => new Promise<void>((resolve) => setTimeout(() => resolve(settle()), ms));

describe('createRequestDeadline', () => {
  const warnings: unknown[][] = [];
  const logger = { warn: (...args: unknown[]) => warnings.push(args), error: () => undefined };
  const deadline = createRequestDeadline({ timeoutMs: 1000, logger, pathForLog: () => '/s/<token>' });

  beforeEach(() => {
    warnings.length = 0;
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('lets a handler that finishes in time through, and clears its timer', async () => {
    let done = false;
    const answered = deadline(ctx, () => later(999, () => (done = true)));
    await vi.advanceTimersByTimeAsync(999);
    await answered;
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('passes a handler error through untouched, without a warning', async () => {
    const refused = new ValidationError('bad');
    await expect(deadline(ctx, async () => Promise.reject(refused))).rejects.toBe(refused);
    const throwsAtOnce = () => {
      throw refused;
    };
    await expect(deadline(ctx, throwsAtOnce)).rejects.toBe(refused);
    expect(vi.getTimerCount()).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('answers unavailable at the deadline, and logs the abandoned handler failing later as a warning without the token', async () => {
    let fail!: (error: Error) => void;
    const answered = deadline(ctx, () => new Promise((_, reject) => (fail = reject)));
    const outcome = answered.then(() => 'resolved', (error: unknown) => error);
    await vi.advanceTimersByTimeAsync(999);
    expect(await Promise.race([outcome, Promise.resolve('pending')])).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as Error).message).toBe('The request took too long; try again shortly.');
    expect(warnings).toEqual([[expect.stringContaining('GET /s/<token> passed its 1 s deadline')]]);

    const token = 'A'.repeat(43);
    fail(new Error(`select * from sc_collections where token = '${token}'`));
    await vi.advanceTimersByTimeAsync(0);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]![0]).toContain('failed after its deadline');
    expect(JSON.stringify(warnings)).not.toContain(token);
  });
});
