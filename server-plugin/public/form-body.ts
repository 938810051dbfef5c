/**
 * Reads an `application/x-www-form-urlencoded` body with a byte limit. The public pages
 * post only two small forms (the password, a selection of asset ids), so a full body
 * parser dependency would be more surface than help.
 */
import type { Context } from 'koa';
import { PayloadTooLargeError, ValidationError } from '../../shared/errors.js';

export async function readForm(ctx: Context, limitBytes: number): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) {
    throw ValidationError.field('body', 'Send the form as application/x-www-form-urlencoded.');
  }
  const declared = Number(ctx.get('Content-Length') || 0);
  if (declared > limitBytes) throw new PayloadTooLargeError();
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    received += chunk.length;
    // Stop reading at once: a client that lied in Content-Length must not fill memory.
    if (received > limitBytes) throw new PayloadTooLargeError();
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
