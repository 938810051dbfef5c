import { describe, expect, it, vi } from 'vitest';
import { ChangeNotifier } from './change-notifier.js';

class Counter extends ChangeNotifier {
  value = 0;
  increment(): void {
    this.value += 1;
    this.notifyChange();
  }
}

describe('change notifier', () => {
  it('keeps a subclass its own methods and tells each listener until its signal aborts', () => {
    const counter = new Counter();
    const first = new AbortController();
    const seen: string[] = [];
    counter.onChange(() => seen.push(`first ${counter.value}`), { signal: first.signal });
    counter.onChange(() => seen.push(`second ${counter.value}`), { signal: new AbortController().signal });
    counter.increment();
    first.abort();
    counter.increment();
    expect(seen).toEqual(['first 1', 'second 1', 'second 2']);
  });

  it('ignores a listener whose signal has already aborted', () => {
    const counter = new Counter();
    const listener = vi.fn();
    counter.onChange(listener, { signal: AbortSignal.abort() });
    counter.increment();
    expect(listener).not.toHaveBeenCalled();
  });

  it('still tells the other listeners when one throws', () => {
    const counter = new Counter();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    counter.onChange(() => {
      throw new Error('boom');
    }, { signal: new AbortController().signal });
    counter.onChange(after, { signal: new AbortController().signal });
    counter.increment();
    expect(after).toHaveBeenCalledOnce();
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });
});
