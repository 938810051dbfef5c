/**
 * A `fetch` for the extension's unit tests whose server takes every request and never answers
 * (or sends the headers, then nothing), as a stalled server looks to a browser: the request
 * ends only when its signal aborts. `timeOut()` fires the signals `AbortSignal.timeout` handed
 * out, whose timers vitest's fake timers cannot reach.
 *
 * @example
 * const server = stallingFetch();
 * vi.stubGlobal('fetch', server.fetch);
 * const request = api.session();
 * server.timeOut(); // request rejects
 */
import { vi } from 'vitest';

export interface StallingFetch {
  fetch: typeof fetch;
  /** The milliseconds of every `AbortSignal.timeout` asked for so far. */
  timeouts: number[];
  /** How many requests were sent so far. */
  readonly requests: number;
  /** From now on, answer `200` with JSON headers and a body that never ends. */
  answerHeadersOnly(): void;
  /** Aborts every timeout signal handed out, as the browser does when its time is up. */
  timeOut(): void;
}

export function stallingFetch(): StallingFetch {
  const timers: AbortController[] = [];
  const timeouts: number[] = [];
  let headersOnly = false;
  let requests = 0;
  vi.spyOn(AbortSignal, 'timeout').mockImplementation((milliseconds) => {
    timeouts.push(milliseconds);
    const timer = new AbortController();
    timers.push(timer);
    return timer.signal;
  });

  const stalled = (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    requests += 1;
    const signal = init?.signal;
    if (headersOnly) {
      const body = new ReadableStream({ start: (stream) => signal?.addEventListener('abort', () => stream.error(signal.reason)) });
      return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }));
    }
    return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
  };

  return {
    fetch: stalled as typeof fetch,
    timeouts,
    get requests() {
      return requests;
    },
    answerHeadersOnly() {
      headersOnly = true;
    },
    timeOut() {
      for (const timer of timers) timer.abort(new DOMException('The operation timed out.', 'TimeoutError'));
    },
  };
}
