/**
 * Runs the plugin's migrations with its own migrations table, so it never collides
 * with the host's knex migrations. The modules are imported, not read from a
 * directory: knex cannot load `.ts` files from disk under vitest or plain Node 20.
 */
import type { Knex } from 'knex';
import * as assetCount from './migrations/20261127000000_asset_count.js';
import * as generations from './migrations/20261203000000_generations.js';
import * as init from './migrations/20261126000000_init.js';
import { tableNames } from './table-names.js';

interface PrefixedMigration {
  name: string;
  up(knex: Knex, prefix: string): Promise<void>;
  down(knex: Knex, prefix: string): Promise<void>;
}

/** In order; names are stored in the migrations table, so never rename one. */
const MIGRATIONS: readonly PrefixedMigration[] = [
  { name: '20261126000000_init', ...init },
  { name: '20261127000000_asset_count', ...assetCount },
  { name: '20261203000000_generations', ...generations },
];

function migrationSource(prefix: string): Knex.MigrationSource<PrefixedMigration> {
  return {
    getMigrations: async () => [...MIGRATIONS],
    getMigrationName: (migration) => migration.name,
    getMigration: async (migration) => ({
      up: (knex: Knex) => migration.up(knex, prefix),
      down: (knex: Knex) => migration.down(knex, prefix),
    }),
  };
}

function config(prefix: string): Knex.MigratorConfig {
  return { migrationSource: migrationSource(prefix), tableName: tableNames(prefix).migrations };
}

const LOCK_RETRY_MS = 200;
const LOCK_RETRIES = 150;

/**
 * Another instance starting at the same moment: knex refuses at once when the lock is
 * held ("Migration table is already locked"), and the first run of two may race to
 * create the migrations table itself. Both clear up once the other instance finishes.
 */
function isConcurrentMigration(error: unknown): boolean {
  const { name, message, code } = (error ?? {}) as { name?: unknown; message?: unknown; code?: unknown };
  return name === 'MigrationLocked' || code === 'ER_TABLE_EXISTS_ERROR' || (typeof message === 'string' && /already (locked|exists)/.test(message));
}

/**
 * knex creates its lock table and inserts the single lock row only when it finds the table
 * empty, so two instances migrating a fresh database at once can both insert one. With two
 * rows every later lock attempt updates two and fails "already locked" forever (seen about
 * once in 20 concurrent starts on MariaDB). The plugin therefore inserts the lock row itself
 * under a fixed key, and removes any extra row an earlier race left behind.
 */
async function ensureSingleLockRow(knex: Knex, prefix: string): Promise<void> {
  const lockTable = `${tableNames(prefix).migrations}_lock`;
  if (!(await knex.schema.hasTable(lockTable))) {
    // The same shape knex itself would create.
    await knex.schema.createTable(lockTable, (table) => {
      table.increments('index').primary();
      table.integer('is_locked');
    });
  }
  await knex(lockTable).insert({ index: 1, is_locked: 0 }).onConflict('index').ignore();
  await knex(lockTable).where('index', '>', 1).delete();
}

/** Brings the plugin's tables up to date. Safe to call from several instances at once: a loser waits for the winner. */
export async function migrateLatest(knex: Knex, prefix: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await ensureSingleLockRow(knex, prefix);
      await knex.migrate.latest(config(prefix));
      return;
    } catch (error) {
      if (!isConcurrentMigration(error) || attempt >= LOCK_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
  }
}

/** Drops the plugin's tables (tests and uninstalls). */
export async function migrateRollbackAll(knex: Knex, prefix: string): Promise<void> {
  await knex.migrate.rollback(config(prefix), true);
}
