/**
 * What a ZIP asks of the host, through the plugin over HTTP: one lookup of the collection's
 * assets, whichever optional method the host has, never one per file; and the archive is
 * whole and exact either way. The demo's side (one catalog query) is zip-queries.test.ts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ByteRange, DamHost } from '../../server-plugin/dam-host.js';
import { TEST_ENGINES } from '../helpers/databases.js';
import { createFakeDamHost } from '../helpers/fake-dam-host.js';
import { API, startPluginServer } from '../helpers/plugin-server.js';
import { inspectWithPython, testWithUnzip } from './zip-fixtures.js';

const LOOKUPS = ['assetMetadata', 'originalOpeners', 'openableAssets'] as const;
type Lookup = (typeof LOOKUPS)[number];
const IDS = Array.from({ length: 40 }, (_, i) => `f${i}`);

/** The fake host with only the optional methods in `keep`, counting every lookup and every file opened. */
function countingHost(keep: readonly Lookup[]) {
  const fake = createFakeDamHost({ assetIds: IDS });
  const calls: Record<Lookup | 'opened', number> = { assetMetadata: 0, originalOpeners: 0, openableAssets: 0, opened: 0 };
  const host: DamHost = {
    currentUser: fake.currentUser,
    readableAssetIds: fake.readableAssetIds,
    openRendition: fake.openRendition,
    openOriginal: (id, range) => {
      calls.opened += 1;
      return fake.openOriginal(id, range);
    },
    assetMetadata: (ids) => {
      calls.assetMetadata += 1;
      return fake.assetMetadata(ids);
    },
    ...(keep.includes('originalOpeners') && {
      originalOpeners: async (ids) => {
        calls.originalOpeners += 1;
        return new Map(ids.map((id) => [id, (range?: ByteRange) => host.openOriginal(id, range)]));
      },
    }),
    ...(keep.includes('openableAssets') && {
      openableAssets: async (ids) => {
        calls.openableAssets += 1;
        const metadata = await fake.assetMetadata(ids);
        return new Map([...metadata].map(([id, meta]) => [id, { ...meta, open: (range?: ByteRange) => host.openOriginal(id, range) }]));
      },
    }),
  };
  return { host, calls };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zip-host-calls-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.each(TEST_ENGINES)('the host lookups of a ZIP on %s', (engine) => {
  it.each([
    { keep: ['openableAssets', 'originalOpeners'] as Lookup[], expected: { openableAssets: 1, assetMetadata: 0, originalOpeners: 0 } },
    { keep: ['originalOpeners'] as Lookup[], expected: { openableAssets: 0, assetMetadata: 1, originalOpeners: 1 } },
    { keep: [] as Lookup[], expected: { openableAssets: 0, assetMetadata: 1, originalOpeners: 0 } },
  ])('with $keep: $expected, and each file opened once', async ({ keep, expected }) => {
    const { host, calls } = countingHost(keep);
    const server = await startPluginServer({ engine, host });
    try {
      const created = await server.as('editor1:editor').post(API, { title: 'Forty', assetIds: IDS, allowDownload: true });
      expect(created.status).toBe(201);
      const token = new URL(created.json.url as string).pathname.split('/').pop();
      for (const key of Object.keys(calls) as (keyof typeof calls)[]) calls[key] = 0;
      const response = await fetch(`${server.baseUrl}/s/${token}/download`);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(response.status).toBe(200);
      expect(bytes.length).toBe(Number(response.headers.get('content-length')));
      expect({ openableAssets: calls.openableAssets, assetMetadata: calls.assetMetadata, originalOpeners: calls.originalOpeners }).toEqual(expected);
      expect(calls.opened).toBe(IDS.length);
      const file = path.join(dir, `${engine}-${keep.join('-') || 'none'}.zip`);
      await writeFile(file, bytes);
      await testWithUnzip(file);
      const report = await inspectWithPython(file);
      expect(report.entries.map((entry) => entry.name)).toEqual(IDS.map((id) => `${id}.jpg`));
    } finally {
      await server.close();
    }
  });
});
