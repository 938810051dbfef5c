/**
 * Ordinary visitors' latency, idle and while something disturbs the server (password guessing,
 * a download flood), measured in alternating rounds. Each round measures the visitors alone,
 * then starts the disturbance, lets it reach full strength and measures them again; the
 * figure is the median of the rounds' p95 ratios. A burst of other work on the machine (a
 * p95 is the worst 5%, a few hundred milliseconds of a run) then moves one round, not the
 * figure: with two pooled rounds one burst read 0.48 or 4.46 where the runs around it read 1.3-1.9.
 *
 * @example
 * const rounds = await measureVisitorRounds({ visit, rounds: 5, disturb: async (seconds) => ({ finished: runClient({ ...flood, seconds }) }) });
 */
import type { VisitJob } from './client-jobs.js';
import { runClient } from './client-process.js';
import { formatMs, summarize, type LatencySummary } from './latency.js';

/** The disturbance starts this long before visitors are measured, so they meet it at full strength. */
const RAMP_MS = 500;

export interface VisitorRoundsOptions {
  visit: VisitJob;
  rounds: number;
  /**
   * Prepares and starts one round's disturbance, to run `seconds`; resolves once it runs, with
   * its end. Preparation (a new victim, say) is done before the ramp starts.
   */
  disturb(seconds: number): Promise<{ finished: Promise<{ statuses: Record<string, number> }> }>;
}

export interface VisitorRounds {
  /** The median of the rounds' p95 ratios, disturbed over idle. */
  ratio: number;
  ratios: number[];
  idle: LatencySummary;
  disturbed: LatencySummary;
  /** The disturbance's answers over all rounds, by status (or error code). */
  statuses: Record<string, number>;
  /** Visitors' answers other than 200, and failed visits. */
  visitorErrors: number;
}

export async function measureVisitorRounds(options: VisitorRoundsOptions): Promise<VisitorRounds> {
  const { visit, rounds } = options;
  const idle: number[] = [];
  const disturbed: number[] = [];
  const ratios: number[] = [];
  const statuses: Record<string, number> = {};
  let visitorErrors = 0;
  // Warm-up, unmeasured: the first visits may render thumbnails and fill caches.
  await runClient({ ...visit, seconds: 1 });
  for (let round = 0; round < rounds; round += 1) {
    const quiet = await runClient(visit);
    const { finished } = await options.disturb(visit.seconds + 1);
    await new Promise((resolve) => setTimeout(resolve, RAMP_MS));
    const loud = await runClient(visit);
    for (const [status, count] of Object.entries((await finished).statuses)) statuses[status] = (statuses[status] ?? 0) + count;
    idle.push(...quiet.samples);
    disturbed.push(...loud.samples);
    ratios.push(summarize(loud.samples).p95 / summarize(quiet.samples).p95);
    visitorErrors += quiet.errors + loud.errors;
  }
  const ratio = [...ratios].sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
  return { ratio, ratios, idle: summarize(idle), disturbed: summarize(disturbed), statuses, visitorErrors };
}

/** What a figure's detail says about the rounds: each ratio, the pooled percentiles, the rate. */
export function describeRounds(result: VisitorRounds, visit: VisitJob, unit: string): string {
  const { ratios, idle, disturbed } = result;
  return (
    `median of ${ratios.length} rounds' p95 ratios (${ratios.map((value) => value.toFixed(2)).join(', ')}); ` +
    `pooled p95 ${formatMs(disturbed.p95)} vs ${formatMs(idle.p95)} idle (p50 ${formatMs(disturbed.p50)} vs ${formatMs(idle.p50)}; ` +
    `${visit.perSecond} ${unit}/s, ${ratios.length} x ${visit.seconds} s each)`
  );
}

/** `12 x 200, 3 x 429`: the disturbance's answers. */
export function describeStatuses(statuses: Record<string, number>): string {
  return Object.entries(statuses).map(([status, count]) => `${count} x ${status}`).join(', ');
}
