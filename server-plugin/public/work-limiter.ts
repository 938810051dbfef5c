/**
 * Bounds CPU-heavy work (bcrypt compares): at most `concurrency` tasks run, at most
 * `queue` wait, and anything beyond is refused at once with UnavailableError (503 +
 * Retry-After), so a flood of password guesses cannot starve the event loop's other
 * visitors. The checks themselves run on PasswordVerifier's threads.
 */
import { UnavailableError } from '../../shared/errors.js';

export interface WorkLimiter {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createWorkLimiter(limits: { concurrency: number; queue: number }): WorkLimiter {
  let running = 0;
  const waiting: (() => void)[] = [];

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }

  return {
    async run(task) {
      if (running >= limits.concurrency) {
        if (waiting.length >= limits.queue) throw new UnavailableError('The server is busy checking passwords. Try again in a moment.');
        // The finishing task hands its slot over directly, so `running` stays exact.
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running++;
      }
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
