import type { Knex } from 'knex';

/**
 * The demo DAM's own tables. Prefixed `dam_` so they never meet the plugin's `sc_` tables,
 * and run by their own migrations table (`dam_migrations`).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('dam_users', (table) => {
    table.comment('People who may sign in to the demo DAM.');
    table.increments('id').comment('Surrogate key; the DamHost user id is its decimal string.');
    table.string('username', 64).notNullable().unique().comment('Sign-in name, unique.');
    table.string('display_name', 200).notNullable().comment('Name shown in the header and to the plugin.');
    table.string('role', 20).notNullable().comment('administrator, editor, viewer or guest.');
    table.string('password_hash', 100).notNullable().comment('bcrypt hash of the password.');
  });

  await knex.schema.createTable('dam_assets', (table) => {
    table.comment('The catalog: one row per original file.');
    table.increments('id').comment('Surrogate key; the DamHost asset id is its decimal string.');
    table.string('filename', 255).notNullable().comment('The file name users see; any Unicode, not unique.');
    table
      .string('search_name', 255)
      .notNullable()
      .index()
      .comment('filename lower-cased by the app: SQLite folds only ASCII in LOWER() and LIKE.');
    table.string('mime', 100).notNullable().comment('MIME type of the original.');
    table.bigInteger('size').notNullable().comment('Size of the original in bytes.');
    table.integer('width').nullable().comment('Pixel width of the original, null when unknown.');
    table.integer('height').nullable().comment('Pixel height of the original, null when unknown.');
    table
      .string('relative_path', 255)
      .notNullable()
      .unique()
      .comment('Where the original lives below the data directory; a safe name, never the user-facing one.');
    table.datetime('created_at', { precision: 3 }).notNullable().comment('When the asset entered the catalog (UTC).');
    table.datetime('modified_at', { precision: 3 }).notNullable().index().comment('Last change of the original (UTC).');
  });

  await knex.schema.createTable('dam_tags', (table) => {
    table.comment('Tag values, grouped the way the Edit Tags panel shows them.');
    table.increments('id').comment('Surrogate key.');
    table.string('tag_group', 32).notNullable().comment('keywords or categories.');
    table.string('name', 100).notNullable().comment('The tag as users see it.');
    table.unique(['tag_group', 'name']);
  });

  await knex.schema.createTable('dam_asset_tags', (table) => {
    table.comment('Which tags each asset carries.');
    table
      .integer('asset_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('dam_assets')
      .onDelete('CASCADE')
      .comment('The tagged asset.');
    table
      .integer('tag_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('dam_tags')
      .onDelete('CASCADE')
      .index()
      .comment('The tag it carries.');
    table.primary(['asset_id', 'tag_id']);
  });

  await knex.schema.createTable('dam_settings', (table) => {
    table.comment('Host-wide values every server instance must share, such as the session signing key.');
    table.string('name', 64).primary().comment('Setting name.');
    table.text('value').notNullable().comment('Setting value.');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('dam_settings');
  await knex.schema.dropTable('dam_asset_tags');
  await knex.schema.dropTable('dam_tags');
  await knex.schema.dropTable('dam_assets');
  await knex.schema.dropTable('dam_users');
}
