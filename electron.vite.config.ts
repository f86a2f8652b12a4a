import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The Electron main process, the `sweeplab` CLI (bin/sweeplab.mjs runs it outside a
        // checkout) and every worker entry, with their shared chunks flat beside them: the run-time
        // code finds the workers, the renderer and resources/ from its own folder
        // (src/main/app-layout.ts), so nothing at run time needs tsx or the sources.
        input: {
          index: resolve(root, 'src/main/index.ts'),
          cli: resolve(root, 'src/cli/main.ts'),
          train: resolve(root, 'workers/train.ts'),
          analysis: resolve(root, 'workers/analysis.ts'),
        },
        output: { chunkFileNames: '[name]-[hash].js' },
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
