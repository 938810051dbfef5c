import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AssetStream, ByteRange, OpenableAsset } from '../dam-host.js';
import { collectZipSources, type ZipHost } from './zip-sources.js';

/** An asset as a host may write it: `open` on the prototype, reading its own fields through `this`. */
class StoredFile implements OpenableAsset {
  readonly name: string;
  readonly mime = 'text/plain';
  readonly width = null;
  readonly height = null;
  readonly modifiedAt = new Date(Date.UTC(2024, 0, 1));

  constructor(
    readonly id: string,
    private readonly contents: Buffer,
  ) {
    this.name = `${id}.txt`;
  }

  get size(): number {
    return this.contents.length;
  }

  async open(range?: ByteRange): Promise<AssetStream> {
    const bytes = range ? this.contents.subarray(range.start, range.end + 1) : this.contents;
    return { stream: Readable.from([bytes]), size: this.size, mime: this.mime };
  }
}

describe('collectZipSources', () => {
  it("calls a host's open as a method of its asset, so it may live on a prototype", async () => {
    const files = new Map([['a', new StoredFile('a', Buffer.from('hello'))]]);
    const host = {
      openableAssets: async () => files,
      assetMetadata: () => Promise.reject(new Error('not asked when openableAssets exists')),
      openOriginal: () => Promise.reject(new Error('not asked when openableAssets exists')),
    } satisfies ZipHost;
    const { sources } = await collectZipSources(host, ['a']);
    const stream = await sources[0]!.open({ start: 1, end: 3 });
    expect(Buffer.concat(await stream.toArray())).toEqual(Buffer.from('ell'));
  });
});
