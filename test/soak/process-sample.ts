/**
 * A process's open file descriptors and resident memory, read from /proc (Linux). Sockets to
 * the database are told apart from the rest: knex's pool keeps up to 10 of them open or closes
 * them when idle, so they come and go without anything leaking.
 *
 * @example
 * const sample = await sampleProcess(pid, 3306); // { fds: 31, databaseSockets: 2, rssMiB: 141.2, ... }
 */
import { readdir, readFile, readlink } from 'node:fs/promises';

export interface ProcessSample {
  pid: number;
  /** Seconds since the soak started. */
  at: number;
  fds: number;
  databaseSockets: number;
  /** Every descriptor but the database sockets: listening and client sockets, files, pipes. */
  otherFds: number;
  /** Regular files among them (originals, renditions, logs): what an unclosed stream would leave. */
  files: number;
  rssMiB: number;
}

export async function sampleProcess(pid: number, databasePort: number, at: number): Promise<ProcessSample> {
  const [links, databaseInodes, status] = await Promise.all([
    fdLinks(pid),
    socketInodesTo(databasePort),
    readFile(`/proc/${pid}/status`, 'utf8'),
  ]);
  const databaseSockets = links.filter((link) => databaseInodes.has(/^socket:\[(\d+)\]$/.exec(link)?.[1] ?? '')).length;
  const rssKiB = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? Number.NaN);
  return {
    pid,
    at,
    fds: links.length,
    databaseSockets,
    otherFds: links.length - databaseSockets,
    files: links.filter((link) => link.startsWith('/')).length,
    rssMiB: Math.round((rssKiB / 1024) * 10) / 10,
  };
}

/** Where each descriptor points; one closed while it is read is left out. */
async function fdLinks(pid: number): Promise<string[]> {
  const fds = await readdir(`/proc/${pid}/fd`);
  const links = await Promise.all(fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => undefined)));
  return links.filter((link) => link !== undefined);
}

/** Inodes of this machine's TCP connections whose remote port is `port` (IPv4 and IPv6). */
async function socketInodesTo(port: number): Promise<Set<string>> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const lines = (await readFile(table, 'utf8').catch(() => '')).split('\n').slice(1);
    for (const line of lines) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/);
      const remotePort = Number.parseInt(fields[2]?.split(':')[1] ?? '', 16);
      if (remotePort === port && fields[9]) inodes.add(fields[9]);
    }
  }
  return inodes;
}
