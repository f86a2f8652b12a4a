// Builds the app (`electron-vite build`: main, CLI, workers, preload, renderer into out/) when
// the build is missing or older than the sources it comes from. CI builds first; this is for
// `npm test` on a working copy, before tests that run the build (the UI suite, the packaged layout).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
const OUTPUTS = ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const SOURCES = ['src', 'workers', 'electron.vite.config.ts', 'package.json'];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  if (!statSync(entry).isDirectory()) return statSync(entry).mtimeMs;
  let newest = 0;
  for (const file of readdirSync(entry, { withFileTypes: true, recursive: true })) {
    if (file.isFile()) newest = Math.max(newest, statSync(path.join(file.parentPath, file.name)).mtimeMs);
  }
  return newest;
}

/**
 * True when it had to build. Test files run in parallel, so one builds while the others wait
 * for it (a lock folder in out/), rather than two builds writing out/ at once or a test reading
 * a half-written out/.
 */
export function ensureBuilt(log: (line: string) => void = console.log): boolean {
  const lock = path.join(REPO, 'out', '.build-lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 15 * 60_000) rmSync(lock, { recursive: true, force: true }); // left by a killed run
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return buildIfStale(log);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function buildIfStale(log: (line: string) => void): boolean {
  const sources = Math.max(...SOURCES.map((entry) => newestMtime(path.join(REPO, entry))));
  const outputs = OUTPUTS.map((file) => path.join(REPO, file));
  if (outputs.every((file) => existsSync(file) && statSync(file).mtimeMs >= sources)) return false;
  log('building the app first (out/ is missing or older than the sources)');
  execFileSync(process.execPath, [path.join(REPO, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: REPO, stdio: 'inherit' });
  return true;
}
