/**
 * `GET|POST <prefix>/<token>/download`: a ZIP of the whole collection, or of a selection
 * (`?assets=a,b` or the form field `assets`, repeated or comma-separated) that must lie
 * wholly inside the collection. The archive is stored, so its exact size is known up front:
 * `Content-Length` for progress, `Range` for resume. The browser's own download manager
 * fetches it; nothing is buffered.
 */
import type { Context } from 'koa';
import { LIMITS } from '../../shared/constants.js';
import { NotFoundError } from '../../shared/errors.js';
import { parseAssetIdQuery } from '../../shared/validation.js';
import type { DamHost } from '../dam-host.js';
import type { EventBuffer } from '../event-buffer.js';
import { attachmentDisposition } from '../http/attachment-disposition.js';
import type { Operations } from '../operations.js';
import type { CollectionStore } from '../store/types.js';
import { collectZipSources, type CrcCache, createZipArchive, type OriginalFacts, SourceChangedError } from '../zip/index.js';
import type { ActiveDownloads } from './active-downloads.js';
import { readForm } from './form-body.js';
import type { PublicState } from './gate.js';
import { CATALOG, localeOf, plural } from './public-strings.js';
import { sendBytes } from './send-bytes.js';

export interface DownloadDeps {
  collections: CollectionStore;
  events: Pick<EventBuffer, 'record'>;
  host: DamHost;
  downloads: ActiveDownloads;
  crcCache: CrcCache;
  /** What earlier downloads found out about originals the catalog describes wrongly. */
  facts: OriginalFacts;
  operations: Pick<Operations, 'event'>;
  now: () => Date;
}

/** 10,000 ids of up to 64 characters, URL-encoded with separators. */
const FORM_LIMIT_BYTES = LIMITS.jsonBodyMaxBytes;

export function createDownloadRoute(deps: DownloadDeps) {
  async function selectedIds(ctx: Context): Promise<string[] | undefined> {
    if (ctx.method === 'POST') {
      return parseAssetIdQuery('assets', (await readForm(ctx, FORM_LIMIT_BYTES)).getAll('assets'));
    }
    if (ctx.query.assets === undefined) return undefined;
    return parseAssetIdQuery('assets', ctx.query.assets);
  }

  return async function download(ctx: Context): Promise<void> {
    const { collection } = ctx.state as PublicState;
    // First: a client over its limit costs nothing more, not even reading its form.
    const admitted = ctx.method === 'HEAD' ? undefined : await deps.downloads.admit(ctx, collection);
    const selection = await selectedIds(ctx);
    let ids: string[];
    if (selection) {
      const members = await deps.collections.filterMembers(collection.id, selection);
      if (members.size !== selection.length) throw new NotFoundError('Some of the selected files are not in this collection.');
      ids = selection;
    } else {
      ids = await deps.collections.listAllAssetIds(collection.id);
    }
    admitted?.carry(ids);
    // Assets removed from the catalog left the gallery too, so they are skipped; originals
    // known to be missing on disk are listed in a text file inside the archive.
    const { sources } = await collectZipSources(deps.host, ids, deps.facts);
    const archive = createZipArchive(sources, {
      crcCache: deps.crcCache,
      // An original that is not what the catalog said: the response is cut, so the client
      // sees a failed download, never a finished but wrong one; its retry leaves the file out.
      onFailure(error) {
        if (error instanceof SourceChangedError) deps.facts.learn(error.asset, error.fact);
        deps.operations.event('warn', 'zip_cut', { collectionId: collection.id, reason: error.message });
        ctx.res.destroy();
      },
    });
    // The client leaving stops the archive and closes the file it was reading.
    const abort = new AbortController();
    ctx.res.once('close', () => abort.abort());
    ctx.set('Content-Disposition', attachmentDisposition(`${zipName(ctx, collection.title, selection?.length)}.zip`));
    const sent = await sendBytes(ctx, {
      size: archive.size,
      etag: archive.etag,
      mime: 'application/zip',
      open: async (range) => archive.stream(range, abort.signal),
    });
    if (sent === 'full' || sent === 'first-range') {
      deps.events.record({ collectionId: collection.id, kind: 'zip', at: deps.now() });
    }
  };
}

/**
 * The collection's title, and for a selection its count ("Trip (2 files)", in the reader's
 * language). A title is one name, not a path: its slashes become underscores rather than cut it short.
 */
function zipName(ctx: Context, title: string, selected: number | undefined): string {
  const name = title.replace(/[/\\]/g, '_');
  if (selected === undefined) return name;
  const locale = localeOf(ctx);
  return plural(locale, CATALOG[locale].selectionZip, selected, { title: name });
}
