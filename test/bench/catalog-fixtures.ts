/**
 * Catalog entries for the benchmarks: rows that copy a sample's metadata (pages and the owner
 * API read metadata only), and real files for the ZIP benchmarks. The real files stay in the
 * demo's data directory under test-output/ between runs, so 1 GiB or 100,000 files are written
 * once; each run's fresh database gets their rows.
 *
 * @example
 * const { ids, paths } = await catalogFiles(host, SMALL_FILES);
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { chunk, INSERT_CHUNK } from '../../server-plugin/store/rows.js';
import { insertCatalogRows, relativePath, writeCatalogFiles, type CatalogFiles } from '../helpers/demo-catalog.js';
import { CACHED_DEMO_DATA_DIR } from '../helpers/demo-server.js';

/** 10,000 files of 20 KB (200 MB): the first byte of a many-file ZIP, and its throughput. */
export const SMALL_FILES: CatalogFiles = { folder: 'bench-10000-files', count: 10_000, bytes: 20_000 };
/** 1 GiB in 50 files: ZIP throughput when the bytes, not the files, are the work. */
export const LARGE_FILES: CatalogFiles = { folder: 'bench-50-files', count: 50, bytes: Math.floor(2 ** 30 / 50) };
/** A whole archive shared at once: 100,000 files of 1 KB. */
export const ARCHIVE_FILES: CatalogFiles = { folder: 'bench-100000-files', count: 100_000, bytes: 1_000 };

/** Written last, so a run cut short while writing leaves no marker and the next one writes again. */
const MARKER = '.complete';

export interface CataloguedFiles {
  ids: string[];
  /** The files on disk, in the order of `ids`. */
  paths: string[];
}

/** Writes `files` unless an earlier run did, and adds their rows to the catalog of `knex`. */
export async function catalogFiles(knex: Knex, files: CatalogFiles): Promise<CataloguedFiles> {
  const marker = path.join(CACHED_DEMO_DATA_DIR, files.folder, MARKER);
  const written = await readFile(marker, 'utf8').catch(() => undefined);
  if (written !== JSON.stringify(files)) {
    await writeCatalogFiles(CACHED_DEMO_DATA_DIR, files);
    await writeFile(marker, JSON.stringify(files));
  }
  const ids = await insertCatalogRows(knex, files);
  const paths = ids.map((_, index) => path.join(CACHED_DEMO_DATA_DIR, relativePath(files.folder, index)));
  return { ids, paths };
}

/**
 * Adds rows until the catalog holds `total` assets; returns the first `total` ids. The extra
 * rows copy the first sample's metadata and name no file on disk.
 */
export async function seedAssets(knex: Knex, total: number): Promise<string[]> {
  const existing = Number((await knex('dam_assets').count({ n: '*' }))[0]!.n);
  const template = await knex('dam_assets').orderBy('id').first();
  const now = new Date();
  const rows = Array.from({ length: Math.max(0, total - existing) }, (_, index) => {
    const filename = `bench-${String(existing + index + 1).padStart(5, '0')}.jpg`;
    return {
      filename, search_name: filename, mime: template.mime, size: template.size, width: template.width, height: template.height,
      relative_path: `bench-missing/${filename}`, created_at: now, modified_at: now,
    };
  });
  await knex.transaction(async (trx) => {
    for (const batch of chunk(rows, INSERT_CHUNK)) await trx('dam_assets').insert(batch);
  });
  return (await knex('dam_assets').orderBy('id').limit(total).pluck('id')).map(String);
}
