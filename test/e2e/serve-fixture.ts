// A `sweeplab serve` per test file: a fresh temporary home, the committed CIFAR-10 slice as
// data, one worker (so runs queue and the test can watch one start), any free port. The URL
// (with its token) is read from the server's stdout; the server is stopped with SIGINT.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';

const repo = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURE_DATA = path.join(repo, 'test/fixtures/cifar-10-batches-bin');
export const SCREENSHOTS = path.join(repo, 'test-results/screenshots');

export interface Served {
  url: string;
  home: string;
}

/** `data: null` starts it with no dataset anywhere (no --data, no $SWEEPLAB_DATA, an empty XDG_DATA_HOME); `more` are further flags. */
export async function startServe(home: string, data: string | null = FIXTURE_DATA, more: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const args = [path.join(repo, 'bin/sweeplab.mjs'), 'serve', '--home', home, '--workers', '1', ...(data ? ['--data', data] : []), ...more];
  const env = data ? process.env : { ...process.env, SWEEPLAB_DATA: '', XDG_DATA_HOME: path.join(home, 'xdg') };
  const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving at (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`sweeplab serve exited with ${code}: ${err}`)));
  });
  return { child, url };
}

export const test = base.extend<object, { served: Served }>({
  // Playwright reads a fixture's dependencies from its destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  served: [async ({}, use) => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'sweeplab-e2e-'));
    const { child, url } = await startServe(home);
    await use({ url, home });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
    rmSync(home, { recursive: true, force: true });
  }, { scope: 'worker' }],
});

export { expect } from '@playwright/test';

/**
 * A serve and home of the calling spec file alone (the worker-scoped `served` fixture is shared
 * by every spec file of a Playwright worker): started before its tests, stopped and removed after.
 */
export function ownServe(prefix: string): { url: string; home: string } {
  const served = { url: '', home: '' };
  let child: ChildProcess;
  base.beforeAll(async () => {
    served.home = mkdtempSync(path.join(os.tmpdir(), prefix));
    ({ child, url: served.url } = await startServe(served.home));
  });
  base.afterAll(async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
    rmSync(served.home, { recursive: true, force: true });
  });
  return served;
}
