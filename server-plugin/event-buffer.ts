/**
 * Access events are written in batches: a busy gallery would otherwise spend an insert on
 * every view, about as much as the rest of the page costs (issue 5, budget 4). Events wait
 * at most `delayMs` (or until `maxPending` have gathered) and are then written together.
 *
 * Statistics read through this instance flush first, so they always include its own
 * visitors; another instance's visitors appear within `delayMs`. An event is lost only if
 * the process dies in that window, or if the write fails (logged): statistics, never a
 * reason to fail a visitor's request.
 */
import { describeForLog } from './describe-for-log.js';
import type { Logger } from './options.js';
import type { NewEvent } from './store/types.js';

export interface EventBufferOptions {
  write: (events: readonly NewEvent[]) => Promise<void>;
  delayMs: number;
  maxPending: number;
  /** `flush()` waits at most this long for writes in flight: a database that stopped answering must not hold up statistics forever. */
  maxWaitMs: number;
  logger: Logger;
  /** Hears of every event as it is recorded (the metrics count them). */
  onRecord?: (event: NewEvent) => void;
}

export class EventBuffer {
  private pending: NewEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly writing = new Set<Promise<void>>();

  constructor(private readonly options: EventBufferOptions) {}

  record(event: NewEvent): void {
    this.options.onRecord?.(event);
    this.pending.push(event);
    if (this.pending.length >= this.options.maxPending) {
      void this.flush();
    } else if (!this.timer) {
      // unref: a pending batch never keeps a finished process alive.
      this.timer = setTimeout(() => void this.flush(), this.options.delayMs).unref();
    }
  }

  /**
   * Writes every event recorded so far; resolves when they and every earlier batch are
   * stored (or their failure logged), or after `maxWaitMs`, whichever comes first.
   */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length > 0) {
      const write = this.write(this.pending).finally(() => this.writing.delete(write));
      this.writing.add(write);
      this.pending = [];
    }
    if (this.writing.size === 0) return;
    let giveUp: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (giveUp = setTimeout(resolve, this.options.maxWaitMs).unref()));
    await Promise.race([Promise.all(this.writing), waited]);
    clearTimeout(giveUp);
  }

  private async write(batch: NewEvent[]): Promise<void> {
    try {
      await this.options.write(batch);
    } catch (error) {
      this.options.logger.warn(`shared-collections: ${batch.length} access events could not be stored`, describeForLog(error));
    }
  }
}
