import { defineConfig } from 'vitest/config';

/**
 * `npm run test:windows`: the packed plugin on Node for Windows under Wine. Not part of
 * `npm test`, which must run without Wine.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/windows/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 900_000,
    pool: 'forks',
    // One Windows server at a time: they share the Wine prefix, npm's cache and two cores.
    fileParallelism: false,
  },
});
