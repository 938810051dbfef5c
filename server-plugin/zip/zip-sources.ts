/**
 * Turns catalog assets into ZIP sources, laid out from the catalog's sizes so the first
 * byte leaves at once: no file is opened before the stream reaches it, and each is opened
 * once. A file that is not what the catalog says (gone, unreadable, another size) fails the
 * stream when its turn comes, through `SourceChangedError`, and the download route cuts the
 * response; `OriginalFacts` remembers why, so the client's retry gets a whole archive (see
 * original-facts.ts).
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { AssetMetadata, ByteRange, DamHost, OpenableAsset } from '../dam-host.js';
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
  let newest = Date.UTC(1980, 0, 1);
  for (const id of assetIds) {
    const asset = found.metadata.get(id);
    if (!asset) continue;
    newest = Math.max(newest, asset.modifiedAt.getTime());
    const fact = facts?.find(asset);
    const openable = found.openable.get(id);
    if (fact === 'missing' || fact === 'unreadable') unavailable.push({ asset, reason: fact });
    else if (!openable) unavailable.push({ asset, reason: 'missing' });
    else sources.push(new OriginalSource(openable, fact ?? asset.size));
  }
  if (unavailable.length > 0) sources.push(unavailableList(unavailable, new Date(newest)));
  return { sources, unavailable };
}

interface FoundOriginals {
  metadata: ReadonlyMap<string, AssetMetadata>;
  /** The found assets that can be opened: all but those the host already knows are gone. */
  openable: ReadonlyMap<string, OpenableAsset>;
}

async function findOriginals(host: ZipHost, assetIds: readonly string[]): Promise<FoundOriginals> {
  if (assetIds.length === 0) return { metadata: new Map(), openable: new Map() };
  if (host.openableAssets) {
    const openable = await host.openableAssets(assetIds);
    return { metadata: openable, openable };
  }
  const metadata = await host.assetMetadata(assetIds);
  const openable = new Map<string, OpenableAsset>();
  const openers = host.originalOpeners && metadata.size > 0 ? await host.originalOpeners([...metadata.keys()]) : undefined;
  for (const [id, asset] of metadata) {
    const open = openers ? openers.get(id) : (range?: ByteRange) => host.openOriginal(id, range);
    if (open) openable.set(id, { ...asset, open });
  }
  return { metadata, openable };
}

/**
 * One original in the archive; a class, so 100,000 of them share one `open` and make their
 * cache key only when it is asked for (for the ETag, then as the stream reaches the file).
 */
class OriginalSource implements ZipSource {
  constructor(
    readonly asset: OpenableAsset,
    readonly size: number,
  ) {}

  get name(): string {
    return this.asset.name;
  }

  get modifiedAt(): Date {
    return this.asset.modifiedAt;
  }

  get cacheKey(): string {
    return `${this.asset.id}:${this.size}:${this.asset.modifiedAt.getTime()}`;
  }

  async open(range: ByteRange): Promise<Readable> {
    // Called as the asset's method: a host may keep `open` on a prototype (DamHost.openableAssets).
    const opened = await this.asset.open(range).catch(() => 'unreadable' as const);
    if (opened === 'unreadable' || opened === null) throw new SourceChangedError(this.asset, opened ?? 'missing');
    if (opened.size === this.size) return opened.stream;
    opened.stream.destroy();
    // The archive's layout already promised `size` bytes; better fail than send wrong ones.
    throw new SourceChangedError(this.asset, opened.size);
  }
}

/** Dated `modifiedAt`, the newest asset asked for, so the same request always yields the same bytes. */
function unavailableList(unavailable: UnavailableAsset[], modifiedAt: Date): ZipSource {
  const lines = unavailable.map(({ asset, reason }) => `${sanitizeEntryName(asset.name)} (${REASONS[reason]})`);
  const text = Buffer.from(['These files could not be read when the archive was made:', ...lines, ''].join('\n'));
  return {
    name: UNAVAILABLE_LIST_NAME,
    size: text.length,
    modifiedAt,
    // Its text, hashed: the archive's ETag then changes with the list, and its CRCs may be cached.
    cacheKey: createHash('sha256').update(text).digest('base64url'),
    async open(range) {
      return Readable.from([text.subarray(range.start, range.end + 1)]);
    },
  };
}
