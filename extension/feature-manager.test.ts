import { describe, expect, it, vi } from 'vitest';
import { createFeatureManager } from './feature-manager.js';

describe('feature manager', () => {
  it('isolates a failing feature and aborts only its signal', async () => {
    const logError = vi.fn();
    const manager = createFeatureManager(logError);
    const signals: Record<string, AbortSignal> = {};
    manager.add('sync-failure', ({ signal }) => {
      signals.sync = signal;
      throw new Error('boom');
    });
    manager.add('async-failure', async ({ signal }) => {
      signals.async = signal;
      await Promise.resolve();
      throw new Error('later');
    });
    manager.add('healthy', ({ signal }) => {
      signals.healthy = signal;
    });

    const results = await manager.start();

    expect(results).toEqual([
      { id: 'sync-failure', ok: false },
      { id: 'async-failure', ok: false },
      { id: 'healthy', ok: true },
    ]);
    expect(signals.sync?.aborted).toBe(true);
    expect(signals.async?.aborted).toBe(true);
    expect(signals.healthy?.aborted).toBe(false);
    expect(logError).toHaveBeenCalledTimes(2);
    expect(logError.mock.calls[0]?.[0]).toContain('sync-failure');
  });

  it('aborts every running feature on stop', async () => {
    const manager = createFeatureManager(() => {});
    let signal: AbortSignal | undefined;
    manager.add('one', (context) => {
      signal = context.signal;
    });
    await manager.start();
    manager.stop();
    expect(signal?.aborted).toBe(true);
  });

  it('refuses a duplicate id', () => {
    const manager = createFeatureManager(() => {});
    manager.add('one', () => {});
    expect(() => manager.add('one', () => {})).toThrow(/already registered/);
  });
});
