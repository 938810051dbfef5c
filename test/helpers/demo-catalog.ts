/**
 * Grows the demo's catalog with real files: `count` originals of `bytes` each (distinct
 * contents), written under `<dataDir>/<folder>/` and inserted as `dam_assets` rows in batches.
 * For ZIP tests and benchmarks that need many files the demo host really opens.
 *
 *   const ids = await addCatalogFiles(demo.knex, demo.dataDir, { folder: 'many', count: 500, bytes: 2048 });
 *   await rm(path.join(demo.dataDir, 'many'), { recursive: true });
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { chunk, INSERT_CHUNK } from '../../server-plugin/store/rows.js';

export async function addCatalogFiles(
  knex: Knex,
  dataDir: string,
  { folder, count, bytes }: { folder: string; count: number; bytes: number },
): Promise<string[]> {
  await mkdir(path.join(dataDir, folder), { recursive: true });
  const now = new Date();
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const filename = `${folder}-${String(i + 1).padStart(6, '0')}.jpg`;
    const relativePath = `${folder}/${filename}`;
    const contents = Buffer.alloc(bytes, i % 251);
    contents.writeUInt32BE(i, 0);
    await writeFile(path.join(dataDir, relativePath), contents);
    rows.push({
      filename, search_name: filename, mime: 'image/jpeg', size: bytes, width: null, height: null,
      relative_path: relativePath, created_at: now, modified_at: now,
    });
  }
  await knex.transaction(async (trx) => {
    for (const batch of chunk(rows, INSERT_CHUNK)) await trx('dam_assets').insert(batch);
  });
  const ids = await knex('dam_assets').where('relative_path', 'like', `${folder}/%`).orderBy('id').pluck('id');
  return ids.map(String);
}
