/**
 * The soak's server instances: the demo DAM with the plugin, each started as `npm start`
 * starts it (demo/main.ts in a Node process of its own, its output in a file), on a port of
 * its own and one shared database. An instance may be killed without warning and started
 * again on the same port; its log is read as it grows, each line stamped with the time it
 * was read (the demo's lines carry no time of their own).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServerProcess } from '../package/server-process.js';
import type { InstanceName } from './ledger.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The first start renders the sample catalog (120 images) into the data directory. */
const START_TIMEOUT_MS = 180_000;

export interface LogLine {
  instance: InstanceName;
  /** When it was read, on the soak's clock. */
  at: number;
  text: string;
}

export interface Instance {
  readonly name: InstanceName;
  readonly baseUrl: string;
  readonly running: boolean;
  /** The running process's id. */
  readonly pid: number;
  /** Starts the process and resolves once it answers. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown, buffered access events are lost. Resolves once it has exited. */
  kill(): Promise<void>;
  /** SIGTERM: the demo closes its server and writes buffered events, then exits. */
  stop(): Promise<void>;
  /** Lines printed since the last call, also by a process since stopped (not those printed while it started). */
  readLog(): Promise<LogLine[]>;
}

export function createInstance(options: { name: InstanceName; port: number; databaseUrl: string; dataDir: string; logDir: string }): Instance {
  const { name, port } = options;
  const baseUrl = `http://127.0.0.1:${port}`;
  let server: RunningServer | undefined;
  let starts = 0;
  let offset = 0;
  /** Lines of a process that was stopped or killed, not yet handed out. */
  let leftOver: LogLine[] = [];

  async function newLines(): Promise<LogLine[]> {
    if (!server) return [];
    const text = await server.log();
    const fresh = text.slice(offset);
    // Only whole lines: the rest is read once its newline is written.
    const end = fresh.lastIndexOf('\n') + 1;
    offset += end;
    const at = performance.now();
    return fresh.slice(0, end).split('\n').filter(Boolean).map((line) => ({ instance: name, at, text: line }));
  }

  async function ended(): Promise<void> {
    await server!.stop();
    // What it printed while stopping too: a batch of events that could not be written, say.
    leftOver.push(...(await newLines()));
    server = undefined;
  }

  return {
    name,
    baseUrl,
    get running() {
      return server !== undefined;
    },
    get pid() {
      if (!server) throw new Error(`instance ${name} is not running`);
      return server.pid;
    },
    async start() {
      starts += 1;
      const started = await startServerProcess({
        name: `instance ${name}`,
        command: process.execPath,
        args: ['--conditions=shared-collections-source', '--import', 'tsx', 'demo/main.ts'],
        cwd: ROOT,
        env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: options.dataDir, DATABASE_URL: options.databaseUrl },
        logFile: path.join(options.logDir, `instance-${name}-${starts}.log`),
        baseUrl,
        timeoutMs: START_TIMEOUT_MS,
        isReady: async (url) => (await fetch(`${url}/login`)).ok,
      });
      // The start-up banner is no news; the log is read from here on, once `server` is set.
      offset = (await started.log()).length;
      server = started;
    },
    async kill() {
      process.kill(server!.pid, 'SIGKILL');
      await ended();
    },
    stop: ended,
    async readLog() {
      const lines = [...leftOver, ...(await newLines())];
      leftOver = [];
      return lines;
    },
  };
}
