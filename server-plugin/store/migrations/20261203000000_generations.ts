/**
 * Generation counters shared by every server instance. The store bumps the `memberships` row
 * inside each transaction that changes what `GET /memberships` answers, and an instance keeps
 * its memberships cache only while the row still reads the generation it was filled at
 * (membership-cache.ts).
 * knex does not escape quotes in comments: keep apostrophes out of them.
 */
import type { Knex } from 'knex';
import { tableNames } from '../table-names.js';

export const MEMBERSHIPS_GENERATION = 'memberships';

export async function up(knex: Knex, prefix: string): Promise<void> {
  const t = tableNames(prefix);
  await knex.schema.createTable(t.generations, (table) => {
    table.comment('Counters bumped by writes, so every instance can tell whether what it cached is current');
    table.string('name', 32).primary().comment('What the counter covers, e.g. memberships');
    table.bigInteger('value').notNullable().comment('Bumped by every committed change to what it covers');
  });
  await knex(t.generations).insert({ name: MEMBERSHIPS_GENERATION, value: 1 });
}

export async function down(knex: Knex, prefix: string): Promise<void> {
  await knex.schema.dropTableIfExists(tableNames(prefix).generations);
}
