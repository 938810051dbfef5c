/**
 * A small in-memory DamHost for tests: users come from a request header, assets are
 * Buffers. Tests delete an asset (`assets.delete(id)`) or hide it (`unreadable.add(id)`).
 * It has the optional `openableAssets`, as the demo does; the public suites' host
 * (test/integration/public-harness.ts) has no optional method, so ZIPs take both paths.
 *
 * @example
 * const host = createFakeDamHost({ assetIds: ['a1', 'a2'] });
 * fetch(url, { headers: { [TEST_USER_HEADER]: 'editor1:editor' } });
 */
import { Readable } from 'node:stream';
import type { Context } from 'koa';
import type { AssetMetadata, ByteRange, DamHost, DamUser, Role } from '../../server-plugin/dam-host.js';

/** `<user id>:<role>`, e.g. `editor1:editor`; the user's name is `Name of <id>`. */
export const TEST_USER_HEADER = 'x-test-user';
const ROLES = new Set<Role>(['administrator', 'editor', 'viewer', 'guest']);

/** The user a request names in TEST_USER_HEADER, or null (the fake hosts' `currentUser`). */
export function parseTestUser(ctx: Context): DamUser | null {
  const [id, role] = ctx.get(TEST_USER_HEADER).split(':');
  return id && ROLES.has(role as Role) ? { id, name: `Name of ${id}`, role: role as Role } : null;
}

export interface FakeAsset {
  meta: AssetMetadata;
  contents: Buffer;
}

export interface FakeDamHost extends DamHost {
  assets: Map<string, FakeAsset>;
  /** Ids that exist but nobody may read (an ACL the plugin must respect). */
  unreadable: Set<string>;
  addAsset(id: string, contents?: Buffer, name?: string): FakeAsset;
}

export function createFakeDamHost(options: { assetIds?: readonly string[] } = {}): FakeDamHost {
  const assets = new Map<string, FakeAsset>();
  const unreadable = new Set<string>();
  const present = (ids: readonly string[]) => ids.filter((id) => assets.has(id));
  const open = (id: string, slice?: { start: number; end: number }) => {
    const asset = assets.get(id);
    if (!asset) return null;
    const bytes = slice ? asset.contents.subarray(slice.start, slice.end + 1) : asset.contents;
    return { stream: Readable.from([bytes]), size: asset.contents.length, mime: asset.meta.mime };
  };
  const host: FakeDamHost = {
    assets,
    unreadable,
    addAsset(id, contents = Buffer.from(`contents of ${id}`), name = `${id}.jpg`) {
      const meta = { id, name, mime: 'image/jpeg', size: contents.length, width: 640, height: 480, modifiedAt: new Date(0) };
      assets.set(id, { meta, contents });
      return assets.get(id)!;
    },
    currentUser: async (ctx) => parseTestUser(ctx),
    readableAssetIds: async (_user, ids) => new Set(present(ids).filter((id) => !unreadable.has(id))),
    assetMetadata: async (ids) => new Map(present(ids).map((id) => [id, assets.get(id)!.meta])),
    openOriginal: async (id, range) => open(id, range),
    // Like the demo's, one lookup for a ZIP; each file then opens through `openOriginal`, so a
    // test that replaces it sees every file a ZIP opens.
    openableAssets: async (ids) =>
      new Map(present(ids).map((id) => [id, { ...assets.get(id)!.meta, open: (range?: ByteRange) => host.openOriginal(id, range) }])),
    openRendition: async (id) => open(id),
    // Every asset doubles as its own playable video, so the public video route has bytes to serve.
    openPlayable: async (id) => {
      const asset = assets.get(id);
      if (!asset) return null;
      return { size: asset.contents.length, mime: 'video/mp4', modifiedAt: asset.meta.modifiedAt, open: async (range) => open(id, range)?.stream ?? null };
    },
  };
  for (const id of options.assetIds ?? []) host.addAsset(id);
  return host;
}
