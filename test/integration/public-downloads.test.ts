/**
 * Originals with Range, and ZIPs of a whole collection or a selection: exact sizes, byte-exact
 * contents checked by two independent readers (unzip -t, Python's zipfile), an interrupted
 * download resumed into the identical archive, and a client that leaves releasing the files.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../helpers/databases.js';
import { addPngAssets, startPublicHarness, type PublicHarness } from './public-harness.js';

const run = promisify(execFile);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Entry name → SHA-256, read by Python's zipfile after `unzip -t` accepted the archive. Child
 * processes run asynchronously: a test process blocked past the server's keep-alive timeout
 * would meet a closed pooled connection on its next request (ECONNRESET).
 */
async function readZip(bytes: Buffer): Promise<Record<string, string>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sc-zip-'));
  try {
    const file = path.join(dir, 'a.zip');
    await writeFile(file, bytes);
    await run('unzip', ['-tq', file]);
    const script = 'import sys,zipfile,hashlib,json\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()}))';
    return JSON.parse((await run('python3', ['-c', script, file], { encoding: 'utf8' })).stdout) as Record<string, string>;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe.each(TEST_ENGINES)('public downloads on %s', (engine) => {
  let h: PublicHarness;
  let base: string;
  const get = (p: string, headers: Record<string, string> = {}) => fetch(`${h.baseUrl}${base}${p}`, { headers });
  const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());
  const events = (kind: string) => h.countEvents(kind);

  beforeEach(async () => {
    h = await startPublicHarness(engine);
    await addPngAssets(h.assets, ['Straße.png', 'same.png', 'same.png']);
    // A bigger file, so a download can really be cut in the middle of reading it.
    const big = randomBytes(3 * 1024 * 1024);
    h.assets.set('big', { meta: { ...h.assets.get('a1')!.meta, id: 'big', name: 'big.bin', size: big.length }, original: big, rendition: big });
    base = `/s/${(await h.share({ assetIds: ['a1', 'a2', 'a3', 'big'], title: 'Fotos: "Ä/B"' })).token}`;
  });
  afterEach(() => h.close());

  it('names a single original by the same safe-name rules as a ZIP entry', async () => {
    const unsafe: Record<string, string> = {
      '../../../../tmp/evil.jpg': 'evil.jpg',
      '/etc/passwd': 'passwd',
      'C:\\Windows\\win.ini': 'win.ini',
      'NUL.txt': '_NUL.txt',
      'a:b?.jpg': 'a_b_.jpg',
      'a<b>:c?\r\n.png': 'a_b__c_.png',
    };
    const ids = Object.keys(unsafe).map((name, index) => {
      const id = `unsafe${index}`;
      h.assets.set(id, { ...h.assets.get('a1')!, meta: { ...h.assets.get('a1')!.meta, id, name } });
      return id;
    });
    const { token } = await h.share({ assetIds: ids });
    const names = [];
    for (const id of ids) {
      const response = await fetch(`${h.baseUrl}/s/${token}/assets/${id}/original`);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      names.push(/filename="([^"]*)"/.exec(response.headers.get('content-disposition') ?? '')?.[1]);
    }
    expect(names).toEqual(Object.values(unsafe));
  });

  it('serves an original whole, by range, resumed, and refuses ranges past the end', async () => {
    const original = h.assets.get('a1')!.original;
    const full = await get('/assets/a1/original');
    expect(full.status).toBe(200);
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(full.headers.get('content-length')).toBe(String(original.length));
    expect(full.headers.get('content-disposition')).toBe(`attachment; filename="Stra_e.png"; filename*=UTF-8''Stra%C3%9Fe.png`);
    expect(await bytesOf(full)).toEqual(original);
    const etag = full.headers.get('etag')!;
    const head = await get('/assets/a1/original', { range: 'bytes=0-9' });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 0-9/${original.length}`);
    const tail = await get('/assets/a1/original', { range: 'bytes=10-', 'if-range': etag });
    expect(tail.status).toBe(206);
    expect(Buffer.concat([await bytesOf(head), await bytesOf(tail)])).toEqual(original);
    expect((await get('/assets/a1/original', { range: 'bytes=10-', 'if-range': '"old"' })).status).toBe(200);
    const past = await get('/assets/a1/original', { range: `bytes=${original.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${original.length}`);
    // The full download, the first range and the stale-If-Range full answer count; the tail does not.
    expect(await events('download')).toBe(3);
  });

  it('zips the whole collection and exactly a selection, byte for byte', async () => {
    const all = await get('/download');
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe('application/zip');
    const disposition = all.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[^"/]+"; filename\*=UTF-8''\S+$/);
    const utf8Name = decodeURIComponent(disposition.split("UTF-8''")[1]!);
    expect(utf8Name).toMatch(/^Fotos.*Ä.*B.*\.zip$/);
    expect(utf8Name).not.toMatch(/[/"]/);
    const zip = await bytesOf(all);
    expect(all.headers.get('content-length')).toBe(String(zip.length));
    expect(await readZip(zip)).toEqual({
      'Straße.png': sha256(h.assets.get('a1')!.original),
      'same.png': sha256(h.assets.get('a2')!.original),
      'same (2).png': sha256(h.assets.get('a3')!.original),
      'big.bin': sha256(h.assets.get('big')!.original),
    });
    const byQuery = await bytesOf(await get('/download?assets=a3,a1'));
    const byForm = await fetch(`${h.baseUrl}${base}/download`, { method: 'POST', body: new URLSearchParams([['assets', 'a3'], ['assets', 'a1']]) });
    expect(byForm.status).toBe(200);
    // A selection's archive is named after the collection and its count.
    const selectionName = (response: Response) => decodeURIComponent(response.headers.get('content-disposition')!.split("UTF-8''")[1]!);
    expect(selectionName(byForm)).toMatch(/^Fotos.*Ä.*B.* \(2 files\)\.zip$/);
    const selected = { 'same.png': sha256(h.assets.get('a3')!.original), 'Straße.png': sha256(h.assets.get('a1')!.original) };
    expect(await readZip(byQuery)).toEqual(selected);
    expect(await readZip(await bytesOf(byForm))).toEqual(selected);
    expect(await events('zip')).toBe(3);
  });

  it('refuses a selection reaching outside the collection or malformed', async () => {
    h.assets.set('other', h.assets.get('a1')!);
    for (const query of ['?assets=a1,other', '?assets=', '?assets=a1,../x']) {
      const response = await get(`/download${query}`);
      expect(response.status, query).toBeGreaterThanOrEqual(400);
      expect(response.status, query).toBeLessThan(500);
    }
  });

  it('resumes a ZIP interrupted at an arbitrary byte into the identical archive', async () => {
    const whole = await bytesOf(await get('/download'));
    const cut = 1 + Math.floor(Math.random() * (whole.length - 2));
    const abort = new AbortController();
    const first = await fetch(`${h.baseUrl}${base}/download`, { signal: abort.signal });
    const etag = first.headers.get('etag')!;
    const received: Buffer[] = [];
    let length = 0;
    const reader = first.body!.getReader();
    try {
      while (length < cut) {
        const { value, done } = await reader.read();
        if (done) break;
        received.push(Buffer.from(value));
        length += value.length;
      }
      abort.abort();
    } catch {
      // The abort ends the loop with an AbortError: that is the interruption.
    }
    const start = Buffer.concat(received).subarray(0, cut);
    const rest = await get('/download', { range: `bytes=${cut}-`, 'if-range': etag });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(`bytes ${cut}-${whole.length - 1}/${whole.length}`);
    expect(sha256(Buffer.concat([start, await bytesOf(rest)]))).toBe(sha256(whole));
  });

  it('a client that leaves mid-download stops the archive and closes the file', async () => {
    // Far more than the socket buffers hold, so the server is still reading when the client leaves.
    const huge = Buffer.alloc(64 * 1024 * 1024, 7);
    h.assets.set('huge', { meta: { ...h.assets.get('a1')!.meta, id: 'huge', size: huge.length }, original: huge, rendition: huge });
    base = `/s/${(await h.share({ assetIds: ['huge'] })).token}`;
    const abort = new AbortController();
    const response = await fetch(`${h.baseUrl}${base}/download`, { signal: abort.signal });
    const reader = response.body!.getReader();
    for (let received = 0; received < 256 * 1024; ) received += (await reader.read()).value?.length ?? 0;
    expect(h.openStreams.size).toBe(1);
    abort.abort();
    const deadline = Date.now() + 3000;
    while (h.openStreams.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect([...h.openStreams]).toEqual([]);
  });
});
