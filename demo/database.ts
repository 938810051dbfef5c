import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';

/**
 * The one place a knex instance is configured: SQLite (better-sqlite3) in `dataDir`
 * when `databaseUrl` is empty, MySQL/MariaDB through mysql2 when it is `mysql://...`.
 */
export function createKnex(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Where knex's own warnings go (e.g. a failed connection). Default: knex's console logger. */
  log?: Knex.Logger | undefined;
}): Knex {
  const { databaseUrl, dataDir, log } = options;
  if (!databaseUrl) {
    mkdirSync(dataDir, { recursive: true });
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dataDir, 'dam.sqlite') },
      useNullAsDefault: true,
      pool: { afterCreate: enableSqliteForeignKeys },
      ...(log ? { log } : {}),
    });
  }
  const url = parseMysqlUrl(databaseUrl);
  return knexFactory({
    client: 'mysql2',
    connection: {
      host: url.hostname,
      port: url.port ? Number(url.port) : 3306,
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: decodeURIComponent(url.pathname.slice(1)),
      // The default 'local' shifts DATETIME values by the server's offset.
      timezone: 'Z',
      charset: 'utf8mb4',
      ...(url.searchParams.get('socketPath') ? { socketPath: url.searchParams.get('socketPath')! } : {}),
    },
    pool: { min: 0, max: 10 },
    ...(log ? { log } : {}),
  });
}

/** Opens an SQLite database at an explicit file (tests use one file per test). */
export function createSqliteKnex(filename: string): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: { afterCreate: enableSqliteForeignKeys },
  });
}

function enableSqliteForeignKeys(connection: { pragma(sql: string): unknown }, done: (error: Error | null) => void): void {
  connection.pragma('foreign_keys = ON');
  connection.pragma('journal_mode = WAL');
  connection.pragma('busy_timeout = 5000');
  done(null);
}

function parseMysqlUrl(databaseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error(`DATABASE_URL is not a valid URL: expected mysql://user:password@host:3306/database`);
  }
  if (url.protocol !== 'mysql:') {
    throw new Error(`DATABASE_URL must start with mysql:// (got ${url.protocol}//); leave it unset for SQLite.`);
  }
  if (url.pathname.length <= 1) throw new Error('DATABASE_URL must name a database, e.g. mysql://root@127.0.0.1:3306/dam');
  return url;
}
