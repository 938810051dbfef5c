import type { Knex } from 'knex';
import * as hostTables from './migrations/20261127000000_host_tables.js';
import * as sessions from './migrations/20261202000000_sessions.js';

/** The host's own migrations table, so it never meets the plugin's. */
export const HOST_MIGRATIONS_TABLE = 'dam_migrations';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** In order. Imported, not read from a directory: Node 20 cannot load `.ts` files knex finds on disk. */
const MIGRATIONS: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['20261127000000_host_tables', hostTables],
  ['20261202000000_sessions', sessions],
];

const migrationSource: Knex.MigrationSource<readonly [string, Migration]> = {
  async getMigrations() {
    return [...MIGRATIONS];
  },
  getMigrationName([name]) {
    return name;
  },
  async getMigration([, migration]) {
    return migration;
  },
};

/** Brings the demo DAM's tables up to date; safe to call on every start. */
export async function migrateHost(knex: Knex): Promise<void> {
  await knex.migrate.latest({ migrationSource, tableName: HOST_MIGRATIONS_TABLE });
}

/** Drops the demo DAM's tables again (tests prove `down` works on both engines). */
export async function rollbackHost(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ migrationSource, tableName: HOST_MIGRATIONS_TABLE }, true);
}
