/**
 * One HTTP request through a given agent (keep-alive and source address are the agent's),
 * with its answer read whole: the benchmarks' and the soak's clients. Optionally it gives up
 * after a time, or stops reading after some bytes and closes the connection, as a download
 * interrupted by its user would.
 *
 * @example
 * const { status, body } = await send(url, { agent: new Agent({ keepAlive: true }), timeoutMs: 30_000 });
 */
import { Agent, request } from 'node:http';

export interface SendOptions {
  agent: Agent;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Fails with code ETIMEDOUT when the answer has not ended by then. */
  timeoutMs?: number;
  /** Closes the connection once this many body bytes are in, and answers with them. */
  stopAfterBytes?: number;
}

export interface Answer {
  status: number;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

/** An error after the answer's headers came carries their status: the server acted on the request. */
export type SendError = Error & { code?: string; status?: number };

export function send(url: string, options: SendOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let status: number | undefined;
    const fail = (error: SendError) => reject(Object.assign(error, { status }));
    const req = request(url, { agent: options.agent, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      status = res.statusCode;
      const answer = (): Answer => ({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers });
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        if (received >= (options.stopAfterBytes ?? Infinity)) {
          resolve(answer());
          req.destroy();
        }
      });
      res.on('end', () => resolve(answer()));
      res.on('error', fail);
    });
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      fail(Object.assign(new Error(`no whole answer within ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' }));
      req.destroy();
    }, options.timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', fail);
    req.end(options.body);
  });
}
