/**
 * The real artefact in real hosts: the packed `koa-shared-collections` tarball installed into
 * an ESM, a CommonJS and a TypeScript Koa app outside the repository, mounted with the
 * README's snippets, started on every Node binary in `CONSUMER_NODES` (`.ci/run` passes 22
 * and 24; default: the Node running the suite) against MariaDB, and driven over HTTP: an
 * owner creates a collection, a recipient opens its page and downloads a ZIP that `unzip`
 * and Python's `zipfile` accept. Run with `npm run test:package`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { type ConsumerApp, createConsumerApp, type HostKind, packPlugin, type PackedPlugin, REPO_ROOT } from './consumer-apps.js';

const run = promisify(execFile);
const NODES = (process.env.CONSUMER_NODES ?? process.execPath).split(path.delimiter).filter(Boolean);

/**
 * The supported peer ranges are tested at both ends: the CommonJS host gets their lowest
 * versions, the others the versions the repository pins.
 */
const PEERS: Record<HostKind, Record<string, string>> = {
  esm: { koa: '3.3.0', knex: '3.3.0', mysql2: '3.24.6' },
  cjs: { koa: '2.16.3', knex: '3.0.1', mysql2: '3.9.0' },
  ts: { koa: '3.3.0', knex: '3.3.0', mysql2: '3.24.6' },
};
const TS_DEV_DEPENDENCIES = { typescript: '5.9.3', '@types/koa': '3.0.3', '@types/node': '24.19.4' };

/** Three originals: a duplicate name and a non-ASCII one, as a real catalog has. */
const ORIGINALS = [
  { id: 'a1', name: 'photo.jpg' },
  { id: 'a2', name: 'photo.jpg' },
  { id: 'a3', name: 'Café déjà vu.jpg' },
];

let work = '';
let packed: PackedPlugin;
let originalsDir = '';
const apps = new Map<HostKind, ConsumerApp>();

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'sc-consumer-'));
  packed = await packPlugin(work);
  originalsDir = path.join(work, 'originals');
  await mkdir(originalsDir);
  for (const original of ORIGINALS) await writeFile(path.join(originalsDir, `${original.id}--${original.name}`), randomBytes(50_000));
  // One after another: parallel installs would share (and contend for) npm's cache.
  for (const kind of ['esm', 'cjs', 'ts'] as const) {
    apps.set(kind, await createConsumerApp({
      dir: path.join(work, `app-${kind}`),
      kind,
      tarball: packed.file,
      dependencies: PEERS[kind],
      ...(kind === 'ts' ? { devDependencies: TS_DEV_DEPENDENCIES } : {}),
    }));
  }
}, 600_000);

afterAll(() => (work ? rm(work, { recursive: true, force: true }) : undefined));

describe('the packed tarball', () => {
  it('holds the compiled package and nothing of the sources, tests or demo', () => {
    const unexpected = packed.files.filter(
      (file) => !/^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/(server-plugin|shared)\/.+\.(js|d\.ts|js\.map|cjs|css))$/.test(file),
    );
    expect(unexpected).toEqual([]);
    expect(packed.files.filter((file) => /\.test\./.test(file))).toEqual([]);
    for (const file of ['dist/server-plugin/index.js', 'dist/server-plugin/index.d.ts', 'dist/server-plugin/password-worker.cjs', 'dist/server-plugin/public/assets/gallery.js', 'dist/server-plugin/public/assets/gallery.css', 'dist/server-plugin/store/migrations/20261126000000_init.js']) {
      expect(packed.files).toContain(file);
    }
  });

  it('is the size the README states, within 15%', async () => {
    const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const stated = /The package tarball is about (\d+) kB/.exec(readme);
    expect(stated, 'README.md states the tarball size as "The package tarball is about N kB"').not.toBeNull();
    expect(Math.abs(packed.size / 1000 - Number(stated![1])) / Number(stated![1])).toBeLessThanOrEqual(0.15);
  });

  it('publishes cleanly (npm publish --dry-run)', async () => {
    const npmCli = process.env.npm_execpath;
    const args = ['publish', '--dry-run', '--workspace', 'koa-shared-collections', '--tag', 'dry-run'];
    const { stderr } = npmCli ? await run(process.execPath, [npmCli, ...args], { cwd: REPO_ROOT }) : await run('npm', args, { cwd: REPO_ROOT });
    // The one warning a dry run always gives without registry credentials says nothing of the package.
    const notLoggedIn = /requires you to be logged in/;
    expect(stderr.split('\n').filter((line) => /npm (warn|error)/i.test(line) && !notLoggedIn.test(line))).toEqual([]);
  }, 120_000);

  it('exposes only its entry point: internal modules are not reachable', async () => {
    const app = apps.get('esm')!;
    const attempt = run(process.execPath, ['--input-type=module', '-e', "await import('koa-shared-collections/dist/server-plugin/options.js')"], { cwd: app.dir });
    await expect(attempt).rejects.toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });

  it('gives the TypeScript host types that catch a DamHost missing a method', async () => {
    const app = apps.get('ts')!;
    const good = await app.typecheck();
    expect(good.output).toBe('');
    expect(good.ok).toBe(true);
    const bad = await app.typecheck({
      name: 'bad-host.mts',
      source: "import type { DamHost } from 'koa-shared-collections';\nexport const host: DamHost = { currentUser: async () => null, readableAssetIds: async () => new Set(), assetMetadata: async () => new Map(), openRendition: async () => null };\n",
    });
    await rm(path.join(app.dir, 'bad-host.mts'));
    expect(bad.ok).toBe(false);
    expect(bad.output).toMatch(/bad-host\.mts.*openOriginal/s);
  }, 120_000);
});

describe.each(NODES)('hosts on %s', (node) => {
  describe.each(['esm', 'cjs', 'ts'] as const)('the %s host', (kind) => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase('mysql');
    });
    afterAll(() => database?.destroy());

    it('lets an owner share files and a recipient open the page and download a valid ZIP', async () => {
      const host = await apps.get(kind)!.start({ node, databaseUrl: database.url!, originalsDir });
      try {
        const created = await fetch(`${host.baseUrl}/api/shared-collections`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-user': 'editor' },
          body: JSON.stringify({ title: `Consumer ${kind}`, assetIds: ORIGINALS.map((original) => original.id), allowDownload: true }),
        });
        expect(created.status, await host.log()).toBe(201);
        const { url, assetCount } = (await created.json()) as { url: string; assetCount: number };
        expect(assetCount).toBe(3);

        const page = await fetch(url);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain(`Consumer ${kind}`);

        const zip = await fetch(`${url}/download`);
        expect(zip.status).toBe(200);
        expect(zip.headers.get('content-type')).toBe('application/zip');
        const bytes = Buffer.from(await zip.arrayBuffer());
        expect(bytes.length).toBe(Number(zip.headers.get('content-length')));
        const file = path.join(path.dirname(originalsDir), `${kind}-${randomBytes(4).toString('hex')}.zip`);
        await writeFile(file, bytes);
        await run('unzip', ['-tq', file]);
        const listing = await run('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(sorted(z.namelist())))', file]);
        expect(listing.stdout.trim().split('\n')).toEqual(['Café déjà vu.jpg', 'photo (2).jpg', 'photo.jpg']);
        const first = await run('unzip', ['-p', file, 'photo.jpg'], { encoding: 'buffer', maxBuffer: 1024 * 1024 });
        expect(first.stdout.equals(await readFile(path.join(originalsDir, 'a1--photo.jpg')))).toBe(true);
      } finally {
        await host.stop();
      }
    }, 180_000);
  });
});
