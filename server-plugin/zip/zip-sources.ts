/**
 * Turns catalog assets into ZIP sources. Each original is opened once before the archive is
 * laid out, because the layout (and so `Content-Length`) needs the real sizes, and a file
 * that has vanished or cannot be read must be left out up front rather than break the
 * archive halfway through the download.
 */
import { Readable } from 'node:stream';
import type { AssetMetadata, DamHost } from '../dam-host.js';
import type { ZipSource } from './archive-bytes.js';
import { sanitizeEntryName, uniqueEntryNames } from './entry-names.js';

/** The text entry listing the files that were left out. */
export const UNAVAILABLE_LIST_NAME = '_unavailable-files.txt';

export interface UnavailableAsset {
  asset: AssetMetadata;
  reason: 'missing' | 'unreadable';
}

export interface CollectedZipSources {
  /** In the order of `assets`, followed by the unavailable-files list when there is one. */
  sources: ZipSource[];
  unavailable: UnavailableAsset[];
}

export interface CollectZipSourcesOptions {
  /** How many originals are probed at once; default 16. */
  concurrency?: number;
}

const REASONS: Record<UnavailableAsset['reason'], string> = {
  missing: 'no longer in the catalog',
  unreadable: 'could not be read',
};

/**
 * Probes every original (its first byte, closed at once) for its real size, and builds the
 * sources with safe, unique names.
 *
 * @example
 * const { sources } = await collectZipSources(host, [...metadata.values()]);
 * const archive = createZipArchive(sources, { crcCache });
 */
export async function collectZipSources(
  host: Pick<DamHost, 'openOriginal'>,
  assets: readonly AssetMetadata[],
  { concurrency = 16 }: CollectZipSourcesOptions = {},
): Promise<CollectedZipSources> {
  const sizes = await mapWithConcurrency(assets, concurrency, (asset) => probeSize(host, asset));
  const available = assets.flatMap((asset, i) => {
    const size = sizes[i];
    return typeof size === 'number' ? [{ asset, size }] : [];
  });
  const unavailable = assets.flatMap((asset, i) => {
    const size = sizes[i];
    return typeof size === 'string' ? [{ asset, reason: size }] : [];
  });
  const names = uniqueEntryNames([
    ...available.map(({ asset }) => asset.name),
    ...(unavailable.length > 0 ? [UNAVAILABLE_LIST_NAME] : []),
  ]);
  const sources = available.map(({ asset, size }, i) => originalSource(host, asset, size, names[i]!));
  if (unavailable.length > 0) sources.push(unavailableList(unavailable, assets, names.at(-1)!));
  return { sources, unavailable };
}

async function probeSize(host: Pick<DamHost, 'openOriginal'>, asset: AssetMetadata): Promise<number | UnavailableAsset['reason']> {
  try {
    const opened = await host.openOriginal(asset.id, { start: 0, end: 0 });
    if (!opened) return 'missing';
    opened.stream.destroy();
    return opened.size;
  } catch {
    return 'unreadable';
  }
}

function originalSource(host: Pick<DamHost, 'openOriginal'>, asset: AssetMetadata, size: number, name: string): ZipSource {
  return {
    name,
    size,
    modifiedAt: asset.modifiedAt,
    cacheKey: `${asset.id}:${size}:${asset.modifiedAt.getTime()}`,
    async open(range) {
      const opened = await host.openOriginal(asset.id, range);
      if (opened && opened.size === size) return opened.stream;
      opened?.stream.destroy();
      // The archive's layout already promised this many bytes; better fail than send wrong ones.
      throw new Error(`asset ${asset.id} changed or vanished while its ZIP was streaming`);
    },
  };
}

/** Dated like the newest asset asked for, so the same request always yields the same bytes. */
function unavailableList(unavailable: UnavailableAsset[], assets: readonly AssetMetadata[], name: string): ZipSource {
  const lines = unavailable.map(({ asset, reason }) => `${sanitizeEntryName(asset.name)} (${REASONS[reason]})`);
  const text = Buffer.from(['These files could not be read when the archive was made:', ...lines, ''].join('\n'));
  const newest = Math.max(Date.UTC(1980, 0, 1), ...assets.map((asset) => asset.modifiedAt.getTime()));
  return {
    name,
    size: text.length,
    modifiedAt: new Date(newest),
    async open(range) {
      return Readable.from([text.subarray(range.start, range.end + 1)]);
    },
  };
}

/** Like `Promise.all(items.map(fn))`, with at most `limit` calls running at once. */
async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
