import knexFactory, { type Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withQueryTimeout } from './query-timeout.js';

describe('withQueryTimeout', () => {
  let host: Knex;
  beforeEach(async () => {
    host = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await host.schema.createTable('t', (table) => table.integer('n'));
  });
  afterEach(() => host.destroy());

  it('gives every query of the clone a timeout, leaves the host its own and keeps a timeout a query set', async () => {
    const timeouts: unknown[] = [];
    // BEGIN and COMMIT are the transaction's own statements, not builders: they have no timeout.
    host.on('query', (query: { sql: string; timeout?: unknown }) => {
      if (!/^(BEGIN|COMMIT)/i.test(query.sql)) timeouts.push(query.timeout);
    });
    const own = withQueryTimeout(host, 500);
    await own('t').select('n');
    await own.raw('select 1');
    await own.transaction(async (trx) => trx('t').insert({ n: 1 }));
    await own('t').select('n').timeout(50);
    await host('t').select('n');
    expect(timeouts).toEqual([500, 500, 500, 50, false]);
  });

  it('lets host listeners added before and after hear each of its queries once', async () => {
    const heard: string[] = [];
    host.on('query', () => heard.push('before'));
    const own = withQueryTimeout(host, 500);
    host.on('query', () => heard.push('after'));
    await own('t').select('n');
    expect(heard).toEqual(['before', 'after']);
  });
});
