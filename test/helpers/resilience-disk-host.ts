/**
 * A small DamHost whose originals and thumbnails are real files in a temp directory, so the
 * plugin holds real file handles, and a test can break it the ways a real DAM breaks: a file
 * deleted behind the catalog's back (`unlinkOriginal`), an asset removed from the catalog
 * (`catalog.delete`), a rendition service that fails (`failingRenditions`). `openStreams`
 * counts the files the plugin opened and has not closed yet.
 *
 * @example
 * const host = createDiskDamHost(dir);
 * host.addFile('a1', 'beach.jpg', randomBytes(1024));
 */
import { mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { AssetMetadata, AssetStream, DamHost } from '../../server-plugin/dam-host.js';
import { parseTestUser } from './fake-dam-host.js';

export interface DiskDamHost extends DamHost {
  catalog: Map<string, AssetMetadata>;
  /** Ids whose renditions the host fails to open (the promise rejects). */
  failingRenditions: Set<string>;
  /** Files opened for the plugin and not closed yet. */
  readonly openStreams: number;
  addFile(id: string, name: string, contents: Buffer): void;
  unlinkOriginal(id: string): void;
  /** Removes the directory. */
  destroy(): void;
}

export function createDiskDamHost(dir: string): DiskDamHost {
  mkdirSync(dir, { recursive: true });
  const catalog = new Map<string, AssetMetadata>();
  const failingRenditions = new Set<string>();
  let openStreams = 0;
  const originalPath = (id: string) => path.join(dir, `${id}.original`);
  const thumbnailPath = (id: string) => path.join(dir, `${id}.thumbnail.jpg`);

  // Rejects as a real host does when the catalog knows the file but the disk does not (ENOENT).
  async function openFile(file: string, mime: string, range?: { start: number; end: number }): Promise<AssetStream> {
    const handle = await open(file, 'r');
    const { size } = await handle.stat().catch(async (error: unknown) => {
      await handle.close();
      throw error;
    });
    const stream = handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    openStreams++;
    stream.once('close', () => openStreams--);
    return { stream, size, mime };
  }

  return {
    catalog,
    failingRenditions,
    get openStreams() {
      return openStreams;
    },
    addFile(id, name, contents) {
      writeFileSync(originalPath(id), contents);
      writeFileSync(thumbnailPath(id), contents.subarray(0, 256));
      catalog.set(id, { id, name, mime: 'image/jpeg', size: contents.length, width: 800, height: 600, modifiedAt: new Date(Date.UTC(2026, 0, 2)) });
    },
    unlinkOriginal(id) {
      unlinkSync(originalPath(id));
    },
    destroy() {
      rmSync(dir, { recursive: true, force: true });
    },
    currentUser: async (ctx) => parseTestUser(ctx),
    readableAssetIds: async (_user, ids) => new Set(ids.filter((id) => catalog.has(id))),
    assetMetadata: async (ids) => new Map(ids.flatMap((id) => (catalog.has(id) ? [[id, catalog.get(id)!] as const] : []))),
    async openOriginal(id, range) {
      return catalog.has(id) ? openFile(originalPath(id), 'application/octet-stream', range) : null;
    },
    async openRendition(id) {
      if (!catalog.has(id)) return null;
      if (failingRenditions.has(id)) throw new Error(`rendition service failed for ${id}`);
      return openFile(thumbnailPath(id), 'image/jpeg');
    },
  };
}
