/**
 * Issue 14, fair use of downloads: the p95 latency of visitors viewing one link's gallery
 * page and thumbnails, idle and while ONE anonymous address floods another link with ZIP
 * requests from 100 connections, each reading its answer as fast as it comes and asking again
 * at once. The plugin, with its default limits, streams `downloads.perAddress` (8) downloads
 * at once for that address, `downloads.startsPerMinute` (60) a minute, and refuses the rest;
 * since the flood never waits for its `Retry-After`, its refusals spend the starts it would
 * have had, and it is served only what it saved up while idle between rounds. The budget is
 * that the flood, served and refused together, leaves other links' visitors within 2x of idle.
 *
 *   const [figure] = await runDownloadFloodBenchmark('sqlite');
 */
import type { Engine } from '../helpers/databases.js';
import { startBenchHost } from './bench-host.js';
import type { FloodJob, VisitJob } from './client-jobs.js';
import { runClient } from './client-process.js';
import type { BenchFigure } from './figures.js';
import { describeRounds, describeStatuses, measureVisitorRounds, type VisitorRounds } from './visitor-rounds.js';

/** Requests per second from visitors: steady traffic, far below what the server can take. */
const REQUESTS_PER_SECOND = 80;
const FLOOD_CONNECTIONS = 100;
/** Not the visitors' 127.0.0.1: the flood is one client of its own. */
const FLOOD_ADDRESS = '127.0.0.2';
/** 320 requests a round: its p95 is the 16th slowest. */
const SECONDS = 4;
/** Idle and flooded alternate (see visitor-rounds.ts for why five). */
const ROUNDS = 5;
const BUDGET = 2;
const REFUSED = new Set(['429', '503']);

export async function runDownloadFloodBenchmark(engine: Engine): Promise<BenchFigure[]> {
  // The plugin's own download limits, as every deployment has them.
  const host = await startBenchHost(engine, { downloads: {} });
  try {
    const sampleIds = await host.sampleIds();
    const page = `${host.baseUrl}/s/${await host.share(sampleIds)}`;
    const flood = { kind: 'flood', url: `${host.baseUrl}/s/${await host.share(sampleIds, { allowDownload: true })}/download`, address: FLOOD_ADDRESS } as const;
    // One visit as a browser makes it: the page, then the thumbnails on it.
    const urls = [page, ...sampleIds.map((id) => `${page}/assets/${id}/thumbnail`)];
    const visit = { kind: 'visit', urls, perSecond: REQUESTS_PER_SECOND, seconds: SECONDS } as const;
    const { rounds: result, bytes } = await floodRounds(visit, { ...flood, clients: FLOOD_CONNECTIONS });
    if (host.loggedErrors > 0) throw new Error(`the plugin logged ${host.loggedErrors} unexpected errors (printed above)`);
    const { visitorErrors } = result;
    return [
      {
        name: `gallery during a download flood, p95 of page and thumbnails with ${FLOOD_CONNECTIONS} ZIP requests from one address vs idle (${engine})`,
        value: Math.round(result.ratio * 100) / 100,
        unit: 'x idle',
        budget: `<= ${BUDGET}`,
        pass: result.ratio <= BUDGET && visitorErrors === 0,
        detail:
          `${describeRounds(result, visit, 'requests')}; a visit is the page and its ${sampleIds.length} thumbnails in turn; ` +
          `flood: ${describeFlood(result, bytes)}` +
          (visitorErrors > 0 ? `; ${visitorErrors} visitor errors` : ''),
      },
    ];
  } finally {
    await host.close();
  }
}

/** Visitor rounds against a flood of `flood.clients` connections, and the bytes the flood was served. */
async function floodRounds(visit: VisitJob, flood: Omit<FloodJob, 'seconds'>): Promise<{ rounds: VisitorRounds; bytes: number }> {
  let bytes = 0;
  const rounds = await measureVisitorRounds({
    visit,
    rounds: ROUNDS,
    disturb: async (seconds) => ({
      finished: runClient({ ...flood, seconds }).then((result) => {
        bytes += result.bytes;
        return result;
      }),
    }),
  });
  return { rounds, bytes };
}

/** `114 served (171 MiB), 49714 refused, 0 other (114 x 200, 49714 x 429)` */
function describeFlood(result: VisitorRounds, bytes: number): string {
  const count = (pick: (status: string) => boolean) => Object.entries(result.statuses).reduce((sum, [status, n]) => sum + (pick(status) ? n : 0), 0);
  const served = count((status) => status === '200');
  const refused = count((status) => REFUSED.has(status));
  const other = count((status) => status !== '200' && !REFUSED.has(status));
  return `${served} served (${Math.round(bytes / 2 ** 20)} MiB), ${refused} refused, ${other} other (${describeStatuses(result.statuses)})`;
}
