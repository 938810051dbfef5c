/**
 * Sends a file or an archive: whole, one `Range`, or 416. Shared by originals and ZIPs so
 * both resume the same way.
 */
import type { Readable } from 'node:stream';
import type { Context } from 'koa';
import type { ByteRange } from '../dam-host.js';
import { decideRange } from './byte-range.js';

export interface ByteSource {
  size: number;
  /** Strong validator; `If-Range` must match it for a partial answer. */
  etag: string;
  mime: string;
  /** Opens the whole thing, or the inclusive range. Not called for HEAD or 416. */
  open(range: ByteRange | undefined): Promise<Readable | null>;
}

/** What was sent, so callers count a download once: not for HEAD, not for a resumed tail. */
export type Sent = 'full' | 'first-range' | 'later-range' | 'nothing';

/** Null from `open` means the file vanished between the gate and now. */
export async function sendBytes(ctx: Context, source: ByteSource): Promise<Sent | 'missing'> {
  const decision = decideRange(ctx.get('Range') || undefined, ctx.get('If-Range') || undefined, source.size, source.etag);
  ctx.set('Accept-Ranges', 'bytes');
  ctx.set('ETag', source.etag);
  if (decision.kind === 'unsatisfiable') {
    ctx.status = 416;
    ctx.set('Content-Range', `bytes */${source.size}`);
    // A null body would turn the status into 204.
    ctx.body = 'Range Not Satisfiable';
    return 'nothing';
  }
  const range = decision.kind === 'partial' ? decision.range : undefined;
  const length = range ? range.end - range.start + 1 : source.size;
  if (ctx.method === 'HEAD') {
    setHeaders(ctx, source, range, length);
    return 'nothing';
  }
  const stream = await source.open(range);
  if (!stream) return 'missing';
  setHeaders(ctx, source, range, length);
  ctx.body = stream;
  if (!range) return 'full';
  return range.start === 0 ? 'first-range' : 'later-range';
}

function setHeaders(ctx: Context, source: ByteSource, range: ByteRange | undefined, length: number): void {
  ctx.status = range ? 206 : 200;
  if (range) ctx.set('Content-Range', `bytes ${range.start}-${range.end}/${source.size}`);
  ctx.type = source.mime;
  ctx.length = length;
}
