// The app in a browser against `sweeplab serve` on the fixture slice: queue a 4-run λ sweep
// from the form, watch a run's charts grow live, open a finished run, reload and still see it;
// a bad form value is refused with a message and queues nothing. Screenshots of every view go
// to test-results/screenshots/ (look at them).
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, SCREENSHOTS, test } from './serve-fixture.ts';

async function fill(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(testId).locator('input');
  await input.fill(value);
}

/** A small, quick network for the 100-image slice: a2 split, [20] BN, batch 20, 2 cycles of n_s 40. */
async function fillSmallRun(page: Page): Promise<void> {
  await fill(page, 'f-name', 'e2e-lambda');
  await fill(page, 'f-hidden', '20');
  await fill(page, 'f-stepsize', '40');
  await fill(page, 'f-cycles', '2');
  await fill(page, 'f-batch', '20');
  await fill(page, 'f-trainlimit', '100');
  await page.getByTestId('f-split').click();
  await page.locator('.n-base-select-option', { hasText: /^a2$/ }).click();
}

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
  await page.screenshot({ path: path.join(SCREENSHOTS, 'queue-form-error.png'), fullPage: true });
  const runs = await page.evaluate(async (url) => {
    const token = new URL(url).searchParams.get('token');
    const res = await fetch('/api/listRuns', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: '{}' });
    return ((await res.json()) as { value: unknown[] }).value.length;
  }, served.url);
  expect(runs).toBe(0);
});

test('a 4-run λ sweep from the form: live charts, a finished run, still there after a reload', async ({ page, served }) => {
  await page.goto(served.url);
  await fillSmallRun(page);
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
  await chart.evaluate((element) => {
    const seen: string[] = [];
    (window as unknown as { seenPoints: string[] }).seenPoints = seen;
    new MutationObserver(() => seen.push(element.getAttribute('data-points') ?? '')).observe(element, { attributes: true, attributeFilter: ['data-points'] });
  });
  await expect(page.getByTestId('run-status')).toHaveText('completed', { timeout: 90_000 });
  // 2 cycles × 10 records per cycle, plus step 0.
  await expect(chart).toHaveAttribute('data-points', '21');
  const seen = await page.evaluate(() => (window as unknown as { seenPoints: string[] }).seenPoints.map(Number));
  expect(seen.filter((n) => n > 1 && n < 21).length).toBeGreaterThan(0);
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
