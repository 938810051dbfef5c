import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOST_MIGRATIONS_TABLE, migrateHost, rollbackHost } from '../../demo/migrate-host.js';
import { TEST_ENGINES, type TestDatabase, createTestDatabase } from '../helpers/databases.js';

const HOST_TABLES = ['dam_users', 'dam_assets', 'dam_tags', 'dam_asset_tags', 'dam_settings', 'dam_sessions'];

describe.each(TEST_ENGINES)('demo host migrations on %s', (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase(engine);
  });
  afterEach(() => db.destroy());

  it('creates the host tables in their own migrations table, runs twice harmlessly, and rolls back', async () => {
    await migrateHost(db.knex);
    await migrateHost(db.knex);
    for (const table of [...HOST_TABLES, HOST_MIGRATIONS_TABLE]) expect(await db.knex.schema.hasTable(table), table).toBe(true);
    expect(await db.knex(HOST_MIGRATIONS_TABLE).count({ n: '*' })).toEqual([{ n: 2 }]);
    expect(await db.knex.schema.hasTable('knex_migrations')).toBe(false);
    for (const column of ['id', 'filename', 'search_name', 'mime', 'size', 'width', 'height', 'relative_path', 'created_at', 'modified_at']) {
      expect(await db.knex.schema.hasColumn('dam_assets', column), column).toBe(true);
    }

    // SQLite keeps no comments; MariaDB shows them, so check them there.
    if (engine === 'mysql') await expectEveryTableAndColumnCommented(db);

    await rollbackHost(db.knex);
    for (const table of HOST_TABLES) expect(await db.knex.schema.hasTable(table), table).toBe(false);
  });

  it('keeps times as UTC instants with milliseconds and refuses duplicate user names and asset paths', async () => {
    await migrateHost(db.knex);
    const at = new Date('2024-03-31T01:30:00.123Z');
    const asset = { filename: 'x.jpg', search_name: 'x.jpg', mime: 'image/jpeg', size: 5_000_000_000, relative_path: 'originals/x.jpg', created_at: at, modified_at: at };
    await db.knex('dam_assets').insert(asset);
    const row = await db.knex('dam_assets').first();
    expect(new Date(row.modified_at).getTime()).toBe(at.getTime());
    expect(Number(row.size)).toBe(5_000_000_000);
    await expect(db.knex('dam_assets').insert(asset)).rejects.toThrow();
    const user = { username: 'a', display_name: 'A', role: 'editor', password_hash: 'x' };
    await db.knex('dam_users').insert(user);
    await expect(db.knex('dam_users').insert(user)).rejects.toThrow();
  });

  it('deletes tag links with their asset', async () => {
    await migrateHost(db.knex);
    const at = new Date();
    const [assetId] = await db.knex('dam_assets').insert({ filename: 'x', search_name: 'x', mime: 'image/png', size: 1, relative_path: 'x', created_at: at, modified_at: at });
    const [tagId] = await db.knex('dam_tags').insert({ tag_group: 'keywords', name: 'sky' });
    await db.knex('dam_asset_tags').insert({ asset_id: assetId, tag_id: tagId });
    await db.knex('dam_assets').where({ id: assetId }).delete();
    expect(await db.knex('dam_asset_tags').count({ n: '*' })).toEqual([{ n: 0 }]);
  });
});

async function expectEveryTableAndColumnCommented(db: TestDatabase): Promise<void> {
  const database = (await db.knex.raw('SELECT DATABASE() AS db'))[0][0].db as string;
  const [tables] = await db.knex.raw(
    `SELECT table_name AS t, table_comment AS c FROM information_schema.tables WHERE table_schema = ? AND table_name IN (${HOST_TABLES.map(() => '?').join(', ')})`,
    [database, ...HOST_TABLES],
  );
  const [columns] = await db.knex.raw(
    `SELECT table_name AS t, column_name AS col, column_comment AS c FROM information_schema.columns WHERE table_schema = ? AND table_name IN (${HOST_TABLES.map(() => '?').join(', ')})`,
    [database, ...HOST_TABLES],
  );
  expect((tables as unknown[]).length).toBe(HOST_TABLES.length);
  for (const table of tables as Array<{ t: string; c: string }>) expect(table.c, table.t).not.toBe('');
  expect((columns as unknown[]).length).toBeGreaterThan(15);
  for (const column of columns as Array<{ t: string; col: string; c: string }>) expect(column.c, `${column.t}.${column.col}`).not.toBe('');
}
