import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { AssetStream, RenditionKind } from 'koa-shared-collections';
import type { Asset } from './asset-store.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** The box each rendition fits inside, aspect ratio kept, never enlarged. */
export const RENDITION_BOX: Readonly<Record<RenditionKind, number>> = { thumbnail: 320, preview: 1600 };

export interface RenditionCache {
  /** The rendition as a JPEG stream, made on first request and served from disk afterwards. */
  open(asset: Asset, kind: RenditionKind): Promise<AssetStream>;
}

/**
 * Renditions under `<dataDir>/renditions/<kind>/`, named after the original's stored file.
 * They carry no metadata at all (no EXIF, no GPS): sharp drops it unless asked to keep it,
 * and we never ask. Concurrent first requests share one rendering in this process; across
 * processes each writes a temporary file and renames it, so the cache is never half-written.
 */
export function createRenditionCache(dataDir: string): RenditionCache {
  const inFlight = new Map<string, Promise<void>>();

  async function ensure(asset: Asset, kind: RenditionKind, target: string): Promise<void> {
    if (await exists(target)) return;
    let pending = inFlight.get(target);
    if (!pending) {
      pending = render(path.join(dataDir, renditionSource(asset)), kind, target).finally(() => inFlight.delete(target));
      inFlight.set(target, pending);
    }
    await pending;
  }

  return {
    async open(asset, kind) {
      const stem = path.basename(asset.relativePath, path.extname(asset.relativePath));
      const target = path.join(dataDir, 'renditions', kind, `${stem}.jpg`);
      await ensure(asset, kind, target);
      const { size } = await stat(target);
      return { stream: createReadStream(target), size, mime: 'image/jpeg' };
    },
  };
}

/**
 * What a rendition is made from: a picture itself; for a video or a PDF, the poster frame or
 * page image stored beside it (`<file>.poster.jpg`), as a DAM's media pipeline would leave it.
 */
export function renditionSource(asset: Pick<Asset, 'relativePath' | 'mime'>): string {
  return asset.mime.startsWith('image/') ? asset.relativePath : `${asset.relativePath}.poster.jpg`;
}

/** Whether the demo has a picture of files of this type: images, and the videos and PDFs it keeps posters of. */
export function hasPicture(mime: string): boolean {
  return mime.startsWith('image/') || mime.startsWith('video/') || mime === 'application/pdf';
}

async function render(original: string, kind: RenditionKind, target: string): Promise<void> {
  const box = RENDITION_BOX[kind];
  const bytes = await sharp(original)
    .autoOrient()
    .resize(box, box, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: kind === 'thumbnail' ? 78 : 85 })
    .toBuffer();
  await mkdir(path.dirname(target), { recursive: true });
  await writeFileAtomic(target, bytes);
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).size > 0;
  } catch {
    return false;
  }
}
