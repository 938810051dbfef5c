/**
 * HTTP clients for the benchmarks, with keep-alive like a browser: visitors at a steady
 * rate, and attackers and a flooding downloader in closed loops (each client sends its next
 * request as soon as the last answer is in). Run inside client-process.ts.
 */
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { send, type Answer } from '../helpers/send.js';

/**
 * Visitors reading a page at a steady rate, whatever the server's speed (open loop): a
 * slow answer does not delay the next visitor, so queueing shows in the latency instead
 * of silently lowering the load.
 */
export interface VisitJob {
  kind: 'visit';
  /** Requested in turn, one per scheduled visit: a page, say, then the thumbnails a browser loads with it. */
  urls: readonly string[];
  perSecond: number;
  seconds: number;
}

export interface VisitResult {
  /** Milliseconds from each request's scheduled start to its last byte. */
  samples: number[];
  /** Answers other than 200, and failed requests. */
  errors: number;
}

/** Clients posting wrong passwords, each from its own loopback address (127.0.0.2, .3, ...). */
export interface AttackJob {
  kind: 'attack';
  url: string;
  clients: number;
  seconds: number;
}

export interface AttackResult {
  requests: number;
  /** How many answers of each status (401 wrong password, 429 throttled, 503 limiter full). */
  statuses: Record<string, number>;
}

/**
 * Clients requesting one URL from ONE address (a download manager or a script gone wild),
 * each reading every answer to its end before asking again.
 */
export interface FloodJob {
  kind: 'flood';
  url: string;
  clients: number;
  seconds: number;
  /** The loopback address every client sends from (e.g. 127.0.0.2). */
  address: string;
}

export interface FloodResult extends AttackResult {
  /** Body bytes of the answers that were served (200). */
  bytes: number;
}

export async function runVisits(job: VisitJob): Promise<VisitResult> {
  const agent = new Agent({ keepAlive: true });
  const samples: number[] = [];
  let errors = 0;
  const visit = async (url: string, scheduled: number) => {
    try {
      const answer = await send(url, { agent });
      if (answer.status !== 200) errors += 1;
    } catch {
      errors += 1;
    }
    samples.push(performance.now() - scheduled);
  };
  const start = performance.now();
  const visits: Promise<void>[] = [];
  for (let index = 0; index < job.perSecond * job.seconds; index += 1) {
    const scheduled = start + (index * 1000) / job.perSecond;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, scheduled - performance.now())));
    visits.push(visit(job.urls[index % job.urls.length]!, scheduled));
  }
  await Promise.all(visits);
  agent.destroy();
  return { samples, errors };
}

export function runAttack(job: AttackJob): Promise<AttackResult> {
  // A distinct source address per client: the throttle keys failures by client address.
  const agentOf = (index: number) => new Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.0.${index + 2}` });
  return closedLoop(job, agentOf, (agent, index, request) =>
    send(job.url, {
      agent,
      method: 'POST',
      body: new URLSearchParams({ password: `wrong-${index}-${request}` }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
  );
}

export async function runFlood(job: FloodJob): Promise<FloodResult> {
  let bytes = 0;
  const agentOf = () => new Agent({ keepAlive: true, maxSockets: 1, localAddress: job.address });
  const tally = await closedLoop(job, agentOf, async (agent) => {
    const answer = await send(job.url, { agent });
    if (answer.status === 200) bytes += answer.body.length;
    return answer;
  });
  return { ...tally, bytes };
}

/**
 * `clients` clients, each with its own agent, sending `attempt` again as soon as its last
 * answer is in until `seconds` have passed; answers are tallied by status, failures by code.
 */
async function closedLoop(
  job: { clients: number; seconds: number },
  agentOf: (index: number) => Agent,
  attempt: (agent: Agent, index: number, request: number) => Promise<Answer>,
): Promise<AttackResult> {
  const statuses: Record<string, number> = {};
  let requests = 0;
  const until = performance.now() + job.seconds * 1000;
  const client = async (index: number) => {
    const agent = agentOf(index);
    while (performance.now() < until) {
      let status: string;
      try {
        status = String((await attempt(agent, index, requests)).status);
      } catch (error) {
        status = (error as NodeJS.ErrnoException).code ?? 'error';
      }
      requests += 1;
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    agent.destroy();
  };
  await Promise.all(Array.from({ length: job.clients }, (_, index) => client(index)));
  return { requests, statuses };
}
