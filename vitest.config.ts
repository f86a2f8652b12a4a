import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Compiles the .vue components that test/renderer mounts (in happy-dom, set per file).
  plugins: [vue()],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Numerics tests are CPU-bound; two cores, two forks.
    pool: 'forks',
    maxWorkers: 2,
  },
});
