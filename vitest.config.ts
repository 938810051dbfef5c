import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['scripts/**/*.test.ts', 'shared/**/*.test.ts', 'server-plugin/**/*.test.ts', 'demo/**/*.test.ts', 'extension/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { SC_QUIET_ENGINES: '' },
  },
});
