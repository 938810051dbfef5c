/**
 * A TCP proxy on 127.0.0.1:0 that a test can sever (every open connection reset, every new
 * one reset on arrival), freeze (every connection, open or new, kept open but silent) and
 * restore: a database that drops off the network, or stops answering, and comes back,
 * without touching the database server itself.
 *
 * @example
 * const proxy = await startTcpProxy({ host: '127.0.0.1', port: 3306 });
 * // point the client at 127.0.0.1:proxy.port ...
 * proxy.sever();   // or proxy.freeze();
 * proxy.restore();
 * await proxy.close();
 */
import net from 'node:net';
import knexFactory, { type Knex } from 'knex';

export interface TcpProxy {
  /** The port the proxy listens on (127.0.0.1). */
  port: number;
  /** Connections currently relayed. */
  readonly openConnections: number;
  /** Resets every relayed connection and, until `restore()`, every new one. */
  sever(): void;
  /**
   * Stops relaying bytes in both directions on every connection, open or new, without closing
   * any: a firewall dropping packets, or a frozen server. Bytes sent meanwhile wait in the proxy.
   */
  freeze(): void;
  /** Relays new connections again and, after `freeze()`, delivers what waited and relays again. */
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<[net.Socket, net.Socket]>();
  let severed = false;
  let frozen = false;

  // An RST rather than a FIN: the client sees ECONNRESET at once, as when a network path dies.
  const reset = (socket: net.Socket) => {
    if (!socket.destroyed) socket.resetAndDestroy();
  };

  const server = net.createServer((client) => {
    if (severed) return reset(client);
    const upstream = net.connect(target);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    // Errors are the expected outcome of a severed link; closing both halves is all there is to do.
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    if (frozen) hold(pair);
    else relay(pair);
  });

  const relay = ([client, upstream]: [net.Socket, net.Socket]) => {
    client.pipe(upstream);
    upstream.pipe(client);
  };
  // Unpiped and paused, each socket keeps what arrives in its buffer until `relay` pipes it again.
  const hold = ([client, upstream]: [net.Socket, net.Socket]) => {
    client.unpipe(upstream).pause();
    upstream.unpipe(client).pause();
  };
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));

  const sever = () => {
    severed = true;
    for (const [client, upstream] of pairs) {
      reset(client);
      reset(upstream);
    }
    pairs.clear();
  };

  return {
    port: (server.address() as net.AddressInfo).port,
    get openConnections() {
      return pairs.size;
    },
    sever,
    freeze() {
      if (frozen) return;
      frozen = true;
      for (const pair of pairs) hold(pair);
    },
    restore() {
      severed = false;
      if (!frozen) return;
      frozen = false;
      for (const pair of pairs) relay(pair);
    },
    async close() {
      sever();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A knex on the MariaDB database at `databaseUrl`, reached through a new proxy, so a test can
 * sever or freeze its connections. `acquireConnectionTimeout` decides how long a request waits
 * for a connection while the proxy is down.
 */
export async function connectThroughProxy(databaseUrl: string, options: { acquireConnectionTimeout: number }): Promise<{ proxy: TcpProxy; knex: Knex }> {
  const url = new URL(databaseUrl);
  const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 3306) });
  const knex = knexFactory({
    client: 'mysql2',
    connection: {
      host: '127.0.0.1',
      port: proxy.port,
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1),
      timezone: 'Z',
      charset: 'utf8mb4',
    },
    pool: { min: 0, max: 4 },
    acquireConnectionTimeout: options.acquireConnectionTimeout,
    // The outages are on purpose; knex's own warnings would only bury the assertions' output.
    log: { warn: () => undefined, error: () => undefined },
  });
  return { proxy, knex };
}
