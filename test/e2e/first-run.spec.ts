// First run: with no dataset anywhere the app says so on every view and points to Settings;
// choosing the fixture folder there makes it usable without a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { FIXTURE_DATA, SCREENSHOTS, startServe } from './serve-fixture.ts';

test('no dataset: the app says so, and a folder chosen in Settings is used', async ({ page }) => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'sweeplab-e2e-first-'));
  const { child, url } = await startServe(home, null);
  try {
    await page.goto(url);
    const banner = page.getByTestId('no-data');
    await expect(banner).toContainText('No CIFAR-10 dataset configured');
    await expect(banner).toContainText('sweeplab data fetch');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'first-run.png'), fullPage: false });
    await page.goto(`${url}#/settings`);
    await page.getByTestId('data-path').locator('input').fill(FIXTURE_DATA);
    await page.getByTestId('save-data').click();
    await expect(page.getByTestId('data-ok')).toContainText(FIXTURE_DATA);
    await expect(page.getByTestId('no-data')).toHaveCount(0);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
    rmSync(home, { recursive: true, force: true });
  }
});
