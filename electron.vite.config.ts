import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The Piscina worker is its own entry, built beside index.js (LabService gets its path).
        input: {
          index: resolve(root, 'src/main/index.ts'),
          train: resolve(root, 'workers/train.ts'),
          // The Run view's analyses (confusion matrix, gradient check): LabService gets its path too.
          analysis: resolve(root, 'src/main/engine/analysis-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot be an ES module: CommonJS, named .cjs under "type": "module".
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [vue()],
    build: {
      rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
    },
  },
});
