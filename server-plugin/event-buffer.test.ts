import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventBuffer } from './event-buffer.js';
import type { NewEvent } from './store/types.js';

const view = (collectionId: number): NewEvent => ({ collectionId, kind: 'view', at: new Date(0) });

function setUp(write: (events: readonly NewEvent[]) => Promise<void> = async () => {}) {
  const batches: NewEvent[][] = [];
  const warnings: string[] = [];
  const buffer = new EventBuffer({
    write: async (events) => {
      batches.push([...events]);
      await write(events);
    },
    delayMs: 1000,
    maxPending: 3,
    maxWaitMs: 200,
    logger: { warn: (message) => warnings.push(message), error: () => {} },
  });
  return { buffer, batches, warnings };
}

describe('EventBuffer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes what gathered within the delay as one batch', async () => {
    vi.useFakeTimers();
    const { buffer, batches } = setUp();
    buffer.record(view(1));
    buffer.record(view(2));
    await vi.advanceTimersByTimeAsync(999);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([[view(1), view(2)]]);
  });

  it('writes at once when maxPending have gathered, and flush() writes the rest', async () => {
    const { buffer, batches } = setUp();
    for (const id of [1, 2, 3, 4]) buffer.record(view(id));
    await buffer.flush();
    expect(batches).toEqual([[view(1), view(2), view(3)], [view(4)]]);
    await buffer.flush();
    expect(batches).toHaveLength(2);
  });

  it('logs a failed write instead of failing anyone, and goes on with the next batch', async () => {
    let fail = true;
    const { buffer, batches, warnings } = setUp(async () => {
      if (fail) throw new Error('database down');
    });
    buffer.record(view(1));
    await expect(buffer.flush()).resolves.toBeUndefined();
    expect(warnings).toEqual(['shared-collections: 1 access events could not be stored']);
    fail = false;
    buffer.record(view(2));
    await buffer.flush();
    expect(batches).toEqual([[view(1)], [view(2)]]);
  });

  it('stops waiting for a write that hangs after maxWaitMs, and goes on writing later batches', async () => {
    let calls = 0;
    const { buffer, batches } = setUp(() => (calls++ === 0 ? new Promise<void>(() => {}) : Promise.resolve()));
    buffer.record(view(1));
    const started = Date.now();
    await buffer.flush();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    buffer.record(view(2));
    await buffer.flush();
    expect(batches).toEqual([[view(1)], [view(2)]]);
  });

  it('resolves flush() only once earlier batches are written too', async () => {
    let finishFirst!: () => void;
    const first = new Promise<void>((resolve) => (finishFirst = resolve));
    const { buffer } = setUp(() => first);
    for (const id of [1, 2, 3]) buffer.record(view(id));
    let flushed = false;
    const flushing = buffer.flush().then(() => (flushed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(flushed).toBe(false);
    finishFirst();
    await flushing;
    expect(flushed).toBe(true);
  });
});
