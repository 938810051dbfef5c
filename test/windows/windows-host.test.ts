/**
 * The packed plugin on a Windows-hosted DAM: the tarball installed with its Windows packages
 * (`npm install --os=win32 --cpu=x64`) into the README's ESM host, started by Node 22 for
 * Windows under Wine (`process.platform` is `win32`, paths use `\`) against MariaDB, from a
 * folder whose Windows path has spaces and non-ASCII characters, with its originals under
 * another such path; then driven over HTTP from Linux through a recipient's whole visit.
 * Run with `npm run test:windows` (WINDOWS_NODE and TEST_MYSQL_URL set; see wine.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import contentDisposition from 'content-disposition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { createConsumerApp, packPlugin } from '../package/consumer-apps.js';
import type { RunningServer } from '../package/server-process.js';
import { findWindows, type Windows } from './wine.js';
import { expectedEntry, readZip } from './zip-check.js';

const PEERS = { koa: '3.3.0', knex: '3.3.0', mysql2: '3.24.6' };
const PASSWORD = 'Kennwort – 42';

/**
 * Names as a real catalog has them: duplicates, a case-only duplicate, non-ASCII, characters
 * and a device name Windows refuses, a line break; each with the name it must be downloaded
 * as alone, and the name of its entry in a ZIP of all of them.
 */
const ORIGINALS = [
  { id: 'a1', name: 'photo.jpg', download: 'photo.jpg', entry: 'photo.jpg' },
  { id: 'a2', name: 'photo.jpg', download: 'photo.jpg', entry: 'photo (2).jpg' },
  { id: 'a3', name: 'PHOTO.JPG', download: 'PHOTO.JPG', entry: 'PHOTO (3).JPG' },
  { id: 'a4', name: 'Café déjà vu.jpg', download: 'Café déjà vu.jpg', entry: 'Café déjà vu.jpg' },
  { id: 'a5', name: 'a<b>:c?.jpg', download: 'a_b__c_.jpg', entry: 'a_b__c_.jpg' },
  { id: 'a6', name: 'CON.jpg', download: '_CON.jpg', entry: '_CON.jpg' },
  { id: 'a7', name: 'line\r\nbreak.jpg', download: 'linebreak.jpg', entry: 'linebreak.jpg' },
  // Up to 330 kB: the host's file streams deliver 64 KiB chunks, so most CRCs are continued from chunk to chunk.
].map((original, index) => ({ ...original, bytes: randomBytes(40_000 + index * 47_911) }));

/** The fixture host's file name for an asset: what Windows refuses in a file name as %XX. */
function fileNameOf(original: { id: string; name: string }): string {
  const escaped = original.name.replace(/[\x00-\x1f<>:"/\\|?*%]/g, (char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
  return `${original.id}--${escaped}`;
}

let windows: Windows;
let work = '';
let database: TestDatabase | undefined;
let host: RunningServer | undefined;

beforeAll(async () => {
  windows = await findWindows();
  database = await createTestDatabase('mysql');
  // Also creates the Wine prefix on the first run, which Wine reports on lines of its own.
  const probe = await windows.run(['-p', 'process.platform + " " + process.version'], { cwd: tmpdir() });
  expect(probe.output, 'WINDOWS_NODE runs under Wine as Node 22 for Windows').toMatch(/^win32 v22\.\d+\.\d+$/m);

  work = await mkdtemp(path.join(windows.driveC, 'sc-windows-'));
  const appDir = path.join(work, 'DAM Server – Zürich');
  const originalsDir = path.join(work, 'Médiathèque partagée', 'Originals 2026');
  await mkdir(originalsDir, { recursive: true });
  for (const original of ORIGINALS) await writeFile(path.join(originalsDir, fileNameOf(original)), original.bytes);

  const tarball = await packPlugin(work);
  const app = await createConsumerApp({ dir: appDir, kind: 'esm', tarball: tarball.file, dependencies: PEERS, installFlags: ['--os=win32', '--cpu=x64'] });
  host = await app.start({ node: windows.node, launcher: windows.launcher, databaseUrl: database.url!, originalsDir: windows.toWindowsPath(originalsDir) });
}, 600_000);

afterAll(async () => {
  await host?.stop();
  await database?.destroy();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the plugin on Windows (Node 22 under Wine, MariaDB)', () => {
  let collectionId = 0;
  let link = '';
  let cookie = '';

  const owner = (method: string, route: string, body?: unknown) =>
    fetch(`${host!.baseUrl}/api/shared-collections${route}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-user': 'editor' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const visit = (route: string, init: RequestInit = {}) =>
    fetch(`${link}${route}`, { ...init, headers: { cookie, ...(init.headers as Record<string, string>) }, redirect: 'manual' });

  it('lets an owner create a password-protected collection', async () => {
    const created = await owner('POST', '', { title: 'Windows – Übergabe', password: PASSWORD, allowDownload: true, assetIds: ORIGINALS.map((original) => original.id) });
    expect(created.status, await host!.log()).toBe(201);
    const body = (await created.json()) as { id: number; url: string; assetCount: number };
    expect(body.assetCount).toBe(ORIGINALS.length);
    collectionId = body.id;
    link = body.url;
  });

  it('asks for the password, refuses a wrong one and unlocks with the right one (bcrypt on a worker thread)', async () => {
    expect((await visit('')).status).toBe(401);
    const wrong = await visit('/unlock', { method: 'POST', body: new URLSearchParams({ password: 'wrong' }) });
    expect(wrong.status).toBe(401);
    const right = await visit('/unlock', { method: 'POST', body: new URLSearchParams({ password: PASSWORD }) });
    expect(right.status, await host!.log()).toBe(303);
    cookie = right.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');
    expect(cookie).not.toBe('');
  });

  it('opens the gallery, its data and its own stylesheet and script', async () => {
    const page = await visit('');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Windows – Übergabe');
    const data = (await (await visit('/data.json')).json()) as { assets: { name: string }[] };
    expect(data.assets.map((asset) => asset.name)).toEqual(ORIGINALS.map((original) => original.name));
    const base = new URL(link);
    for (const file of ['gallery.css', 'gallery.js']) {
      const asset = await fetch(new URL(`${path.posix.dirname(base.pathname)}/_assets/${file}`, base));
      expect(asset.status, file).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, file).toBeGreaterThan(0);
    }
  });

  it('sends an original, whole and by Range, byte for byte', async () => {
    const original = ORIGINALS[3]!;
    const whole = await visit(`/assets/${original.id}/original`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-disposition')).toBe(`attachment; filename="Cafe deja vu.jpg"; filename*=UTF-8''Caf%C3%A9%20d%C3%A9j%C3%A0%20vu.jpg`);
    expect(Buffer.from(await whole.arrayBuffer()).equals(original.bytes)).toBe(true);
    const part = await visit(`/assets/${original.id}/original`, { headers: { range: 'bytes=1000-5999' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-5999/${original.bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(original.bytes.subarray(1000, 6000))).toBe(true);
  });

  it('names each downloaded original as a ZIP names it: never a name Windows refuses', async () => {
    for (const original of ORIGINALS) {
      const response = await visit(`/assets/${original.id}/original`);
      await response.arrayBuffer();
      // `filename*` when the name needs it, else the plain `filename`: the name a browser saves under.
      const { filename } = contentDisposition.parse(response.headers.get('content-disposition') ?? '').parameters;
      expect(filename, JSON.stringify(original.name)).toBe(original.download);
    }
  });

  it('streams a ZIP of everything with right CRCs, safe unique names and the original bytes, and resumes it', async () => {
    const response = await visit('/download');
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBe(Number(response.headers.get('content-length')));
    const file = path.join(work, 'all.zip');
    await writeFile(file, bytes);
    expect(await readZip(file)).toEqual(ORIGINALS.map((original) => expectedEntry(original.entry, original.bytes)));

    const cut = Math.floor(bytes.length / 2);
    const rest = await visit('/download', { headers: { range: `bytes=${cut}-`, 'if-range': response.headers.get('etag')! } });
    expect(rest.status).toBe(206);
    expect(Buffer.from(await rest.arrayBuffer()).equals(bytes.subarray(cut))).toBe(true);
  });

  it('streams a ZIP of a selection posted from the gallery, in the order it was sent', async () => {
    const selection = ['a3', 'a2', 'a5'];
    const response = await visit('/download', { method: 'POST', body: new URLSearchParams(selection.map((id) => ['assets', id])) });
    expect(response.status).toBe(200);
    const file = path.join(work, 'selection.zip');
    await writeFile(file, Buffer.from(await response.arrayBuffer()));
    const byId = new Map(ORIGINALS.map((original) => [original.id, original]));
    expect(await readZip(file)).toEqual([
      expectedEntry('PHOTO.JPG', byId.get('a3')!.bytes),
      expectedEntry('photo (2).jpg', byId.get('a2')!.bytes),
      expectedEntry('a_b__c_.jpg', byId.get('a5')!.bytes),
    ]);
  });

  it('lets the owner expire the link and then delete it', async () => {
    // Far enough ahead that the change is still valid ("in the future") when a busy host reads it.
    const soon = new Date(Date.now() + 10_000);
    expect((await owner('PATCH', `/${collectionId}`, { expiresAt: soon.toISOString() })).status).toBe(200);
    const deadline = Date.now() + 60_000;
    let status = 0;
    while (status !== 410 && Date.now() < deadline) {
      status = (await visit('')).status;
      if (status !== 410) await sleep(250);
    }
    expect(status).toBe(410);
    expect((await owner('DELETE', `/${collectionId}`)).status).toBe(204);
    expect((await visit('')).status).toBe(404);
  });
});
