// Debian's Chromium for the UI bench, started one of two ways. 'own': by Playwright, which
// starts it in a session of its own (setsid) — on Linux, with autogroup scheduling, a CPU
// group of its own, as a browser opened on the desktop beside a `sweeplab serve` started in
// a terminal. 'app': by this process, in its session, as the serve process is, then reached
// over CDP — the arrangement of the desktop app, whose renderer is a child of the Electron
// process that runs the training threads (the threads' lower priority then works as there).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { Browser } from '@playwright/test';

export type Session = 'app' | 'own';

const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // A page whose files come from page.route has no address, so Chromium would count it as public and block its WebSocket to 127.0.0.1.
  '--disable-features=LocalNetworkAccessChecks'];

export interface BenchBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchBrowser(session: Session): Promise<BenchBrowser> {
  if (session === 'own') {
    const browser = await chromium.launch({ executablePath: EXECUTABLE, args: ARGS });
    return { browser, close: () => browser.close() };
  }
  const profile = mkdtempSync(path.join(os.tmpdir(), 'sweeplab-ui-bench-chromium-'));
  const child = spawn(EXECUTABLE, [...ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${EXECUTABLE} exited (${code}) before it listened:\n${err}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  return {
    browser,
    async close() {
      await browser.close();
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
      // Chromium's helper processes can still be writing to the profile as the browser exits,
      // for seconds at times (ENOTEMPTY on its Default folder after 20 retries 250 ms apart):
      // then the folder stays behind, and the bench goes on.
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
      } catch (err) {
        console.warn(`(left ${profile} behind: ${(err as Error).message})`);
      }
    },
  };
}
