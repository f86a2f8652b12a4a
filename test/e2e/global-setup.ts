// Before the e2e suite: a browser (found, or Playwright's Chromium installed; with none, the
// suite stops here with one message instead of failing every test), and `sweeplab serve` serves
// the built renderer, so build it when the build is missing or older than the sources it comes
// from (CI builds first; this is for `npm test` on a working copy).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBrowser, NoBrowserError } from './browser.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export default function globalSetup(): void {
  try {
    ensureBrowser();
  } catch (err) {
    if (!(err instanceof NoBrowserError)) throw err;
    // Playwright would print a stack under a thrown error; the message is the whole story.
    console.error(err.message);
    process.exit(1);
  }
  const built = path.join(repo, 'out/renderer/index.html');
  const sources = Math.max(newestMtime(path.join(repo, 'src/renderer')), newestMtime(path.join(repo, 'src/shared')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('e2e: building the app first (out/renderer is missing or older than src/)');
  execFileSync(process.execPath, [path.join(repo, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: repo, stdio: 'inherit' });
}
