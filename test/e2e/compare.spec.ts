// The worker count and the Compare view's analysis tools against `sweeplab serve` (started
// with --workers 1) on the fixture slice: raising the count from the Queue runs two runs at
// once without a restart; in Compare an at-step column ("val acc @ step N") filled from the
// store, grouping by λ with a ±std band per group on the overlay, and parallel coordinates with
// a log λ axis. Screenshots go to test-results/screenshots/ (copies in docs/screenshots/).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { fill } from './form-helpers.ts';
import { ownServe, SCREENSHOTS } from './serve-fixture.ts';

test.describe.configure({ mode: 'serial' });

// Its own server and home: the worker-scoped one of serve-fixture.ts is shared with the other
// spec files, which expect one worker and their own run ids.
const served = ownServe('sweeplab-e2e-compare-');

async function api(page: Page, url: string, name: string, body: unknown): Promise<unknown> {
  return page.evaluate(async ({ url, name, body }) => {
    const token = new URL(url).searchParams.get('token');
    const res = await fetch(`/api/${name}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return ((await res.json()) as { value: unknown }).value;
  }, { url, name, body });
}

// Two λ values two decades apart, two seeds each; ~1,000 small updates per run on the slice,
// long enough to see two of them running side by side.
const sweep = {
  name: 'e2e-compare',
  base: { network: { hidden: [50], batchNorm: true }, lambda: 0.001, schedule: { stepSize: 250, cycles: 2 }, batchSize: 20, recordsPerCycle: 10, split: { kind: 'a2', trainLimit: 100 } },
  axes: [{ path: 'lambda', values: [0.001, 0.1] }],
  repeats: 2,
};

test('the worker count changed from the Queue applies at once: two runs run side by side', async ({ page }) => {
  await page.goto(served.url);
  await expect(page.getByTestId('lab-state')).toContainText('1 worker(s)');
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('lab-state')).toContainText('paused');
  await api(page, served.url, 'createSweep', { spec: sweep });
  await expect(page.getByTestId('queue-table').locator('tbody tr')).toHaveCount(4);

  await fill(page, 'workers', '2');
  await page.getByTestId('workers').locator('input').blur();
  await expect(page.getByTestId('lab-state')).toContainText('2 worker(s)');
  const saved = (await api(page, served.url, 'getStatus', {})) as { workers: number };
  expect(saved.workers).toBe(2);

  await page.getByTestId('pause').click(); // resume: the lab now takes two runs at a time
  const running = page.getByTestId('queue-table').locator('[data-testid^="status-"]', { hasText: 'running' });
  await expect(running).toHaveCount(2);
  await page.waitForTimeout(600); // a heartbeat or two: progress bars filled
  await page.screenshot({ path: path.join(SCREENSHOTS, 'queue-workers.png'), fullPage: true });
  await expect(page.getByTestId('finished-table').locator('tbody tr')).toHaveCount(4, { timeout: 90_000 });
  const runs = (await api(page, served.url, 'listRuns', {})) as Array<{ status: string }>;
  expect(runs.map((r) => r.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
});

test('Compare: an at-step column, bands per λ group, parallel coordinates with a log λ axis', async ({ page }) => {
  await page.goto(`${served.url}#/compare`);
  const table = page.getByTestId('compare-table');
  await expect(table.locator('tbody tr')).toHaveCount(4);

  // val acc @ step 100 (records every 50 steps: each run has a point exactly there).
  await page.getByTestId('columns').click();
  await fill(page, 'at-n', '100');
  await page.getByTestId('add-at-column').click();
  await page.keyboard.press('Escape');
  await expect(table.locator('th', { hasText: 'val acc @ step 100' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const lines = (await readFile(await (await download).path(), 'utf8')).trim().split('\n');
  expect(lines[0].split(',').at(-1)).toBe('val acc @ step 100');
  const atValues = lines.slice(1).map((line) => Number(line.split(',').at(-1)));
  const runs = (await api(page, served.url, 'listRuns', {})) as Array<{ id: number }>;
  for (const [i, value] of atValues.entries()) {
    const id = Number(lines[i + 1].split(',')[0]);
    const { curves } = (await api(page, served.url, 'getRun', { id })) as { curves: Array<{ step: number; val: { accuracy: number } }> };
    expect(value).toBeCloseTo(100 * curves.find((p) => p.step === 100)!.val.accuracy, 2); // the stored point, in percent
  }
  expect(atValues).toHaveLength(runs.length);

  await page.getByTestId('group-by').click();
  await page.locator('.n-base-select-option', { hasText: /^λ$/ }).click();
  const groups = page.getByTestId('group-table');
  await expect(groups.locator('tbody tr')).toHaveCount(2);
  await expect(groups.locator('tbody tr').first()).toContainText('±'); // two seeds: a spread
  await table.locator('thead .n-checkbox').click(); // tick every run
  const overlay = page.getByTestId('overlay-chart');
  await expect(overlay).toHaveAttribute('data-bands', '2');
  await page.waitForTimeout(400); // let the charts draw before the screenshot
  await page.screenshot({ path: path.join(SCREENSHOTS, 'compare-bands.png'), fullPage: true });

  await page.getByTestId('open-parallel').click();
  const parallel = page.getByTestId('parallel-chart');
  await expect(parallel).toHaveAttribute('data-axes', 'λ (log):log|seed:category|final val (%):value|final test (%):value');
  await expect(parallel.locator('canvas')).toBeVisible();
  await page.waitForTimeout(400);
  await parallel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'compare-parallel.png'), fullPage: true });
});
