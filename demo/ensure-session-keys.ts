import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

const SETTING = 'session_key';

/**
 * The key that signs host session cookies, created once and kept in the database, so
 * sessions survive restarts and every instance on the same database accepts them.
 */
export async function ensureSessionKeys(knex: Knex): Promise<string[]> {
  const existing = await knex('dam_settings').where({ name: SETTING }).first('value');
  if (existing) return [String(existing.value)];
  await knex('dam_settings')
    .insert({ name: SETTING, value: randomBytes(32).toString('base64url') })
    .onConflict('name')
    .ignore();
  // Read back: when two instances start at once, the row that won is the key for both.
  const stored = await knex('dam_settings').where({ name: SETTING }).first('value');
  return [String(stored.value)];
}
