import type { Knex } from 'knex';

/**
 * Sign-in sessions stored server-side: the cookie holds only a random id, so signing out ends
 * the session for good, even for a copy of the cookie taken before.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('dam_sessions', (table) => {
    table.comment('Signed-in sessions of the demo DAM (koa-session external store).');
    // Binary on MariaDB, which compares strings case-insensitively by default: ids are case-sensitive.
    table.string('id', 128).primary().collate('utf8mb4_bin').comment('The random session id the signed cookie carries.');
    table.text('data').notNullable().comment('The session as JSON (the signed-in user id).');
    table.bigInteger('expires_at').notNullable().index().comment('UTC epoch milliseconds after which it is no longer honoured.');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('dam_sessions');
}
