/**
 * The demo catalog's files that are not pictures: a short WebM video (a committed fixture,
 * 62 KB, with its poster frame), a PDF written at first start with the preview image a DAM
 * would make of it, and a plain text file with no picture at all. Each poster or preview sits
 * beside its original as `<file>.poster.jpg`, where the rendition cache looks for it. No
 * network at run time; a second call writes and inserts nothing.
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { createAssetStore } from '../asset-store.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { PDF_PAGE, renderPdfPreview, renderSamplePdf } from './render-sample-pdf.js';

const FIXTURES = fileURLToPath(new URL('./media/', import.meta.url));
const PRICE_LIST = ['Price list 2027', 'Prints from 12 EUR (A4) to 60 EUR (A1)', 'Licences for web and print on request', 'Contact: studio@example.com'];
const README = 'Read me\n\nThe originals of this shoot are in the catalog; ask the studio for the RAW files.\n';
const MADE_AT = new Date(Date.UTC(2026, 0, 15, 9, 0, 0));

interface MediaSample {
  key: string;
  filename: string;
  mime: string;
  width: number | null;
  height: number | null;
  /** Writes the original (and its poster, when it has one) under `originals/`. */
  write(original: string): Promise<void>;
}

const SAMPLES: readonly MediaSample[] = [
  {
    key: 'media-0001.webm',
    filename: 'Test pattern.webm',
    mime: 'video/webm',
    width: 480,
    height: 270,
    async write(original) {
      await copyFile(path.join(FIXTURES, 'test-pattern.webm'), original);
      await copyFile(path.join(FIXTURES, 'test-pattern-poster.jpg'), `${original}.poster.jpg`);
    },
  },
  {
    key: 'media-0002.pdf',
    filename: 'Price list 2027.pdf',
    mime: 'application/pdf',
    width: PDF_PAGE.width,
    height: PDF_PAGE.height,
    async write(original) {
      await writeFileAtomic(original, renderSamplePdf(PRICE_LIST));
      await writeFileAtomic(`${original}.poster.jpg`, await renderPdfPreview(PRICE_LIST, 1190));
    },
  },
  {
    key: 'media-0003.txt',
    filename: 'Read me.txt',
    mime: 'text/plain',
    width: null,
    height: null,
    async write(original) {
      await writeFileAtomic(original, Buffer.from(README));
    },
  },
];

/** Writes the media samples that are missing on disk and catalogs those missing in the database; returns the rows added. */
export async function ensureSampleMedia(options: { knex: Knex; dataDir: string }): Promise<number> {
  const { knex, dataDir } = options;
  await mkdir(path.join(dataDir, 'originals'), { recursive: true });
  const sizes = new Map<string, number>();
  for (const sample of SAMPLES) {
    const original = path.join(dataDir, 'originals', sample.key);
    if (!(await exists(original))) await sample.write(original);
    sizes.set(sample.key, (await stat(original)).size);
  }
  return knex.transaction(async (trx) => {
    const assets = createAssetStore(trx);
    const known = await assets.relativePaths();
    let inserted = 0;
    for (const sample of SAMPLES) {
      const relativePath = `originals/${sample.key}`;
      if (known.has(relativePath)) continue;
      const { filename, mime, width, height } = sample;
      await assets.insert({ filename, mime, size: sizes.get(sample.key)!, width, height, relativePath, createdAt: MADE_AT, modifiedAt: MADE_AT });
      inserted += 1;
    }
    return inserted;
  });
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).size > 0;
  } catch {
    return false;
  }
}
