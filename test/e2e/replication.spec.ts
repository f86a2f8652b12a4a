// The Replication view against `sweeplab serve`: a `sweeplab replicate --quick` stopped with
// Ctrl-C leaves runs in the queue; serve's lab runs them and the view follows, run by run, to
// the end. Then a complete quick replication shows every section of the report (screenshot).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from '@playwright/test';
import { RunStore } from '../../src/main/store/run-store.ts';
import { runCli, startCli } from '../helpers/run-cli.ts';
import { FIXTURE_DATA, SCREENSHOTS, startServe } from './serve-fixture.ts';

function completed(home: string): number {
  try {
    const store = RunStore.open(home, 'test', { readonly: true });
    try {
      return store.listRuns({ status: 'completed' }).length;
    } finally {
      store.close();
    }
  } catch {
    return 0; // no store yet
  }
}

async function withServe(home: string, body: (url: string) => Promise<void>): Promise<void> {
  const { child, url } = await startServe(home);
  try {
    await body(url);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
    rmSync(home, { recursive: true, force: true });
  }
}

test('an interrupted replication finishes in the app, and the view follows it', async ({ page }) => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'sweeplab-e2e-rep-'));
  const cli = startCli(['replicate', '--quick', '--only', 'presets', '--workers', '1', '--home', home, '--data', FIXTURE_DATA]);
  const deadline = Date.now() + 60_000;
  while (completed(home) < 1 && Date.now() < deadline) await sleep(50);
  cli.child.kill('SIGINT');
  expect((await cli.result).code).toBe(130);
  const left = 6 - completed(home);
  expect(left).toBeGreaterThan(0);

  await withServe(home, async (url) => {
    await page.goto(`${url}#/replication`);
    await expect(page.getByTestId('replication-presets')).toContainText('ex2.1-a2');
    await expect(page.getByTestId('replication-state')).toHaveText('6 / 6 runs', { timeout: 60_000 });
    await expect(page.getByTestId('replication-presets')).not.toContainText('queued');
  });
});

test('a finished quick replication shows every section of the report', async ({ page }) => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'sweeplab-e2e-rep-'));
  const cli = await runCli(['replicate', '--quick', '--repeats', '1', '--home', home, '--data', FIXTURE_DATA]);
  expect(cli.code, cli.stderr).toBe(0);

  await withServe(home, async (url) => {
    await page.goto(`${url}#/replication`);
    await expect(page.getByTestId('replication-state')).toHaveText('finished');
    await expect(page.getByTestId('replication-summary')).toContainText('Gradient checks: all 6 pass');
    await expect(page.getByTestId('replication-gradcheck')).toContainText('20-50-50-50-10');
    await expect(page.getByTestId('replication-lambda')).toContainText('Best-λ runs');
    await expect(page.getByTestId('replication-lambda').locator('canvas')).toHaveCount(1);
    await expect(page.getByTestId('replication-sigma')).toContainText('0.0001');
    await expect(page.getByTestId('replication-curves').locator('canvas')).toHaveCount(3);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'replication.png'), fullPage: true });
  });
});
