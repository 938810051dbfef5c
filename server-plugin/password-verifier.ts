/**
 * Checks collection passwords on threads of their own (password-worker.cjs), never on the
 * event loop nor on libuv's pool, which file reads share. On Linux those threads run at the
 * lowest priority, so 50 clients guessing passwords leave other visitors' page views almost
 * as fast as without them (issue 5, budget 6). The unlock route bounds how many checks run
 * at once (its limiter); a thread starts on the first check that finds none free and ends
 * after `idleMs` without work. Threads never keep the process alive.
 *
 * @example
 * const verifier = new PasswordVerifier();
 * await verifier.verify('s3cret', collection.passwordHash); // true or false
 */
import { Worker } from 'node:worker_threads';
import { bcryptInput } from './passwords.js';

const WORKER_URL = new URL('./password-worker.cjs', import.meta.url);

export class PasswordVerifier {
  readonly #idle = new Map<Worker, NodeJS.Timeout>();

  constructor(private readonly options: { idleMs: number } = { idleMs: 60_000 }) {}

  /** Constant-time inside bcrypt; false for a wrong password or a malformed hash. */
  async verify(password: string, hash: string): Promise<boolean> {
    const worker = this.#take();
    const ok = await ask(worker, { input: bcryptInput(password), hash });
    this.#putBack(worker);
    return ok;
  }

  #take(): Worker {
    for (const [worker, timer] of this.#idle) {
      clearTimeout(timer);
      this.#idle.delete(worker);
      return worker;
    }
    const worker = new Worker(WORKER_URL);
    worker.unref();
    return worker;
  }

  #putBack(worker: Worker): void {
    const timer = setTimeout(() => {
      this.#idle.delete(worker);
      void worker.terminate();
    }, this.options.idleMs);
    this.#idle.set(worker, timer.unref());
  }
}

/** One compare on `worker`; rejects if the thread fails or exits instead of answering. */
function ask(worker: Worker, message: { input: string; hash: string }): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    const settle = (finish: () => void) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      finish();
    };
    const onMessage = (ok: boolean) => settle(() => resolve(ok));
    const onError = (error: Error) => settle(() => reject(error));
    const onExit = (code: number) => settle(() => reject(new Error(`the password thread exited (code ${code})`)));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(message);
  });
}
