/**
 * A stored asset count per collection. Reading a collection (the public gate does it on
 * every page view) counted its rows each time, so a 10,000-asset gallery served about half
 * the pages a 100-asset one did on MariaDB (issue 5, budget 4). The store keeps the count
 * exact inside the transactions that add and remove assets.
 * knex does not escape quotes in comments: keep apostrophes out of them.
 */
import type { Knex } from 'knex';
import { tableNames } from '../table-names.js';

export async function up(knex: Knex, prefix: string): Promise<void> {
  const t = tableNames(prefix);
  await knex.schema.alterTable(t.collections, (table) => {
    table.integer('asset_count').notNullable().defaultTo(0).comment('Rows the collection holds in collection_assets, kept by the store');
  });
  await knex(t.collections).update({
    asset_count: knex.raw('(select count(*) from ?? where ?? = ??)', [t.collectionAssets, 'collection_id', `${t.collections}.id`]),
  });
}

export async function down(knex: Knex, prefix: string): Promise<void> {
  await knex.schema.alterTable(tableNames(prefix).collections, (table) => {
    table.dropColumn('asset_count');
  });
}
