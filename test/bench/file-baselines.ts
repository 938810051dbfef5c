/**
 * What a plain server does with the files a ZIP route sends (issue 13, budget 3): two routes,
 * for the bench host and the ZIP bench's own server, that send a registered list of files one
 * after another as one body, with its exact `Content-Length`.
 *
 * - `/bench/pipeline/<set>`: each file's `fs.createReadStream` piped straight into the
 *   response, the honest best a plain Node server does, and the budget's baseline. It uses
 *   `readable.pipe(res, { end: false })`, not `stream.pipeline(..., { end: false })`: the
 *   latter leaves four listeners on the response per file (Node 24), and 10,000 files then
 *   stream at half the speed.
 * - `/bench/ceiling/<set>`: each file read with synchronous calls (open, reads of up to
 *   4 MiB, close) and written to the socket itself, past the HTTP response object: no
 *   thread-pool round trip per call, no stream machinery, the least server CPU per byte
 *   measured here of every way tried (Node has no sendfile). It blocks the event loop, so
 *   no real server could do it: a reference, not a baseline. The connection closes after
 *   the body, so the server's bookkeeping for the response it skipped never matters.
 */
import { once } from 'node:events';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Context, Next } from 'koa';

export const PIPELINE_PATH = '/bench/pipeline';
export const CEILING_PATH = '/bench/ceiling';
const CEILING_CHUNK = 4 * 1024 * 1024;

interface FileSet {
  files: readonly { path: string; size: number }[];
  size: number;
}

export interface FileBaselines {
  /** Registers `files` under `name`, to be served at `${PIPELINE_PATH}/${name}` and `${CEILING_PATH}/${name}`. */
  add(name: string, files: readonly string[]): Promise<void>;
  middleware(ctx: Context, next: Next): Promise<void>;
}

export function createFileBaselines(): FileBaselines {
  const sets = new Map<string, FileSet>();
  return {
    async add(name, paths) {
      const files = [];
      for (const file of paths) files.push({ path: file, size: (await stat(file)).size });
      sets.set(name, { files, size: files.reduce((sum, file) => sum + file.size, 0) });
    },
    async middleware(ctx, next) {
      const route = ctx.path.slice(0, ctx.path.lastIndexOf('/'));
      const set = sets.get(ctx.path.slice(route.length + 1));
      if (!set || (route !== PIPELINE_PATH && route !== CEILING_PATH)) return next();
      // The routes write the response themselves.
      ctx.respond = false;
      if (route === PIPELINE_PATH) await sendPiped(ctx.res, set);
      else await sendRaw(ctx.req.socket, set);
    },
  };
}

async function sendPiped(res: ServerResponse, set: FileSet): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': set.size });
  try {
    for (const file of set.files) await pipeFile(file.path, res);
    res.end();
  } catch {
    res.destroy();
  }
}

function pipeFile(file: string, res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = createReadStream(file);
    const left = () => {
      stream.destroy();
      reject(new Error('the client left'));
    };
    res.once('close', left);
    stream.once('error', reject).once('end', () => {
      res.off('close', left);
      resolve();
    });
    stream.pipe(res, { end: false });
  });
}

async function sendRaw(socket: Socket, set: FileSet): Promise<void> {
  socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: ${set.size}\r\nconnection: close\r\n\r\n`);
  try {
    for (const file of set.files) await sendFileRaw(socket, file);
    socket.end();
  } catch {
    socket.destroy();
  }
}

async function sendFileRaw(socket: Socket, file: { path: string; size: number }): Promise<void> {
  const fd = openSync(file.path, 'r');
  try {
    for (let at = 0; at < file.size; ) {
      // A new buffer each time: the socket holds on to what it has not sent yet.
      const chunk = Buffer.allocUnsafe(Math.min(file.size - at, CEILING_CHUNK));
      if (readSync(fd, chunk, 0, chunk.length, at) !== chunk.length) throw new Error(`${file.path} changed while it was sent`);
      at += chunk.length;
      if (!socket.write(chunk)) await once(socket, 'drain');
    }
  } finally {
    closeSync(fd);
  }
}
