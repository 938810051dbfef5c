/**
 * A refused unlock is answered after a pause (issue 5, budget 6): clients guessing in a
 * closed loop then send a few guesses a second instead of as many as the server can refuse.
 */
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../helpers/databases.js';
import { API, startPluginServer, type PluginServer } from '../helpers/plugin-server.js';

describe.each(TEST_ENGINES)('refused unlocks on %s', (engine) => {
  let server: PluginServer | undefined;
  afterEach(() => server?.close());

  async function lockedUnlockPath(): Promise<string> {
    const created = await server!.as('editor1:editor').post(API, { title: 'Locked', password: 'right', assetIds: ['a1'] });
    return `${new URL(created.json.url as string).pathname}/unlock`;
  }
  async function guess(path: string): Promise<{ status: number; ms: number }> {
    const started = performance.now();
    const response = await fetch(`${server!.baseUrl}${path}`, { method: 'POST', body: new URLSearchParams({ password: 'wrong' }), redirect: 'manual' });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  }

  it('answers a wrong password without the pause', async () => {
    // A pause far longer than the test's own limit: a wrong password that waited for it would time out.
    server = await startPluginServer({ engine, options: { throttle: { freeAttempts: 1, refusalPauseSeconds: 60 } } });
    expect((await guess(await lockedUnlockPath())).status).toBe(401);
  });

  it('answers a throttled guess no sooner than the pause', async () => {
    // The plugin's clock stands still: the back-off after the first guess cannot run out on a slow machine.
    const frozen = new Date();
    server = await startPluginServer({ engine, now: () => frozen, options: { throttle: { freeAttempts: 1, refusalPauseSeconds: 1 } } });
    const path = await lockedUnlockPath();
    expect((await guess(path)).status).toBe(401);
    const throttled = await guess(path);
    expect(throttled.status).toBe(429);
    // A lower bound holds on any machine: a timer never fires early.
    expect(throttled.ms).toBeGreaterThanOrEqual(990);
  });
});
