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
import { describeForLog } from './http/error-middleware.js';
import type { Logger } from './options.js';
import type { NewEvent } from './store/types.js';

export interface EventBufferOptions {
  write: (events: readonly NewEvent[]) => Promise<void>;
  delayMs: number;
  maxPending: number;
  logger: Logger;
}

export class EventBuffer {
  private pending: NewEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Flushes run one after the other, so `flush()` returns only once earlier writes are done too. */
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly options: EventBufferOptions) {}

  record(event: NewEvent): void {
    this.pending.push(event);
    if (this.pending.length >= this.options.maxPending) {
      void this.flush();
    } else if (!this.timer) {
      // unref: a pending batch never keeps a finished process alive.
      this.timer = setTimeout(() => void this.flush(), this.options.delayMs).unref();
    }
  }

  /** Writes every event recorded so far; resolves when they are stored (or the failure logged). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.writing = this.writing.then(() => (batch.length > 0 ? this.write(batch) : undefined));
    return this.writing;
  }

  private async write(batch: NewEvent[]): Promise<void> {
    try {
      await this.options.write(batch);
    } catch (error) {
      this.options.logger.warn(`shared-collections: ${batch.length} access events could not be stored`, describeForLog(error));
    }
  }
}
