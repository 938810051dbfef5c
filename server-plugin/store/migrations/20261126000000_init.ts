/**
 * The plugin's first schema. Every table name carries the host-chosen prefix.
 * Times are BIGINT epoch milliseconds (UTC): the one representation that keeps
 * millisecond precision identically on MySQL/MariaDB and SQLite.
 * Tokens, asset ids and throttle keys use a binary collation on MySQL because its
 * default collation compares case-insensitively (SQLite compares bytes already).
 * knex does not escape quotes in comments: keep apostrophes out of them.
 */
import type { Knex } from 'knex';
import { tableNames } from '../table-names.js';

const BINARY = 'utf8mb4_bin';

export async function up(knex: Knex, prefix: string): Promise<void> {
  const t = tableNames(prefix);

  await knex.schema.createTable(t.collections, (table) => {
    table.comment('Shared collections: one public link each, owned by a DAM user');
    table.increments('id').comment('Surrogate key used by the owner API');
    table.string('token', 32).notNullable().unique().collate(BINARY).comment('Public link secret, 32 url-safe chars, case-sensitive');
    table.string('title', 200).notNullable().comment('Shown as the public page heading');
    table.text('description').notNullable().comment('Optional text under the heading; empty when none');
    table.boolean('is_public').notNullable().comment('1: anyone with the link; 0: signed-in DAM users only');
    table.string('password_hash', 100).nullable().comment('bcrypt of the pre-hashed password; null when password-free');
    table.integer('password_version').notNullable().defaultTo(0).comment('Bumped on every password change; unlock cookies carry it');
    table.bigInteger('expires_at').nullable().comment('Epoch ms (UTC) after which the link answers 410; null: never');
    table.boolean('allow_download').notNullable().comment('1: originals and ZIPs may be downloaded');
    table.string('owner_id', 191).notNullable().index().comment('Host user id of the creator');
    table.string('owner_name', 255).notNullable().comment('Host user name of the creator, kept for listings');
    table.bigInteger('created_at').notNullable().index().comment('Epoch ms (UTC) of creation; listings sort by it');
    table.bigInteger('updated_at').notNullable().comment('Epoch ms (UTC) of the last edit, asset changes included');
    table.integer('revision').notNullable().defaultTo(1).comment('Optimistic concurrency: bumped by every edit');
  });

  await knex.schema.createTable(t.collectionAssets, (table) => {
    table.comment('The ordered assets of each collection; asset ids come from the host');
    table.integer('collection_id').unsigned().notNullable().references('id').inTable(t.collections).onDelete('CASCADE')
      .comment('The collection holding the asset');
    table.string('asset_id', 64).notNullable().collate(BINARY).comment('Host asset id, case-sensitive');
    table.integer('position').notNullable().comment('Order within the collection; unique, gaps allowed after removals');
    table.bigInteger('added_at').notNullable().comment('Epoch ms (UTC) when the asset was added');
    table.primary(['collection_id', 'asset_id']);
    table.unique(['collection_id', 'position']);
    table.index(['asset_id'], `${prefix}collection_assets_asset_id_index`);
  });

  await knex.schema.createTable(t.events, (table) => {
    table.comment('Access events of public links: the source of per-collection statistics');
    table.bigIncrements('id').comment('Surrogate key');
    table.integer('collection_id').unsigned().notNullable().references('id').inTable(t.collections).onDelete('CASCADE')
      .comment('The collection accessed');
    table.string('kind', 16).notNullable().comment('view, download, zip or unlock_failed');
    table.string('asset_id', 64).nullable().collate(BINARY).comment('The asset of a single download; null otherwise');
    table.bigInteger('at').notNullable().comment('Epoch ms (UTC) of the event');
    table.index(['collection_id', 'kind']);
  });

  await knex.schema.createTable(t.throttle, (table) => {
    table.comment('Failed-unlock and unknown-token counters, shared by every server instance');
    table.increments('id').comment('Surrogate key');
    table.string('key', 191).notNullable().unique().collate(BINARY).comment('What is limited, e.g. unlock:<address>:<collection id>');
    table.integer('failures').notNullable().comment('Failures since the last reset');
    table.bigInteger('last_failure_at').notNullable().index().comment('Epoch ms (UTC) of the latest failure; pruning uses it');
  });
}

export async function down(knex: Knex, prefix: string): Promise<void> {
  const t = tableNames(prefix);
  await knex.schema.dropTableIfExists(t.throttle);
  await knex.schema.dropTableIfExists(t.events);
  await knex.schema.dropTableIfExists(t.collectionAssets);
  await knex.schema.dropTableIfExists(t.collections);
}
