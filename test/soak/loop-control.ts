/**
 * Runs the soak's client loops, pauses them together for a quiet moment (file descriptors are
 * read when no request is open) and stops them. A loop checks in between iterations, so a
 * pause or a stop waits for the requests in flight to end.
 *
 * @example
 * const loops = new LoopControl();
 * loops.run((round) => viewGallery(round), 200);
 * await loops.pause(); // ...measure...
 * loops.resume();
 * await loops.stop();
 */
import { setTimeout as sleep } from 'node:timers/promises';

export class LoopControl {
  private stopped = false;
  private paused: { promise: Promise<void>; resolve: () => void } | undefined;
  private parked = 0;
  private readonly loops: Promise<void>[] = [];
  /** Called whenever a loop parks: `pause()` listens here for the last one. */
  private onPark: () => void = () => {};

  /** Runs `iteration` (round 0, 1, ...) over and over, `thinkMs` apart, until `stop()`. */
  run(iteration: (round: number) => Promise<void>, thinkMs: number): void {
    this.loops.push(
      (async () => {
        for (let round = 0; await this.mayGoOn(); round += 1) {
          await iteration(round);
          await sleep(thinkMs);
        }
      })(),
    );
  }

  /** Resolves once every loop is parked between iterations. */
  async pause(): Promise<void> {
    if (!this.paused) {
      let resolve = () => {};
      const promise = new Promise<void>((done) => (resolve = done));
      this.paused = { promise, resolve };
    }
    await new Promise<void>((resolve) => {
      this.onPark = () => {
        if (this.parked === this.loops.length) resolve();
      };
      this.onPark();
    });
  }

  resume(): void {
    this.paused?.resolve();
    this.paused = undefined;
  }

  /** Ends every loop after its current iteration; rejects if one of them failed. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.resume();
    await Promise.all(this.loops);
  }

  private async mayGoOn(): Promise<boolean> {
    while (this.paused && !this.stopped) {
      this.parked += 1;
      this.onPark();
      await this.paused.promise;
      this.parked -= 1;
    }
    return !this.stopped;
  }
}
