// First run: with no dataset anywhere the app says so on every view and points to Settings.
// There, a download from a mirror serving the fixture slice runs with progress and is refused
// by the checksum verification (the slice is not the official archive), installing nothing;
// choosing the fixture folder makes the app usable without a restart.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeCifarArchive } from '../helpers/fixture-data.ts';
import { FIXTURE_DATA, SCREENSHOTS, startServe } from './serve-fixture.ts';

test('no dataset: the app says so, and a folder chosen in Settings is used', async ({ page }) => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'sweeplab-e2e-first-'));
  const archive = readFileSync(await makeCifarArchive(path.join(home, 'slice.tar.gz')));
  const mirror = createServer((_req, res) => res.end(archive));
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
  const mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/cifar-10-binary.tar.gz`;
  // The app downloads only from the official archive or a mirror the user configured.
  const { child, url } = await startServe(home, null, ['--data-mirror', mirrorUrl]);
  try {
    await page.goto(url);
    const banner = page.getByTestId('no-data');
    await expect(banner).toContainText('No CIFAR-10 dataset configured');
    await expect(banner).toContainText('sweeplab data fetch');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'first-run.png'), fullPage: false });
    await page.goto(`${url}#/settings`);

    await page.getByTestId('fetch-where').locator('input').fill(path.join(home, 'data'));
    await page.getByTestId('fetch-url').locator('input').fill(mirrorUrl);
    await page.getByTestId('fetch-start').click();
    await expect(page.getByTestId('fetch-phase')).toContainText('failed');
    await expect(page.getByTestId('fetch-message')).toContainText('do not match the CIFAR-10 SHA-256 sums; nothing was installed');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'settings-fetch.png'), fullPage: true });
    await expect(page.getByTestId('no-data')).toBeVisible();

    await page.getByTestId('data-path').locator('input').fill(FIXTURE_DATA);
    await page.getByTestId('save-data').click();
    await expect(page.getByTestId('data-ok')).toContainText(FIXTURE_DATA);
    await expect(page.getByTestId('no-data')).toHaveCount(0);
  } finally {
    mirror.close();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
    rmSync(home, { recursive: true, force: true });
  }
});
