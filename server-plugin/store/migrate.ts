/**
 * Runs the plugin's migrations with its own migrations table, so it never collides
 * with the host's knex migrations. The modules are imported, not read from a
 * directory: knex cannot load `.ts` files from disk under vitest or plain Node 20.
 */
import type { Knex } from 'knex';
import * as init from './migrations/20261126000000_init.js';
import { tableNames } from './table-names.js';

interface PrefixedMigration {
  name: string;
  up(knex: Knex, prefix: string): Promise<void>;
  down(knex: Knex, prefix: string): Promise<void>;
}

/** In order; names are stored in the migrations table, so never rename one. */
const MIGRATIONS: readonly PrefixedMigration[] = [{ name: '20261126000000_init', ...init }];

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

/** Brings the plugin's tables up to date. Safe to call from several instances at once (knex locks). */
export async function migrateLatest(knex: Knex, prefix: string): Promise<void> {
  await knex.migrate.latest(config(prefix));
}

/** Drops the plugin's tables (tests and uninstalls). */
export async function migrateRollbackAll(knex: Knex, prefix: string): Promise<void> {
  await knex.migrate.rollback(config(prefix), true);
}
