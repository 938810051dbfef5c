/**
 * The gallery's stylesheet and script, served from `<prefix>/_assets/` because the CSP
 * allows no inline style or script. Read once at start-up; `_assets` is not a valid token,
 * so these routes sit before the gate and are never counted as probes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Context } from 'koa';
import { NotFoundError } from '../../shared/errors.js';

interface StaticFile {
  body: Buffer;
  type: string;
  etag: string;
}

function load(name: string, type: string): StaticFile {
  const body = readFileSync(new URL(`./assets/${name}`, import.meta.url));
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` };
}

const FILES: ReadonlyMap<string, StaticFile> = new Map([
  ['gallery.css', load('gallery.css', 'text/css; charset=utf-8')],
  ['gallery.js', load('gallery.js', 'text/javascript; charset=utf-8')],
]);

export async function staticAsset(ctx: Context): Promise<void> {
  const file = FILES.get(String(ctx.params.file));
  if (!file) throw new NotFoundError();
  // Not secret and the same for every collection: the one public response a cache may keep.
  ctx.set('Cache-Control', 'public, max-age=3600');
  ctx.set('ETag', file.etag);
  // ctx.fresh compares If-None-Match as RFC 9110 asks (weak tags, lists, `*`), but only
  // once the answer would be a success.
  ctx.status = 200;
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  ctx.type = file.type;
  ctx.body = file.body;
}
