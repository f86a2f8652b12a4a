// The Run view's analyses in a browser against `sweeplab serve` on the fixture slice: a finished
// run shows its test-set confusion matrix and per-class accuracy (computed from the stored
// weights; it exports as CSV, JSON and PNG), a smoothing control that is off by default, and a
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
    const res = await fetch('/api/createSweep', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ spec }) });
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
  const matrix = confusion.getByTestId('confusion-matrix');
  await expect(matrix).toHaveAttribute('data-images', '100');
  const classRows = matrix.locator('tbody tr');
  await expect(classRows).toHaveCount(10);
  await expect(classRows.first()).toContainText('airplane');
  await expect(classRows.last()).toContainText('truck');
  // The matrix's accuracy is the run's stored final test accuracy (same weights, same images).
  const finalTest = (await page.getByTestId('final-test').innerText()).match(/[\d.]+%/)?.[0];
  expect(finalTest).toBeTruthy();
  await expect(confusion.getByTestId('confusion-summary')).toContainText(`100 test images, ${Number.parseFloat(finalTest!).toFixed(1)}% correct`);
  // Each row: the true class, ten cells, its images and accuracy; the cells of a row sum to its images.
  const cellsOf = async (row: number) => (await classRows.nth(row).locator('td').allInnerTexts()).map((t) => Number.parseFloat(t.replace(/[,%]/g, '')));
  const truck = await cellsOf(9);
  expect(truck).toHaveLength(12);
  expect(truck.slice(0, 10).reduce((a, b) => a + b, 0)).toBe(truck[10]);
  // A cell names its classes and value on hover: the bottom-left one is trucks taken for airplanes.
  const bottomLeft = classRows.last().locator('td').first();
  await expect(bottomLeft).toHaveAttribute('title', `true truck → predicted airplane: ${truck[0]}`);
  // As shares of the true class, the same cell says so, and each row sums to 100 (± rounding).
  await confusion.getByText('% of true class').click();
  await expect(bottomLeft).toHaveAttribute('title', /^true truck → predicted airplane: [\d.]+%$/);
  const shares = (await cellsOf(9)).slice(0, 10);
  expect(truck[10]).toBeGreaterThan(0); // the slice's test set has trucks, so the sum below means something
  expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(0.6);

  // Exports: CSV of the counts, JSON of the lab's answer, and a PNG drawn for the export.
  const saved = async (testId: string) => {
    const download = page.waitForEvent('download');
    await confusion.getByTestId(testId).click();
    const file = await download;
    const { readFile } = await import('node:fs/promises');
    return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
  };
  const csv = await saved('confusion-csv');
  expect(csv.name).toBe(`sweeplab-run-${id}-confusion.csv`);
  const lines = csv.bytes.toString('utf8').trim().split('\n');
  expect(lines[0]).toBe('true \\ predicted,airplane,automobile,bird,cat,deer,dog,frog,horse,ship,truck,images,correct,accuracy (%)');
  expect(lines[10].split(',').slice(1, 12).map(Number)).toEqual(truck.slice(0, 11)); // truck's counts and images, whatever the cells show
  const json = JSON.parse((await saved('confusion-json')).bytes.toString('utf8')) as { n: number; classNames: string[] };
  expect(json).toMatchObject({ n: 100, classNames: expect.arrayContaining(['airplane', 'truck']) });
  const png = await saved('confusion-png');
  expect(png.name).toBe(`sweeplab-run-${id}-confusion.png`);
  expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])); // the PNG signature
  expect(png.bytes.length).toBeGreaterThan(10_000); // a 1280 × 1040 picture, not an empty one
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path.join(DOCS, 'run-confusion-export.png'), png.bytes);
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
  await expect(page.getByTestId('confusion-matrix').locator('tbody td').first()).toHaveAttribute('title', /%$/);
  await page.getByTestId('gradcheck-panel').screenshot({ path: path.join(DOCS, 'run-gradcheck-progress.png') });
  await expect(page.getByTestId('gradcheck-verdict')).toHaveText('PASS: all 6 tensors pass.', { timeout: 110_000 });
  await expect(page.getByTestId('gradcheck-panel')).toContainText('3072-50-10 with batch norm');
});
