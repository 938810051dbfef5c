import { describe, expect, it } from 'vitest';
import knexFactory from 'knex';
import type { DamHost } from './dam-host.js';
import { parseOptions } from './options.js';

const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
const host: DamHost = {
  currentUser: async () => null,
  readableAssetIds: async () => new Set(),
  assetMetadata: async () => new Map(),
  openOriginal: async () => null,
  openRendition: async () => null,
};

describe('parseOptions', () => {
  it('fills every default', () => {
    const options = parseOptions({ knex, host });
    expect(options).toMatchObject({
      apiPrefix: '/api/shared-collections',
      publicPrefix: '/s',
      tablePrefix: 'sc_',
      publicBaseUrl: undefined,
      keys: undefined,
      bcryptRounds: 12,
      requestTimeoutSeconds: 20,
      publicCacheSeconds: 1,
      throttle: { freeAttempts: 5, baseDelaySeconds: 1, maxDelaySeconds: 900, windowSeconds: 3600, probeLimit: 30, refusalPauseSeconds: 1 },
    });
    expect(options.now()).toBeInstanceOf(Date);
    expect(options.randomBytes(24)).toHaveLength(24);
  });

  it('logs to the console as it is when logging, not as it was at start-up', () => {
    const { logger } = parseOptions({ knex, host });
    const original = console.error;
    const heard: unknown[][] = [];
    console.error = (...args: unknown[]) => heard.push(args);
    try {
      logger.error('shared-collections: something failed', { code: 'X' });
    } finally {
      console.error = original;
    }
    expect(heard).toEqual([['shared-collections: something failed', { code: 'X' }]]);
  });

  it('keeps the origin of publicBaseUrl', () => {
    expect(parseOptions({ knex, host, publicBaseUrl: 'https://dam.example.com' }).publicBaseUrl).toBe('https://dam.example.com');
  });

  it.each([
    [{ host }, 'options.knex is missing'],
    [{ knex }, 'options.host is missing'],
    [{ knex, host: { ...host, openOriginal: undefined } }, 'options.host is missing openOriginal()'],
    [{ knex, host: { ...host, openableAssets: 'yes' } }, 'options.host.openableAssets must be a function when present'],
    [{ knex, host, apiPrefix: 'api/' }, 'options.apiPrefix'],
    [{ knex, host, publicPrefix: '/s/' }, 'options.publicPrefix'],
    [{ knex, host, tablePrefix: 'SC-' }, 'options.tablePrefix'],
    [{ knex, host, publicBaseUrl: 'ftp://x' }, 'options.publicBaseUrl'],
    [{ knex, host, publicBaseUrl: 'https://x.com/path' }, 'options.publicBaseUrl'],
    [{ knex, host, keys: [] }, 'options.keys'],
    [{ knex, host, now: 'today' }, 'options.now'],
    [{ knex, host, bcryptRounds: 31 }, 'options.bcryptRounds'],
    [{ knex, host, throttle: { freeAttempts: 0 } }, 'options.throttle.freeAttempts'],
    [{ knex, host, throttle: { refusalPauseSeconds: -1 } }, 'options.throttle.refusalPauseSeconds'],
    [{ knex, host, requestTimeoutSeconds: 0 }, 'options.requestTimeoutSeconds'],
    [{ knex, host, requestTimeoutSeconds: 601 }, 'options.requestTimeoutSeconds'],
    [{ knex, host, requestTimeoutSeconds: 1.5 }, 'options.requestTimeoutSeconds'],
    [{ knex, host, publicCacheSeconds: -1 }, 'options.publicCacheSeconds'],
    [{ knex, host, publicCacheSeconds: 61 }, 'options.publicCacheSeconds'],
    [{ knex, host, logger: {} }, 'options.logger'],
  ])('names the bad option %#', (raw, message) => {
    expect(() => parseOptions(raw)).toThrow(message);
  });
});
