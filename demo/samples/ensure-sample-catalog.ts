import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { createAssetStore } from '../asset-store.js';
import { EXTENSION_BY_FORMAT, MIME_BY_FORMAT } from '../mime.js';
import { createTagStore } from '../tag-store.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { renderSampleImage } from './render-sample-image.js';
import { type SampleSpec, sampleSpec } from './sample-spec.js';

export interface SampleCatalogResult {
  /** Image files written this time (0 when every original was already on disk). */
  rendered: number;
  /** Catalog rows added this time (0 when the database already had them). */
  inserted: number;
}

/** Renders at most this many at once: the demo shares small machines. */
const PARALLEL = 2;

/**
 * Makes sure the first `count` samples exist on disk under `<dataDir>/originals` and in the
 * catalog. Files are keyed by sample number, so a directory generated once (by an earlier
 * start, or another test database) is reused as it is; a second call renders and inserts nothing.
 */
export async function ensureSampleCatalog(options: {
  knex: Knex;
  dataDir: string;
  count: number;
}): Promise<SampleCatalogResult> {
  const { knex, dataDir, count } = options;
  const originalsDir = path.join(dataDir, 'originals');
  await mkdir(originalsDir, { recursive: true });
  const specs = Array.from({ length: count }, (_, index) => sampleSpec(index));

  let rendered = 0;
  const sizes = new Map<number, number>();
  let next = 0;
  async function worker(): Promise<void> {
    while (next < specs.length) {
      const spec = specs[next++]!;
      const file = path.join(originalsDir, fileNameOf(spec));
      let size = await sizeOf(file);
      if (size === undefined) {
        const bytes = await renderSampleImage(spec);
        await writeFileAtomic(file, bytes);
        size = bytes.length;
        rendered += 1;
      }
      sizes.set(spec.index, size);
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));

  // One transaction: one commit instead of hundreds, and never half a catalog.
  const inserted = await knex.transaction(async (trx) => insertMissing(trx, specs, sizes));
  return { rendered, inserted };
}

async function insertMissing(trx: Knex, specs: readonly SampleSpec[], sizes: ReadonlyMap<number, number>): Promise<number> {
  const assets = createAssetStore(trx);
  const tags = createTagStore(trx);
  let inserted = 0;
  const known = await assets.relativePaths();
  for (const spec of specs) {
    const relativePath = `originals/${fileNameOf(spec)}`;
    if (known.has(relativePath)) continue;
    const id = await assets.insert({
      filename: spec.filename,
      mime: MIME_BY_FORMAT[spec.format],
      size: sizes.get(spec.index)!,
      width: spec.width,
      height: spec.height,
      relativePath,
      createdAt: spec.modifiedAt,
      modifiedAt: spec.modifiedAt,
    });
    for (const keyword of spec.keywords) await tags.add([id], 'keywords', keyword);
    for (const category of spec.categories) await tags.add([id], 'categories', category);
    inserted += 1;
  }
  return inserted;
}

function fileNameOf(spec: SampleSpec): string {
  return `${spec.key}.${EXTENSION_BY_FORMAT[spec.format]}`;
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    const info = await stat(file);
    return info.size > 0 ? info.size : undefined;
  } catch {
    return undefined;
  }
}
