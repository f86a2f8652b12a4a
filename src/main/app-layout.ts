// Where the files the running code needs are: the worker entries, the built renderer, the
// resources (CIFAR-10 sums) and package.json. Two layouts, told apart by this module's own file:
// the build (every entry and chunk flat in out/main/, see electron.vite.config.ts) and the
// sources run through tsx or vitest (src/main/). Both sit two folders below the package root, so
// the root is a fixed step up, never a search. In a packaged app the root is app.asar, whose
// worker entries are unpacked (electron-builder.yml) because worker threads load real files.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type WorkerName = 'train' | 'analysis';

const self = fileURLToPath(import.meta.url);
const fromSource = /\.[cm]?ts$/.test(self);

/** The package's root folder: the checkout, the installed npm package, or app.asar. */
export const PACKAGE_ROOT = path.resolve(path.dirname(self), '..', '..');

/** Worker sources, for tests and `npx sweeplab` from a checkout (run through tsx's loader). */
const WORKER_SOURCES: Record<WorkerName, string> = {
  train: 'workers/train.ts',
  analysis: 'workers/analysis.ts',
};

export function workerEntry(name: WorkerName): string {
  if (fromSource) return path.join(PACKAGE_ROOT, WORKER_SOURCES[name]);
  return unpacked(path.join(path.dirname(self), `${name}.js`));
}

/** The built renderer that `sweeplab serve` serves and the window loads. */
export function rendererDir(): string {
  return path.join(PACKAGE_ROOT, 'out', 'renderer');
}

export function resourceFile(name: string): string {
  return path.join(PACKAGE_ROOT, 'resources', name);
}

export function packageJsonFile(): string {
  return path.join(PACKAGE_ROOT, 'package.json');
}

/** A file inside app.asar that electron-builder unpacked beside it (asarUnpack). */
export function unpacked(file: string): string {
  const marker = `${path.sep}app.asar${path.sep}`;
  return file.includes(marker) ? file.replace(marker, `${path.sep}app.asar.unpacked${path.sep}`) : file;
}
