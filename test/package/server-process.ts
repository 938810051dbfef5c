/**
 * A server started as a child process, with its output in a file, stopped with everything it
 * started. Used for the consumer hosts, on Linux and under Wine.
 *
 * @example
 * const port = await freePort();
 * const server = await startServerProcess({ name: 'host', command: 'node', args: ['host.mjs'], cwd, env: { PORT: String(port) },
 *   logFile, baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 90_000, isReady: async (url) => (await fetch(url)).ok });
 * await server.stop();
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { open, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RunningServer {
  baseUrl: string;
  /** The server's process id, the leader of its process group. */
  pid: number;
  /** What the server printed so far. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** How long the processes a server started may take to end after it did. */
const GROUP_EXIT_MS = 30_000;

/** Sends `signal` to every process of the group; false when none is left. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `command args` in `cwd` (environment: this process's plus `env`) and waits until
 * `isReady(baseUrl)` says yes; fails with the server's output if it exits first or takes
 * longer than `timeoutMs`.
 */
export async function startServerProcess(options: {
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  logFile: string;
  baseUrl: string;
  timeoutMs: number;
  isReady(baseUrl: string): Promise<boolean>;
}): Promise<RunningServer> {
  const { name, baseUrl } = options;
  // A file, never a pipe: a Windows node.exe under Wine fails with EBADF writing to a pipe.
  const log = await open(options.logFile, 'w');
  // A group of its own, so stopping it also stops what it started (npm → cmd.exe → node.exe).
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', log.fd, log.fd],
    detached: true,
  });
  const exited = once(child, 'exit');
  const readLog = () => readFile(options.logFile, 'utf8');
  const stop = async () => {
    const pid = child.pid!;
    if (child.exitCode === null && child.signalCode === null) {
      signalGroup(pid, 'SIGTERM');
      await exited;
    }
    const deadline = Date.now() + GROUP_EXIT_MS;
    while (signalGroup(pid, 0) && Date.now() < deadline) await sleep(100);
    signalGroup(pid, 'SIGKILL');
    await log.close();
  };

  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`${name} exited with ${child.exitCode ?? child.signalCode}:\n${await readLog()}`);
    }
    if (await options.isReady(baseUrl).catch(() => false)) return { baseUrl, pid: child.pid!, log: readLog, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not answer within ${options.timeoutMs} ms:\n${await readLog()}`);
    }
    await sleep(200);
  }
}
