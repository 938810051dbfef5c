/**
 * Turns catalog assets into ZIP sources, laid out from the catalog's sizes so the first
 * byte leaves at once: no file is opened before the stream reaches it, and each is opened
 * once. A file that is not what the catalog says (gone, unreadable, another size) fails the
 * stream when its turn comes, through `SourceChangedError`, and the download route cuts the
 * response; `OriginalFacts` remembers why, so the client's retry gets a whole archive (see
 * original-facts.ts).
 */
import { Readable } from 'node:stream';
import type { AssetMetadata, ByteRange, DamHost, OpenableAsset, OriginalOpener } from '../dam-host.js';
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

/** What `collectZipSources` asks of the host: metadata and originals, in one lookup when it can. */
export type ZipHost = Pick<DamHost, 'assetMetadata' | 'openOriginal' | 'originalOpeners' | 'openableAssets'>;

/**
 * Looks `assetIds` up and builds the sources, in the order of the ids: one lookup when the host
 * offers `openableAssets`; else `assetMetadata`, then `originalOpeners` when it has it, or
 * `openOriginal` per file as the stream reaches it. Assets no longer in the catalog are
 * skipped (they left the gallery too). Files `facts` knows to be missing or unreadable are left
 * out and listed; files it knows to be of another size get that size.
 *
 * @example
 * const { sources } = await collectZipSources(host, assetIds, facts);
 * const archive = createZipArchive(sources, { crcCache });
 */
export async function collectZipSources(host: ZipHost, assetIds: readonly string[], facts?: Pick<OriginalFacts, 'find'>): Promise<CollectedZipSources> {
  const found = await findOriginals(host, assetIds);
  const sources: ZipSource[] = [];
  const unavailable: UnavailableAsset[] = [];
  const assets: AssetMetadata[] = [];
  for (const id of assetIds) {
    const asset = found.metadata.get(id);
    if (!asset) continue;
    assets.push(asset);
    const fact = facts?.find(asset);
    const opener = found.openerOf(asset);
    if (fact === 'missing' || fact === 'unreadable') unavailable.push({ asset, reason: fact });
    else if (!opener) unavailable.push({ asset, reason: 'missing' });
    else sources.push(new OriginalSource(asset, fact ?? asset.size, opener));
  }
  if (unavailable.length > 0) sources.push(unavailableList(unavailable, assets));
  return { sources, unavailable };
}

interface FoundOriginals {
  metadata: ReadonlyMap<string, AssetMetadata>;
  /** How to open a found asset's original; undefined when the host already knows it is gone. */
  openerOf(asset: AssetMetadata): OriginalOpener | undefined;
}

async function findOriginals(host: ZipHost, assetIds: readonly string[]): Promise<FoundOriginals> {
  if (host.openableAssets) {
    const openable = assetIds.length > 0 ? await host.openableAssets(assetIds) : new Map<string, OpenableAsset>();
    return { metadata: openable, openerOf: (asset) => openable.get(asset.id)?.open };
  }
  const metadata = assetIds.length > 0 ? await host.assetMetadata(assetIds) : new Map<string, AssetMetadata>();
  if (host.originalOpeners && metadata.size > 0) {
    const openers = await host.originalOpeners([...metadata.keys()]);
    return { metadata, openerOf: (asset) => openers.get(asset.id) };
  }
  return { metadata, openerOf: (asset) => (range) => host.openOriginal(asset.id, range) };
}

/** One original in the archive; a class, so 100,000 of them share one `open`. */
class OriginalSource implements ZipSource {
  readonly name: string;
  readonly modifiedAt: Date;
  readonly cacheKey: string;

  constructor(
    readonly asset: AssetMetadata,
    readonly size: number,
    private readonly opener: OriginalOpener,
  ) {
    this.name = asset.name;
    this.modifiedAt = asset.modifiedAt;
    this.cacheKey = `${asset.id}:${size}:${asset.modifiedAt.getTime()}`;
  }

  async open(range: ByteRange): Promise<Readable> {
    const opened = await this.opener(range).catch(() => 'unreadable' as const);
    if (opened === 'unreadable' || opened === null) throw new SourceChangedError(this.asset, opened ?? 'missing');
    if (opened.size === this.size) return opened.stream;
    opened.stream.destroy();
    // The archive's layout already promised `size` bytes; better fail than send wrong ones.
    throw new SourceChangedError(this.asset, opened.size);
  }
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
