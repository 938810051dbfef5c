/**
 * The plugin server (test/helpers/plugin-server.ts) with what the public-side suites add: a
 * fake DamHost of small real PNGs that tracks the original streams it opened, a clock stepped
 * by hand so back-off and expiry need no waiting, and `share` to create a collection directly
 * in the store.
 *
 * @example
 * const h = await startPublicHarness(engine);
 * await addPngAssets(h.assets, ['beach.png']);
 * const { token } = await h.share({ assetIds: ['a1'], password: 'pw' });
 * h.clock.advance(60);
 */
import { randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import sharp from 'sharp';
import type { AssetMetadata, DamHost, DamUser } from '../../server-plugin/dam-host.js';
import type { SharedCollectionsOptions } from '../../server-plugin/options.js';
import { hashPassword } from '../../server-plugin/passwords.js';
import type { Collection, NewCollection } from '../../server-plugin/store/types.js';
import type { Engine } from '../helpers/databases.js';
import { type PluginServer, startPluginServer } from '../helpers/plugin-server.js';

export interface FakeAsset {
  meta: AssetMetadata;
  original: Buffer;
  /** Served as thumbnail and preview, unless `meta.hasPreview` is false. */
  rendition: Buffer;
  /** A video's playable rendition (`meta.playable` should say so). */
  playable?: { bytes: Buffer; mime: string };
}

export interface PublicHarness extends PluginServer<DamHost> {
  assets: Map<string, FakeAsset>;
  /** Names of streams the host opened and that are still open (file-handle leaks). */
  openStreams: Set<string>;
  clock: { now: Date; advance(seconds: number): void };
  share(input: Partial<NewCollection> & { assetIds: string[]; password?: string }): Promise<Collection>;
}

/** Requests carrying this header are "signed in to the DAM" as that user name. */
export const FAKE_USER_HEADER = 'x-fake-dam-user';

export async function addPngAssets(assets: Map<string, FakeAsset>, names: string[]): Promise<void> {
  for (const [index, name] of names.entries()) {
    const id = `a${assets.size + 1}`;
    const background = { r: (index * 70) % 256, g: (index * 130) % 256, b: 200 };
    const original = await sharp({ create: { width: 64, height: 48, channels: 3, background } }).png().toBuffer();
    const rendition = await sharp(original).resize(32).jpeg().toBuffer();
    const meta = { id, name, mime: 'image/png', size: original.length, width: 64, height: 48, modifiedAt: new Date('2026-01-02T03:04:05Z') };
    assets.set(id, { meta, original, rendition });
  }
}

function createFakeHost(assets: Map<string, FakeAsset>, openStreams: Set<string>): DamHost {
  const track = (label: string, bytes: Buffer): Readable => {
    // A PassThrough fed in chunks, so a client that leaves mid-file really interrupts a read.
    const stream = new PassThrough({ highWaterMark: 1024 });
    openStreams.add(label);
    stream.once('close', () => openStreams.delete(label));
    Readable.from(chunks(bytes, 1024)).pipe(stream);
    return stream;
  };
  return {
    async currentUser(ctx): Promise<DamUser | null> {
      const name = ctx.get(FAKE_USER_HEADER);
      return name ? { id: name, name, role: 'viewer' } : null;
    },
    async readableAssetIds(_user, ids) {
      return new Set(ids.filter((id) => assets.has(id)));
    },
    async assetMetadata(ids) {
      return new Map(ids.flatMap((id) => (assets.has(id) ? [[id, assets.get(id)!.meta] as const] : [])));
    },
    async openOriginal(id, range) {
      const asset = assets.get(id);
      if (!asset) return null;
      const bytes = range ? asset.original.subarray(range.start, range.end + 1) : asset.original;
      return { stream: track(`original:${id}:${randomBytes(4).toString('hex')}`, bytes), size: asset.original.length, mime: asset.meta.mime };
    },
    async openRendition(id) {
      const asset = assets.get(id);
      if (!asset || asset.meta.hasPreview === false) return null;
      return { stream: Readable.from([asset.rendition]), size: asset.rendition.length, mime: 'image/jpeg' };
    },
    async openPlayable(id) {
      const playable = assets.get(id)?.playable;
      if (!playable) return null;
      const { bytes, mime } = playable;
      return {
        size: bytes.length,
        mime,
        modifiedAt: new Date(0),
        open: async (range) => track(`playable:${id}:${randomBytes(4).toString('hex')}`, range ? bytes.subarray(range.start, range.end + 1) : bytes),
      };
    },
  };
}

function* chunks(bytes: Buffer, size: number): Generator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

export async function startPublicHarness(
  engine: Engine,
  options: { proxy?: boolean; options?: Partial<SharedCollectionsOptions> } = {},
): Promise<PublicHarness> {
  const clock = {
    now: new Date('2026-11-27T12:00:00.000Z'),
    advance(seconds: number) {
      clock.now = new Date(clock.now.getTime() + seconds * 1000);
    },
  };
  const assets = new Map<string, FakeAsset>();
  const openStreams = new Set<string>();
  const server = await startPluginServer({
    engine,
    host: createFakeHost(assets, openStreams),
    proxy: options.proxy,
    now: () => clock.now,
    ...(options.options ? { options: options.options } : {}),
  });
  return {
    ...server,
    assets,
    openStreams,
    clock,
    async share(input) {
      const { password, ...rest } = input;
      return server.plugin.collections.create({
        token: randomBytes(24).toString('base64url'),
        title: 'Holiday <b>2026</b>',
        description: 'Line one\nLine <two>',
        isPublic: true,
        passwordHash: password ? await hashPassword(password, 4) : null,
        expiresAt: null,
        allowDownload: true,
        ownerId: 'owner',
        ownerName: 'Owner',
        now: clock.now,
        ...rest,
      });
    },
  };
}
