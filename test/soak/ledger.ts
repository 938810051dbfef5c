/**
 * What the soak's clients saw, request by request, and the fault windows that excuse a
 * failed request: one overlapping a window on its own instance (a kill excuses the killed
 * instance's requests, a database restart everyone's). An archive that arrived whole and
 * still failed a check is never excused: no fault may corrupt a download.
 */
import type { EventKind } from '../../server-plugin/store/types.js';

export type InstanceName = 'a' | 'b';
export type Workload = 'gallery' | 'thumbnail' | 'zip' | 'resume' | 'password' | 'edit';

export interface Outcome {
  workload: Workload;
  instance: InstanceName;
  /** Milliseconds on the soak's clock (performance.now()). */
  start: number;
  end: number;
  /** The answer's status, when its headers came (also when its body then failed). */
  status?: number;
  /** What was wrong, when something was: a failed request, a status nobody should get, a bad body. */
  problem?: string;
  /** An archive that arrived whole and failed a check. */
  invalid?: boolean;
  /** The access event the server recorded for this answer, by its status. */
  event?: EventKind;
}

export interface FaultWindow {
  name: string;
  instances: readonly InstanceName[];
  start: number;
  end: number;
}

export class Ledger {
  readonly outcomes: Outcome[] = [];
  readonly windows: FaultWindow[] = [];

  record(outcome: Outcome): void {
    this.outcomes.push(outcome);
  }

  isExcused(instance: InstanceName, start: number, end: number): boolean {
    return this.windows.some((window) => window.instances.includes(instance) && start <= window.end && end >= window.start);
  }

  /** Failed requests no fault window explains, and every invalid archive. */
  unexcusedErrors(): Outcome[] {
    return this.outcomes.filter((outcome) => outcome.invalid || (outcome.problem !== undefined && !this.isExcused(outcome.instance, outcome.start, outcome.end)));
  }

  /** Answers that made the server record an access event of `kind`, optionally only some of them. */
  eventsServed(kind: EventKind, where: (outcome: Outcome) => boolean = () => true): number {
    return this.outcomes.filter((outcome) => outcome.event === kind && where(outcome)).length;
  }

  count(where: (outcome: Outcome) => boolean): number {
    return this.outcomes.filter(where).length;
  }
}
