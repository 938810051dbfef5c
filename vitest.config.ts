import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/** Tests load the plugin package (`koa-shared-collections`, as the demo imports it) from its TypeScript sources. */
const SOURCE_CONDITION = 'shared-collections-source';

export default defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
  test: {
    include: ['scripts/**/*.test.ts', 'shared/**/*.test.ts', 'server-plugin/**/*.test.ts', 'demo/**/*.test.ts', 'extension/**/*.test.ts', 'test/**/*.test.ts'],
    // test/package/ and test/windows/ run on their own (npm run test:package, test:windows):
    // they pack the plugin and install it, the second under Wine.
    exclude: ['**/node_modules/**', 'server-plugin/dist/**', 'test/package/**', 'test/windows/**'],
    // Limits that only stop a test that hangs: with both cores busy (npm test beside another
    // load), a test that checks three ZIPs with unzip and Python took 15-33 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { SC_QUIET_ENGINES: '' },
  },
});
