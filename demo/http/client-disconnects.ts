/**
 * Koa reports a client that leaves in the middle of a response (a cancelled download) as an
 * app error, and its default handler prints a stack trace for each. That is no fault of the
 * server: the demo hears of such errors and says nothing (the plugin logs the download's end
 * at debug level); anything else is printed as Koa would.
 */
const CLIENT_LEFT = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

export function isClientDisconnect(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CLIENT_LEFT.has(code);
}
