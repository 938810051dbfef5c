import { defineConfig } from 'vitest/config';

/** `npm run test:package`: the packed plugin in fresh consumer apps (not part of `npm test`: it packs and installs). */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/package/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // One consumer host at a time: each is a whole server, and installs share npm's cache.
    fileParallelism: false,
  },
});
