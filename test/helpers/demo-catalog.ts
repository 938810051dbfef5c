/**
 * Grows the demo's catalog with real files: `count` originals of `bytes` each (distinct
 * contents), written under `<dataDir>/<folder>/` and inserted as `dam_assets` rows in batches.
 * For ZIP tests and benchmarks that need many files the demo host really opens.
 *
 *   const ids = await addCatalogFiles(demo.knex, demo.dataDir, { folder: 'many', count: 500, bytes: 2048 });
 *   await rm(path.join(demo.dataDir, 'many'), { recursive: true });
 *
 * The two halves are exported too, for files written once and catalogued in many databases
 * (the benchmarks keep 100,000 of them between runs).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { chunk, INSERT_CHUNK } from '../../server-plugin/store/rows.js';

export interface CatalogFiles {
  folder: string;
  count: number;
  bytes: number;
}

export async function addCatalogFiles(knex: Knex, dataDir: string, files: CatalogFiles): Promise<string[]> {
  await writeCatalogFiles(dataDir, files);
  return insertCatalogRows(knex, files);
}

/** Writes the files of `files` under `<dataDir>/<folder>/`. */
export async function writeCatalogFiles(dataDir: string, { folder, count, bytes }: CatalogFiles): Promise<void> {
  await mkdir(path.join(dataDir, folder), { recursive: true });
  for (let i = 0; i < count; i++) {
    const contents = Buffer.alloc(bytes, i % 251);
    contents.writeUInt32BE(i, 0);
    await writeFile(path.join(dataDir, relativePath(folder, i)), contents);
  }
}

/** Adds the catalog rows of files `writeCatalogFiles` wrote; returns their ids in file order. */
export async function insertCatalogRows(knex: Knex, { folder, count, bytes }: CatalogFiles): Promise<string[]> {
  const now = new Date();
  const rows = Array.from({ length: count }, (_, i) => {
    const filename = path.posix.basename(relativePath(folder, i));
    return {
      filename, search_name: filename, mime: 'image/jpeg', size: bytes, width: null, height: null,
      relative_path: relativePath(folder, i), created_at: now, modified_at: now,
    };
  });
  await knex.transaction(async (trx) => {
    for (const batch of chunk(rows, INSERT_CHUNK)) await trx('dam_assets').insert(batch);
  });
  const ids = await knex('dam_assets').where('relative_path', 'like', `${folder}/%`).orderBy('id').pluck('id');
  return ids.map(String);
}

/** Where `writeCatalogFiles` puts file `index` (from 0) of `folder`, below the data directory. */
export function relativePath(folder: string, index: number): string {
  return `${folder}/${folder}-${String(index + 1).padStart(6, '0')}.jpg`;
}
