import type { Context } from 'koa';
import { PayloadTooLargeError, ValidationError } from 'koa-shared-collections';

/** Forms and tag requests are tiny; anything bigger is a mistake or an attack. */
const MAX_BODY_BYTES = 64 * 1024;

async function readText(ctx: Context): Promise<string> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > MAX_BODY_BYTES) throw new PayloadTooLargeError();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > MAX_BODY_BYTES) throw new PayloadTooLargeError();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Fields of an `application/x-www-form-urlencoded` body. */
export async function parseFormBody(ctx: Context): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) {
    throw ValidationError.field('body', 'Send the form as application/x-www-form-urlencoded.');
  }
  return new URLSearchParams(await readText(ctx));
}

/**
 * A JSON body. Requiring the JSON content type also keeps cross-site forms out:
 * a browser cannot send it to another origin without a CORS preflight we never grant.
 */
export async function parseJsonBody(ctx: Context): Promise<unknown> {
  if (!ctx.is('application/json')) throw ValidationError.field('body', 'Send the body as application/json.');
  try {
    return JSON.parse(await readText(ctx)) as unknown;
  } catch (error) {
    if (error instanceof SyntaxError) throw ValidationError.field('body', 'The body is not valid JSON.');
    throw error;
  }
}
