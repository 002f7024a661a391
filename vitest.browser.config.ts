import { defineConfig } from 'vitest/config';

// Browser tests drive Debian's Chromium (playwright-core) against the BUILT dist/,
// so `npm run build` must run first. One file at a time: two cores, one browser each.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
