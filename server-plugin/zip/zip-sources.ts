/**
 * Turns catalog assets into ZIP sources, laid out from the catalog's sizes so the first
 * byte leaves at once: no file is opened before the stream reaches it, and each is opened
 * once. A file that is not what the catalog says (gone, unreadable, another size) fails the
 * stream when its turn comes, through `SourceChangedError`, and the download route cuts the
 * response; `OriginalFacts` remembers why, so the client's retry gets a whole archive (see
 * original-facts.ts).
 */
import { Readable } from 'node:stream';
import type { AssetMetadata, ByteRange, DamHost, OriginalOpener } from '../dam-host.js';
import type { ZipSource } from './archive-bytes.js';
import { sanitizeEntryName } from './entry-names.js';
import type { OriginalFact, OriginalFacts } from './original-facts.js';

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

/** An original was not what the archive's layout promised; `fact` is what opening it found. */
export class SourceChangedError extends Error {
  override readonly name = 'SourceChangedError';

  constructor(
    readonly asset: AssetMetadata,
    readonly fact: OriginalFact,
  ) {
    super(`asset ${asset.id} changed or vanished while its ZIP was streaming (${typeof fact === 'number' ? `now ${fact} bytes, not ${asset.size}` : fact})`);
  }
}

const REASONS: Record<UnavailableAsset['reason'], string> = {
  missing: 'no longer in the catalog',
  unreadable: 'could not be read',
};

/**
 * Builds the sources: one batched lookup when the host offers `originalOpeners`, else
 * `openOriginal` per file as the stream reaches it. Files `facts` knows to be missing or
 * unreadable are left out and listed; files it knows to be of another size get that size.
 *
 * @example
 * const { sources } = await collectZipSources(host, assets, facts);
 * const archive = createZipArchive(sources, { crcCache });
 */
export async function collectZipSources(
  host: Pick<DamHost, 'openOriginal' | 'originalOpeners'>,
  assets: readonly AssetMetadata[],
  facts?: Pick<OriginalFacts, 'find'>,
): Promise<CollectedZipSources> {
  const sources: ZipSource[] = [];
  const unavailable: UnavailableAsset[] = [];
  const openers = await findOpeners(host, assets);
  for (const asset of assets) {
    const fact = facts?.find(asset);
    const opener = openers ? openers.get(asset.id) : (range?: ByteRange) => host.openOriginal(asset.id, range);
    if (fact === 'missing' || fact === 'unreadable') unavailable.push({ asset, reason: fact });
    else if (!opener) unavailable.push({ asset, reason: 'missing' });
    else sources.push(originalSource(asset, fact ?? asset.size, opener));
  }
  if (unavailable.length > 0) sources.push(unavailableList(unavailable, assets));
  return { sources, unavailable };
}

async function findOpeners(host: Pick<DamHost, 'originalOpeners'>, assets: readonly AssetMetadata[]): Promise<Map<string, OriginalOpener> | undefined> {
  if (!host.originalOpeners || assets.length === 0) return undefined;
  return host.originalOpeners(assets.map((asset) => asset.id));
}

function originalSource(asset: AssetMetadata, size: number, opener: OriginalOpener): ZipSource {
  return {
    name: asset.name,
    size,
    modifiedAt: asset.modifiedAt,
    cacheKey: `${asset.id}:${size}:${asset.modifiedAt.getTime()}`,
    async open(range) {
      const opened = await opener(range).catch(() => 'unreadable' as const);
      if (opened === 'unreadable' || opened === null) throw new SourceChangedError(asset, opened ?? 'missing');
      if (opened.size === size) return opened.stream;
      opened.stream.destroy();
      // The archive's layout already promised `size` bytes; better fail than send wrong ones.
      throw new SourceChangedError(asset, opened.size);
    },
  };
}

/** Dated like the newest asset asked for, so the same request always yields the same bytes. */
function unavailableList(unavailable: UnavailableAsset[], assets: readonly AssetMetadata[]): ZipSource {
  const lines = unavailable.map(({ asset, reason }) => `${sanitizeEntryName(asset.name)} (${REASONS[reason]})`);
  const text = Buffer.from(['These files could not be read when the archive was made:', ...lines, ''].join('\n'));
  // A loop, not Math.max(...times): 100,000 arguments overflow the stack.
  const newest = assets.reduce((latest, asset) => Math.max(latest, asset.modifiedAt.getTime()), Date.UTC(1980, 0, 1));
  return {
    name: UNAVAILABLE_LIST_NAME,
    size: text.length,
    modifiedAt: new Date(newest),
    async open(range) {
      return Readable.from([text.subarray(range.start, range.end + 1)]);
    },
  };
}
