import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Numerics tests are CPU-bound; two cores, two forks.
    pool: 'forks',
    maxWorkers: 2,
  },
});
