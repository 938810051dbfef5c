/**
 * Reads a JSON request body with a byte limit. Written here rather than taken from a
 * body-parser package so the limit, the UTF-8 check and the errors are the plugin's
 * own domain errors (413 and 400, never a 500).
 */
import type { Context } from 'koa';
import { LIMITS } from '../../shared/constants.js';
import { isPayloadTooLargeError } from '../../shared/error-guards.js';
import { PayloadTooLargeError, ValidationError } from '../../shared/errors.js';

const TOO_LARGE = `The request body is larger than ${LIMITS.jsonBodyMaxBytes / 1024 / 1024} MiB.`;

async function readBytes(ctx: Context, limit: number): Promise<Buffer> {
  const declared = Number(ctx.get('Content-Length') || 0);
  if (declared > limit) throw new PayloadTooLargeError(TOO_LARGE);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        // Stop reading; the connection is closed after the answer rather than draining a huge body.
        ctx.set('Connection', 'close');
        throw new PayloadTooLargeError(TOO_LARGE);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (isPayloadTooLargeError(error)) throw error;
    // The client went away mid-body ("aborted"): its fault, not an outage or a bug.
    throw ValidationError.field('body', 'The request body was cut off.');
  }
  return Buffer.concat(chunks, size);
}

/**
 * The parsed body of a JSON request (the cross-site guard has checked the content type).
 * When a host's body parser already consumed the stream, its parsed `ctx.request.body` is used.
 */
export async function readJsonBody(ctx: Context, limit: number = LIMITS.jsonBodyMaxBytes): Promise<unknown> {
  const parsed = (ctx.request as { body?: unknown }).body;
  if (ctx.req.readableEnded && parsed !== undefined) return parsed;
  const charset = ctx.request.charset;
  if (charset && charset.toLowerCase() !== 'utf-8' && charset.toLowerCase() !== 'utf8') {
    throw ValidationError.field('body', 'Send the JSON body in UTF-8.');
  }
  const bytes = await readBytes(ctx, limit);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw ValidationError.field('body', 'The request body is not valid UTF-8.');
  }
  if (text.trim() === '') throw ValidationError.field('body', 'The request body must be a JSON object.');
  try {
    return JSON.parse(text);
  } catch (error) {
    // A RangeError here would be nesting too deep for the parser: still the client's fault.
    throw ValidationError.field('body', error instanceof SyntaxError ? 'The request body is not valid JSON.' : 'The request body is too deeply nested.');
  }
}
