// The Run view's analyses in a browser against `sweeplab serve` on the fixture slice: a finished
// run shows its test-set confusion matrix and per-class accuracy (computed from the stored
// weights; the heatmap saves as PNG), a smoothing control that is off by default, and a
// gradient check of its architecture — reduced inputs, then all 3072 features with progress —
// in which every tensor passes. Screenshots go to docs/screenshots/run-*.png (look at them).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { ownServe } from './serve-fixture.ts';

test.describe.configure({ mode: 'serial' });

// Its own server and home: the worker-scoped one of serve-fixture.ts is shared with serve.spec,
// which expects an empty lab and its own run ids (a run queued here made it fail in CI).
const served = ownServe('sweeplab-e2e-run-view-');

const DOCS = fileURLToPath(new URL('../../docs/screenshots', import.meta.url));

/** Queues one small BN run (a2 split of the slice, [50], 2 cycles of n_s 100) through the API; its id. */
async function queueSmallRun(page: Page, url: string): Promise<number> {
  return page.evaluate(async (served) => {
    const token = new URL(served).searchParams.get('token');
    const spec = {
      name: 'e2e-run-view',
      base: { network: { hidden: [50], batchNorm: true }, lambda: 0.01, schedule: { stepSize: 100, cycles: 2 }, batchSize: 20, split: { kind: 'a2' } },
    };
    const res = await fetch('/api/createSweep', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify({ spec }) });
    const answer = (await res.json()) as { ok: boolean; value: { runIds: number[] }; error?: { message: string } };
    if (!answer.ok) throw new Error(answer.error?.message);
    return answer.value.runIds[0];
  }, url);
}

test('a finished run: confusion matrix, per-class accuracy, smoothing, and a passing gradient check', async ({ page }) => {
  await page.goto(served.url);
  const id = await queueSmallRun(page, served.url);
  await page.goto(`${served.url}#/run/${id}`);
  await expect(page.getByTestId('run-status')).toHaveText('completed', { timeout: 90_000 });

  const confusion = page.getByTestId('confusion-panel');
  await expect(confusion.getByTestId('confusion-chart')).toHaveAttribute('data-images', '100');
  const perClass = confusion.getByTestId('per-class');
  await expect(perClass.locator('tbody tr')).toHaveCount(10);
  await expect(perClass).toContainText('airplane');
  await expect(perClass).toContainText('truck');
  // The matrix's accuracy is the run's stored final test accuracy (same weights, same images).
  const finalTest = (await page.getByTestId('final-test').innerText()).match(/[\d.]+%/)?.[0];
  expect(finalTest).toBeTruthy();
  await expect(confusion.getByTestId('confusion-summary')).toContainText(`100 test images, ${Number.parseFloat(finalTest!).toFixed(1)}% correct`);
  // The heatmap saves as PNG from its toolbox button (top right of its canvas). ECharts saves
  // through a synthetic click on an <a download>, which headless Chromium does not turn into a
  // download event: record that anchor instead, and check its data URL is a PNG.
  const chart = confusion.getByTestId('confusion-chart');
  await chart.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300); // the chart draws on the next frame
  await page.evaluate(() => {
    const saved: Array<{ name: string; href: string }> = [];
    (window as unknown as { saved: typeof saved }).saved = saved;
    const dispatch = HTMLAnchorElement.prototype.dispatchEvent;
    HTMLAnchorElement.prototype.dispatchEvent = function (event: Event) {
      if (this.download) saved.push({ name: this.download, href: this.href.slice(0, 22) });
      return dispatch.call(this, event);
    };
  });
  const box = (await chart.locator('canvas').first().boundingBox())!;
  const savedCount = () => page.evaluate(() => (window as unknown as { saved: unknown[] }).saved.length);
  // The icon is drawn somewhere in the canvas's top-right corner: click across it until it saves.
  search: for (const dy of [8, 12, 16, 20]) {
    for (const dx of [10, 14, 18, 22, 26, 30]) {
      await page.mouse.click(box.x + box.width - dx, box.y + dy);
      if ((await savedCount()) > 0) break search;
    }
  }
  await expect.poll(() => page.evaluate(() => (window as unknown as { saved: unknown[] }).saved)).toEqual([{ name: 'sweeplab-confusion.png', href: 'data:image/png;base64,' }]);
  // A cell names its classes and count on hover: the bottom-left one (grid margins: left 96,
  // bottom 84 of the 420 px chart; ten rows over the 300 px between top and bottom margins).
  const bottomLeft = { x: box.x + 96 + (box.width - 112) / 20, y: box.y + 420 - 84 - 15 };
  await page.mouse.move(bottomLeft.x, bottomLeft.y);
  await expect(chart).toContainText(/true truck → predicted airplane: \d+(?![\d.%])/);
  // As shares of the true class, the same cell says so.
  await confusion.getByText('% of true class').click();
  await page.mouse.move(bottomLeft.x + 5, bottomLeft.y);
  await expect(chart).toContainText(/true truck → predicted airplane: [\d.]+%/);
  await confusion.getByText('counts', { exact: true }).click();
  await expect(page.getByTestId('smoothing')).toBeVisible();
  await expect(page.getByTestId('smoothing-value')).toHaveText('off');

  await page.getByTestId('gradcheck-run').click();
  const verdict = page.getByTestId('gradcheck-verdict');
  await expect(verdict).toHaveText('PASS: all 6 tensors pass.', { timeout: 60_000 });
  const rows = page.getByTestId('gradcheck-table').locator('tbody tr');
  await expect(rows).toHaveCount(6); // W, b, γ, β of layer 1; W, b of layer 2
  for (const [i, tensor] of ['W', 'b', 'γ', 'β', 'W', 'b'].entries()) {
    await expect(rows.nth(i).locator('td').nth(1)).toHaveText(tensor);
    await expect(rows.nth(i).locator('td').last()).toHaveText('PASS');
  }
  await expect(page.getByTestId('gradcheck-panel')).toContainText('20-50-10 with batch norm');
  await expect(page.getByTestId('gradcheck-panel')).toContainText('Rule: every entry |a − n| ≤ 1e-7 + 1e-6·|n|');
  await page.waitForTimeout(300); // the button's spinner fades out
  await page.screenshot({ path: path.join(DOCS, 'run-analysis.png'), fullPage: true });
  await confusion.screenshot({ path: path.join(DOCS, 'run-confusion.png') });
  await page.getByTestId('gradcheck-panel').screenshot({ path: path.join(DOCS, 'run-gradcheck.png') });
});

test('the full 3072-feature gradient check shows its progress, keeps the page responsive, and passes', async ({ page }) => {
  await page.goto(`${served.url}#/run/1`); // the run the test above trained
  await expect(page.getByTestId('run-status')).toHaveText('completed');
  await page.getByText('full 3072').click();
  await page.getByTestId('gradcheck-run').click();
  const progress = page.getByTestId('gradcheck-progress');
  await expect(progress).toContainText('/ 154,260 parameters'); // 3072·50 + 3·50 (b, γ, β) + 50·10 + 10
  // The check runs in the lab's worker thread: the page and the lab still answer meanwhile.
  await page.getByText('% of true class').click();
  await expect(page.getByTestId('confusion-chart')).toBeVisible();
  await page.getByTestId('gradcheck-panel').screenshot({ path: path.join(DOCS, 'run-gradcheck-progress.png') });
  await expect(page.getByTestId('gradcheck-verdict')).toHaveText('PASS: all 6 tensors pass.', { timeout: 110_000 });
  await expect(page.getByTestId('gradcheck-panel')).toContainText('3072-50-10 with batch norm');
});
