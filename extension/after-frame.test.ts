import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterNextFrame } from './after-frame.js';

describe('afterNextFrame', () => {
  let frames: FrameRequestCallback[];
  const renderFrame = () => {
    const callbacks = frames;
    frames = [];
    for (const callback of callbacks) callback(performance.now());
  };

  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('hands everything added before a frame over in one batch, once that frame is rendered', () => {
    const run = vi.fn();
    const add = afterNextFrame<string>(run);
    add('a');
    add('b');
    vi.advanceTimersByTime(0);
    expect(run).not.toHaveBeenCalled();
    renderFrame();
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(run.mock.calls).toEqual([[['a', 'b']]]);
    // The fallback does not hand the batch over a second time.
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('starts a new batch for what is added after a hand-over', () => {
    const run = vi.fn();
    const add = afterNextFrame<number>(run);
    add(1);
    renderFrame();
    vi.advanceTimersByTime(0);
    add(2);
    renderFrame();
    vi.advanceTimersByTime(0);
    expect(run.mock.calls).toEqual([[[1]], [[2]]]);
  });

  it('hands the batch over after the fallback when no frame comes (a background tab)', () => {
    const run = vi.fn();
    const add = afterNextFrame<number>(run, 100);
    add(1);
    vi.advanceTimersByTime(99);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run.mock.calls).toEqual([[[1]]]);
    // The frame that comes later finds nothing to hand over.
    renderFrame();
    vi.advanceTimersByTime(0);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
