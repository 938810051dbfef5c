/**
 * A process's open file descriptors and resident memory, read from /proc (Linux). What a
 * leak leaves open is a file (a stream never closed) or a socket; sockets to the database are
 * counted apart, since knex's pool keeps up to 10 of them open or closes them when idle. The
 * rest (pipes, epoll, eventfd, io_uring, /dev/null) come and go with threads: each bcrypt
 * thread brings six (its event loop's, and a /dev/null under tsx) and takes them along when it
 * ends after a minute without work.
 *
 * @example
 * const sample = await sampleProcess(pid, 3306, 61.2); // { fds: 39, files: 5, otherSockets: 1, databaseSockets: 10, rssMiB: 190.6, ... }
 */
import { readdir, readFile, readlink } from 'node:fs/promises';

export interface ProcessSample {
  pid: number;
  /** Seconds since the soak started. */
  at: number;
  fds: number;
  /** Files (not devices): originals, renditions, the log. */
  files: number;
  /** Sockets other than the database's: the listening one, clients' connections. */
  otherSockets: number;
  databaseSockets: number;
  rssMiB: number;
}

export async function sampleProcess(pid: number, databasePort: number, at: number): Promise<ProcessSample> {
  const [links, databaseInodes, status] = await Promise.all([
    fdLinks(pid),
    socketInodesTo(databasePort),
    readFile(`/proc/${pid}/status`, 'utf8'),
  ]);
  const sockets = links.map((link) => /^socket:\[(\d+)\]$/.exec(link)?.[1]).filter((inode) => inode !== undefined);
  const databaseSockets = sockets.filter((inode) => databaseInodes.has(inode)).length;
  const rssKiB = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? Number.NaN);
  return {
    pid,
    at,
    fds: links.length,
    files: links.filter((link) => link.startsWith('/') && !link.startsWith('/dev/')).length,
    otherSockets: sockets.length - databaseSockets,
    databaseSockets,
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
