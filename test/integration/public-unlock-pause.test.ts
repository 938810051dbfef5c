/**
 * A refused unlock is answered after a pause (issue 5, budget 6): clients guessing in a
 * closed loop then send a few guesses a second instead of as many as the server can refuse.
 */
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../helpers/databases.js';
import { API, startPluginServer, type PluginServer } from '../helpers/plugin-server.js';

describe.each(TEST_ENGINES)('refused unlocks on %s', (engine) => {
  let server: PluginServer;
  beforeEach(async () => {
    server = await startPluginServer({ engine, options: { throttle: { freeAttempts: 1, refusalPauseSeconds: 1 } } });
  });
  afterEach(() => server.close());

  it('answers a wrong password at once and a throttled guess after the pause', async () => {
    const created = await server.as('editor1:editor').post(API, { title: 'Locked', password: 'right', assetIds: ['a1'] });
    const unlock = `${new URL(created.json.url as string).pathname}/unlock`;
    const guess = async () => {
      const started = performance.now();
      const response = await fetch(`${server.baseUrl}${unlock}`, { method: 'POST', body: new URLSearchParams({ password: 'wrong' }), redirect: 'manual' });
      await response.arrayBuffer();
      return { status: response.status, ms: performance.now() - started };
    };
    const wrong = await guess();
    expect(wrong.status).toBe(401);
    expect(wrong.ms).toBeLessThan(900);
    const throttled = await guess();
    expect(throttled.status).toBe(429);
    expect(throttled.ms).toBeGreaterThanOrEqual(990);
  });
});
