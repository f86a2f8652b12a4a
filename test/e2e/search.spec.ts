// A TPE search with ASHA in the app against `sweeplab serve` (one worker) on the fixture slice:
// queued through the LabApi as the sweep form sends it, run to the end; the Sweeps view shows
// its kind, pruned runs, best so far and importance and takes a note and tags; the Run view of a
// pruned run says why; Compare filters by tag and diffs two ticked runs. Screenshots go to
// test-results/screenshots/ (copies in docs/screenshots/).
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { ownServe, SCREENSHOTS } from './serve-fixture.ts';

test.describe.configure({ mode: 'serial' });

const served = ownServe('sweeplab-e2e-search-');

async function api(page: Page, name: string, body: unknown): Promise<{ ok: boolean; value: unknown }> {
  return page.evaluate(async ({ url, name, body }) => {
    const token = new URL(url).searchParams.get('token');
    const res = await fetch(`/api/${name}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return (await res.json()) as { ok: boolean; value: unknown };
  }, { url: served.url, name, body });
}

const search = {
  name: 'e2e-tpe',
  base: { network: { hidden: [16], batchNorm: true }, lambda: 0, schedule: { stepSize: 20, cycles: 1 }, batchSize: 10, recordsPerCycle: 8, split: 'a2' },
  search: { kind: 'tpe', trials: 8, startup: 3, seed: 5 },
  scheduler: { kind: 'asha', metric: 'val.accuracy', minSteps: 5, reduction: 2 },
  axes: [
    { path: 'lambda', logUniform: { min: 1e-5, max: 1e-1 } },
    { path: 'schedule.etaMax', logUniform: { min: 1e-2, max: 3e-1 } },
    { path: 'schedule.stepSize', values: [10, 20] },
  ],
};

test('a search with early stopping: Sweeps, a pruned run, tags in Compare and a diff', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(served.url);
  expect((await api(page, 'createSweep', { spec: search })).ok).toBe(true);
  await expect.poll(async () => {
    const runs = (await api(page, 'listRuns', {})).value as Array<{ status: string }>;
    return runs.length === 8 && runs.every((r) => r.status !== 'queued' && r.status !== 'running');
  }, { timeout: 200_000 }).toBe(true);
  const runs = (await api(page, 'listRuns', {})).value as Array<{ id: number; status: string }>;
  const pruned = runs.find((r) => r.status === 'pruned');
  expect(pruned).toBeDefined();

  await page.goto(`${served.url}#/sweeps`);
  await expect(page.getByTestId('sweeps-table')).toContainText('TPE, 8 trials + ASHA');
  await page.getByTestId('open-sweep-1').click();
  await expect(page.getByTestId('steps-saved')).toContainText(/ASHA stopped \d+ run\(s\) early and saved \d+ of \d+ update steps/);
  await expect(page.getByTestId('best-so-far')).toBeVisible();
  await page.getByTestId('note').locator('textarea').fill('first look at λ and η');
  await page.getByTestId('save-annotations').click();
  await expect.poll(async () => ((await api(page, 'listSweeps', {})).value as Array<{ note: string }>)[0].note).toBe('first look at λ and η');
  await page.waitForTimeout(400); // let the charts draw before the screenshot
  await page.screenshot({ path: path.join(SCREENSHOTS, 'sweeps-search.png'), fullPage: true });

  await page.goto(`${served.url}#/run/${pruned!.id}`);
  await expect(page.getByTestId('run-status')).toHaveText('pruned');
  await expect(page.getByTestId('pruning')).toContainText(/At step \d+ \(rung \d+, \d+ steps\), val\.accuracy [\d.]+% was below the threshold/);

  await api(page, 'setTags', { runId: runs[0].id, tags: ['keep'] });
  await api(page, 'setTags', { runId: runs[1].id, tags: ['keep'] });
  await page.goto(`${served.url}#/compare`);
  await page.getByTestId('tag-filter').click();
  await page.locator('.n-base-select-option', { hasText: /^keep$/ }).click();
  const table = page.getByTestId('compare-table');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await table.locator('thead .n-checkbox').click(); // tick both
  await page.getByTestId('diff-runs').click();
  await expect(page.getByTestId('diff-fields')).toContainText('lambda');
  await expect(page.getByTestId('diff-metrics')).toContainText('best.val.accuracy');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'compare-diff.png'), fullPage: true });
});
