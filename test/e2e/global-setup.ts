// Before the e2e suite: a browser (found, or Playwright's Chromium installed; with none, the
// suite stops here with one message instead of failing every test), and `sweeplab serve` serves
// the built renderer, so build it when the build is missing or older than the sources it comes
// from (CI builds first; this is for `npm test` on a working copy).
import { ensureBuilt } from '../helpers/ensure-build.ts';
import { ensureBrowser, NoBrowserError } from './browser.ts';

export default function globalSetup(): void {
  try {
    ensureBrowser();
  } catch (err) {
    if (!(err instanceof NoBrowserError)) throw err;
    // Playwright would print a stack under a thrown error; the message is the whole story.
    console.error(err.message);
    process.exit(1);
  }
  ensureBuilt((line) => console.log(`e2e: ${line}`));
}
