/**
 * Real databases for the store and HTTP suites. Every suite that touches a database runs
 * once per engine in `TEST_ENGINES`:
 *
 *   describe.each(TEST_ENGINES)('collection store on %s', (engine) => {
 *     let db: TestDatabase;
 *     beforeEach(async () => { db = await createTestDatabase(engine); });
 *     afterEach(() => db.destroy());
 *   });
 *
 * SQLite always runs. MariaDB/MySQL runs when TEST_MYSQL_URL is set; under CI it must be.
 * Each test gets a fresh, empty schema: a new SQLite file, or a new MySQL database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { createKnex, createSqliteKnex } from '../../demo/database.js';

export type Engine = 'sqlite' | 'mysql';

export interface TestDatabase {
  engine: Engine;
  knex: Knex;
  /** A URL that opens the same database in another process or instance (`undefined` for SQLite: use `filename`). */
  url: string | undefined;
  /** SQLite only: the database file. */
  filename: string | undefined;
  destroy(): Promise<void>;
}

const HOW_TO_PROVIDE_MYSQL =
  'Set TEST_MYSQL_URL to a MariaDB/MySQL server where the user may create databases, ' +
  'e.g. TEST_MYSQL_URL=mysql://root@127.0.0.1:3306/test (on Debian: apt-get install -y mariadb-server && service mariadb start).';

function resolveEngines(): Engine[] {
  const mysqlUrl = process.env.TEST_MYSQL_URL;
  if (mysqlUrl) return ['sqlite', 'mysql'];
  if (process.env.CI) throw new Error(`CI must run the database suites on MariaDB too. ${HOW_TO_PROVIDE_MYSQL}`);
  return ['sqlite'];
}

/** The engines every database suite runs on. */
export const TEST_ENGINES: readonly Engine[] = resolveEngines();

/** Said once per test file when MariaDB is not configured, so a local run never hides it. */
if (!TEST_ENGINES.includes('mysql') && !process.env.SC_QUIET_ENGINES) {
  console.warn(`[databases] MariaDB suites are not running. ${HOW_TO_PROVIDE_MYSQL}`);
}

/**
 * How many queries `knex` sends while `run` runs: the no-N+1 checks. With
 * `ignoreTransactions`, queries inside a transaction are not counted: the plugin writes
 * access events in a batch transaction on a timer of its own, which a slow request may
 * overlap without costing anything itself.
 *
 * @example
 * expect(await countQueries(db.knex, () => store.findByToken(token))).toBe(1);
 */
export async function countQueries(knex: Knex, run: () => Promise<unknown>, options: { ignoreTransactions?: boolean } = {}): Promise<number> {
  let count = 0;
  const listener = (query: { __knexTxId?: string }) => {
    if (!(options.ignoreTransactions && query.__knexTxId)) count += 1;
  };
  knex.on('query', listener);
  try {
    await run();
  } finally {
    knex.off('query', listener);
  }
  return count;
}

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  return engine === 'sqlite' ? createSqliteDatabase() : createMysqlDatabase();
}

function createSqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), 'sc-test-'));
  const filename = path.join(dir, 'test.sqlite');
  const knex = createSqliteKnex(filename);
  return {
    engine: 'sqlite',
    knex,
    url: undefined,
    filename,
    async destroy() {
      await knex.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createMysqlDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_MYSQL_URL;
  if (!adminUrl) throw new Error(`This test needs MariaDB. ${HOW_TO_PROVIDE_MYSQL}`);
  const name = `sc_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = createKnex({ databaseUrl: adminUrl, dataDir: tmpdir() });
  try {
    await admin.raw('CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci', [name]);
  } catch (error) {
    await admin.destroy();
    throw new Error(`Cannot create a test database on TEST_MYSQL_URL (${(error as Error).message}). ${HOW_TO_PROVIDE_MYSQL}`);
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const knex = createKnex({ databaseUrl: url.toString(), dataDir: tmpdir() });
  return {
    engine: 'mysql',
    knex,
    url: url.toString(),
    filename: undefined,
    async destroy() {
      await knex.destroy();
      await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
      await admin.destroy();
    },
  };
}
