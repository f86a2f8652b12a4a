// The Queue's tables page their runs (25 waiting or running, 15 finished, a page each): 27 runs
// queued with the queue paused fill two pages; cancelling the runs of the last page moves them
// to the finished table and takes the queue back to the page that still has runs.
import { expect, test } from '@playwright/test';
import { ownServe } from './serve-fixture.ts';

test.describe.configure({ mode: 'serial' });

const served = ownServe('sweeplab-e2e-pages-');

test('27 queued runs: two pages; cancelling the second page\'s runs moves them and shows page one', async ({ page }) => {
  await page.goto(served.url);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('lab-state')).toContainText('paused');
  await page.evaluate(async (url) => {
    const token = new URL(url).searchParams.get('token');
    const spec = { name: 'pages', base: { network: { hidden: [10] }, lambda: 0, schedule: { stepSize: 100, cycles: 1 }, split: { kind: 'a2', trainLimit: 100 } }, axes: [], repeats: 27 };
    const res = await fetch('/api/createSweep', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ spec }) });
    if (!res.ok) throw new Error(await res.text());
  }, served.url);

  const queue = page.getByTestId('queue-table');
  await expect(page.getByText('Queue — 27 waiting or running')).toBeVisible();
  await expect(queue.locator('tbody tr')).toHaveCount(25);
  await expect(queue.locator('tbody tr').first()).toContainText('#1');
  await queue.locator('.n-pagination-item', { hasText: '2' }).click();
  await expect(queue.locator('tbody tr')).toHaveCount(2);
  await expect(queue.locator('tbody tr').first()).toContainText('#26');

  await page.getByTestId('cancel-27').click();
  await expect(queue.locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('finished-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('status-27')).toHaveText('cancelled');
  await expect(page.getByTestId('retry-27')).toBeVisible();

  await page.getByTestId('cancel-26').click();
  await expect(queue.locator('tbody tr')).toHaveCount(25); // page 2 is gone: back on page 1
  await expect(queue.locator('tbody tr').first()).toContainText('#1');
  await expect(page.getByText('Finished — 2')).toBeVisible();
});
