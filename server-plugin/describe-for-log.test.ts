import { describe, expect, it } from 'vitest';
import { describeForLog } from './describe-for-log.js';

describe('describeForLog', () => {
  it('redacts tokens and bcrypt hashes that knex inlines into failed SQL', () => {
    const hash = '$2b$12$' + 'a'.repeat(53);
    const error = new Error(`insert into sc_collections values ('AbCdEfGhIjKlMnOpQrStUvWxYz012345', '${hash}') - ER_X`);
    const logged = JSON.stringify(describeForLog(error));
    expect(logged).not.toContain('AbCdEfGhIjKlMnOpQrStUvWxYz012345');
    expect(logged).not.toContain(hash);
    expect(logged).toContain('ER_X');
  });
});
