// The app in a browser against `sweeplab serve` on the fixture slice: queue a 4-run λ sweep
// from the form, watch a run's charts grow live, open a finished run, reload and still see it;
// a bad form value is refused with a message and queues nothing. Screenshots of every view go
// to test-results/screenshots/ (look at them).
import path from 'node:path';
import { fill, fillSmallRun } from './form-helpers.ts';
import { expect, SCREENSHOTS, test } from './serve-fixture.ts';

test.describe.configure({ mode: 'serial' });

test('a bad form value shows a clear message and queues nothing', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByTestId('lab-state')).toContainText('1 worker(s)');
  await fillSmallRun(page);
  await fill(page, 'f-lambda', '-0.5');
  await page.getByTestId('queue-form').click();
  const errors = page.getByTestId('form-errors');
  await expect(errors).toContainText('Nothing was queued');
  await expect(errors).toContainText('base.lambda: must be a number >= 0 (got -0.5)');
  await page.waitForTimeout(400); // the buttons' loading spinner fades out
  await page.screenshot({ path: path.join(SCREENSHOTS, 'queue-form-error.png'), fullPage: true });
  const runs = await page.evaluate(async (url) => {
    const token = new URL(url).searchParams.get('token');
    const res = await fetch('/api/listRuns', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });
    return ((await res.json()) as { value: unknown[] }).value.length;
  }, served.url);
  expect(runs).toBe(0);
});

test('a 4-run λ sweep from the form: live charts, a finished run, still there after a reload', async ({ page, served }) => {
  await page.goto(served.url);
  await fillSmallRun(page);
  // Runs long enough to be watched growing: with 4,000 steps the chart showed 9 counts on its
  // way to 21 (checked once); with fillSmallRun's 400 it showed only the last one.
  await fill(page, 'f-stepsize', '1000');
  await fill(page, 'f-lambda', '0.001');
  await page.getByTestId('add-axis').click();
  await fill(page, 'axis-values', '0, 0.001, 0.01, 0.1');
  await expect(page.getByTestId('queue-form')).toContainText('Queue 4 runs');
  await page.getByTestId('queue-form').click();
  await expect(page.getByTestId('queue-table').locator('tbody tr')).not.toHaveCount(0);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'queue-running.png'), fullPage: true });

  // With one worker the last run waits in the queue: open it, note every point count its
  // accuracy chart shows, and see counts between the first and the last (it grew while training).
  await page.getByTestId('run-link-4').click();
  const chart = page.getByTestId('chart-accuracy');
  await expect(chart).toBeVisible();
  const before = Number(await chart.getAttribute('data-points'));
  await chart.evaluate((element) => {
    const seen: string[] = [];
    (window as unknown as { seenPoints: string[] }).seenPoints = seen;
    new MutationObserver(() => seen.push(element.getAttribute('data-points') ?? '')).observe(element, { attributes: true, attributeFilter: ['data-points'] });
  });
  await expect(page.getByTestId('run-status')).toHaveText('completed', { timeout: 90_000 });
  // 2 cycles × 10 records per cycle, plus step 0.
  await expect(chart).toHaveAttribute('data-points', '21');
  const seen = await page.evaluate(() => (window as unknown as { seenPoints: string[] }).seenPoints.map(Number));
  expect(before).toBeLessThan(21); // it had not finished when the page opened…
  expect(seen.filter((n) => n > Math.max(1, before) && n < 21).length).toBeGreaterThan(0); // …and grew in steps
  await expect(page.getByTestId('final-val')).toContainText('%');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'run.png'), fullPage: true });

  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveText('completed');
  await expect(page.getByTestId('run-config')).toContainText('"lambda": 0.1');
  await expect(page.getByTestId('final-test')).toContainText('%');

  await page.goto(served.url);
  await expect(page.getByTestId('finished-table')).toContainText('λ=0.1');
  await expect(page.getByTestId('finished-table').locator('tbody tr')).toHaveCount(4);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'queue-finished.png'), fullPage: true });
});

test('Compare: group by λ, overlay selected runs, export CSV with the table content', async ({ page, served }) => {
  await page.goto(`${served.url}#/compare`);
  const table = page.getByTestId('compare-table');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await page.getByTestId('compare-filter').locator('input').fill('0.01');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('compare-filter').locator('input').fill('');

  await page.getByTestId('group-by').click();
  await page.locator('.n-base-select-option', { hasText: /^λ$/ }).click();
  const groups = page.getByTestId('group-table');
  await expect(groups.locator('tbody tr')).toHaveCount(4);
  await expect(groups.locator('tbody tr').first()).toContainText('0');

  await table.locator('tbody tr').nth(0).locator('.n-checkbox').click();
  await table.locator('tbody tr').nth(3).locator('.n-checkbox').click();
  await expect(page.getByTestId('overlay-chart')).toBeVisible();
  await page.waitForTimeout(300); // let the charts draw before the screenshot
  await page.screenshot({ path: path.join(SCREENSHOTS, 'compare.png'), fullPage: true });

  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const file = await (await download).path();
  const { readFile } = await import('node:fs/promises');
  const lines = (await readFile(file, 'utf8')).trim().split('\n');
  expect(lines[0]).toBe('run,sweep,label,status,λ,hidden,BN,final val,final test,best val');
  expect(lines).toHaveLength(5);
  const rows = lines.slice(1).map((line) => line.split(','));
  expect(rows.map((r) => r[4]).sort()).toEqual(['0', '0.001', '0.01', '0.1']);
  for (const row of rows) {
    expect(row[3]).toBe('completed');
    expect(Number(row[7])).toBeGreaterThan(0); // final val accuracy, percent
    expect(Number(row[7])).toBeLessThanOrEqual(100);
  }

  const jsonDownload = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const runs = JSON.parse(await readFile(await (await jsonDownload).path(), 'utf8')) as Array<{ config: { lambda: number }; final: { test: { accuracy: number } } }>;
  expect(runs.map((r) => r.config.lambda).sort()).toEqual([0, 0.001, 0.01, 0.1]);
  expect(runs.every((r) => r.final.test.accuracy >= 0 && r.final.test.accuracy <= 1)).toBe(true);
});

test('Sweeps: the report table and a refined child sweep under its parent', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByTestId('pause').click(); // the refined runs stay queued, so their order can be checked
  await expect(page.getByTestId('lab-state')).toContainText('paused');
  await page.goto(`${served.url}#/sweeps`);
  await page.getByTestId('open-sweep-1').click();
  const report = page.getByTestId('sweep-report');
  await expect(report).toContainText('final val');
  await expect(report.locator('tbody tr')).toHaveCount(4);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-report').click();
  const { readFile } = await import('node:fs/promises');
  const csv = (await readFile(await (await download).path(), 'utf8')).trim().split('\n');
  expect(csv[0]).toBe('λ,final val (%),mean of top-5 val (%),final train (%),n');
  expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(['0', '0.001', '0.01', '0.1']);
  await page.getByTestId('refine').click();
  await expect(page.getByTestId('sweeps-table')).toContainText('↳ #2 e2e-lambda-fine');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'sweeps.png'), fullPage: true });
  await page.goto(`${served.url}#/`);
  await expect(page.getByTestId('queue-table')).toHaveText(/#5[\s\S]*#6[\s\S]*#7[\s\S]*#8/);
  await page.getByTestId('next-8').click();
  await expect(page.getByTestId('queue-table')).toHaveText(/#8[\s\S]*#5[\s\S]*#6[\s\S]*#7/); // first now
});

test('Settings: a folder that is not CIFAR-10 is refused with the reason', async ({ page, served }) => {
  await page.goto(`${served.url}#/settings`);
  await expect(page.getByTestId('data-ok')).toContainText('cifar-10-batches-bin');
  await page.getByTestId('data-path').locator('input').fill(served.home);
  await page.getByTestId('save-data').click();
  await expect(page.getByTestId('settings-error')).toContainText(served.home);
  await expect(page.getByTestId('data-ok')).toContainText('cifar-10-batches-bin'); // unchanged
  await page.screenshot({ path: path.join(SCREENSHOTS, 'settings.png'), fullPage: true });
});
