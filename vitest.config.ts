import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/** Tests load the plugin package (`koa-shared-collections`, as the demo imports it) from its TypeScript sources. */
const SOURCE_CONDITION = 'shared-collections-source';

export default defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
  test: {
    include: ['scripts/**/*.test.ts', 'shared/**/*.test.ts', 'server-plugin/**/*.test.ts', 'demo/**/*.test.ts', 'extension/**/*.test.ts', 'test/**/*.test.ts'],
    // test/package/ runs on its own (npm run test:package): it packs the plugin and installs it.
    exclude: ['**/node_modules/**', 'server-plugin/dist/**', 'test/package/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { SC_QUIET_ENGINES: '' },
  },
});
