/**
 * Thumbnails, previews and originals of one asset. The gate has already checked that the
 * asset belongs to the collection and, for originals, that downloads are allowed.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import { NotFoundError } from '../../shared/errors.js';
import type { AssetMetadata, DamHost, RenditionKind } from '../dam-host.js';
import type { EventBuffer } from '../event-buffer.js';
import { describeForLog } from '../describe-for-log.js';
import { attachmentDisposition } from '../http/attachment-disposition.js';
import type { Logger } from '../options.js';
import { isDatabaseOutage } from '../store/database-outage.js';
import type { ActiveDownloads } from './active-downloads.js';
import type { PublicState } from './gate.js';
import { sendBytes } from './send-bytes.js';

export interface FileDeps {
  events: Pick<EventBuffer, 'record'>;
  host: DamHost;
  downloads: ActiveDownloads;
  now: () => Date;
  logger: Logger;
}

const GONE_FROM_CATALOG = 'This file is no longer available.';

export function createFileRoutes(deps: FileDeps) {
  /**
   * A host that rejects (a file deleted behind the catalog's back, a failing rendition
   * service) has a problem of its own, not one of the visitor's making: the visitor gets a
   * 404 for that one file, and the log a warning naming it. An unreachable database is not
   * that: the file may well be there, so the visitor gets 503 and tries again.
   */
  async function openOrNull<T>(what: string, open: () => Promise<T | null>): Promise<T | null> {
    try {
      return await open();
    } catch (error) {
      // A database that is down is everybody's problem, and passes: 503, try again.
      if (isDatabaseOutage(error)) throw error;
      deps.logger.warn(`shared-collections: the host could not open the ${what}`, describeForLog(error));
      return null;
    }
  }

  const rendition = (kind: RenditionKind) =>
    async function sendRendition(ctx: Context): Promise<void> {
      const { assetId } = ctx.state as PublicState;
      const file = await openOrNull(`${kind} of asset ${assetId}`, () => deps.host.openRendition(assetId, kind));
      if (!file) throw new NotFoundError(GONE_FROM_CATALOG);
      ctx.type = file.mime;
      ctx.length = file.size;
      if (ctx.method === 'HEAD') {
        file.stream.destroy();
        return;
      }
      ctx.body = file.stream;
    };

  async function original(ctx: Context): Promise<void> {
    const { assetId, collection } = ctx.state as PublicState;
    // First: a client over its limit costs nothing more, not even a host lookup.
    if (ctx.method !== 'HEAD') (await deps.downloads.admit(ctx, collection)).carry([assetId]);
    const asset = (await deps.host.assetMetadata([assetId])).get(assetId);
    if (!asset) throw new NotFoundError(GONE_FROM_CATALOG);
    // The name a ZIP would give it: the host's name may hold a path, and clients that save
    // under the suggested name as it is (download tools, scripts) would meet `CON.jpg` on Windows.
    ctx.set('Content-Disposition', attachmentDisposition(asset.name));
    const sent = await sendBytes(ctx, {
      size: asset.size,
      etag: originalEtag(asset),
      mime: asset.mime,
      open: async (range) => (await openOrNull(`original of asset ${assetId}`, () => deps.host.openOriginal(assetId, range)))?.stream ?? null,
    });
    if (sent === 'missing') throw new NotFoundError(GONE_FROM_CATALOG);
    // A resumed download is the same download: count the whole file or its first range only.
    if (sent === 'full' || sent === 'first-range') {
      deps.events.record({ collectionId: collection.id, kind: 'download', assetId, at: deps.now() });
    }
  }

  /** A video's playable rendition, with `Range` (players seek by ranges); 404 when the host has none. */
  async function video(ctx: Context): Promise<void> {
    const { assetId } = ctx.state as PublicState;
    const playable = deps.host.openPlayable && (await openOrNull(`playable video of asset ${assetId}`, () => deps.host.openPlayable!(assetId)));
    if (!playable) throw new NotFoundError('This file has no video to play.');
    const sent = await sendBytes(ctx, {
      size: playable.size,
      etag: fileEtag([assetId, 'video', playable.size, playable.modifiedAt.getTime()]),
      mime: playable.mime,
      open: (range) => openOrNull(`playable video of asset ${assetId}`, () => playable.open(range)),
    });
    if (sent === 'missing') throw new NotFoundError(GONE_FROM_CATALOG);
  }

  return { thumbnail: rendition('thumbnail'), preview: rendition('preview'), original, video };
}

/** Changes whenever the file does (size or modification time), so a stale resume restarts. */
function originalEtag(asset: AssetMetadata): string {
  return fileEtag([asset.id, asset.size, asset.modifiedAt.getTime()]);
}

/** A strong ETag from what identifies one version of a file: its fields, one per line, hashed. */
function fileEtag(fields: readonly (string | number)[]): string {
  const digest = createHash('sha256').update(fields.join('\n')).digest('base64url');
  return `"${digest.slice(0, 27)}"`;
}
