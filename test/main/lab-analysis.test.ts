// A finished run's analyses through LabService, as the Run view asks for them: the test-set
// confusion matrix from the stored weights (its diagonal is the stored test accuracy) and the
// gradient check of the run's architecture in the analysis worker, with progress events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { LabService } from '../../src/main/lab-service.ts';
import type { LabEvent, RunConfusion, RunGradCheck } from '../../src/shared/lab-api.ts';
import { runsOf, runSweep, tinyConfig } from '../helpers/engine-fixture.ts';
import { FIXTURE_DATA_DIR, makeTempDir } from '../helpers/fixture-data.ts';

let home: string;
let service: LabService;
let runId: number;
let cancelledId: number;
let testAccuracy: number;

beforeAll(async () => {
  home = await makeTempDir('sweeplab-analysis-test-');
  const { store, sweepId } = await runSweep(home, runsOf([tinyConfig()]));
  const [run] = store.listRuns({ sweepId });
  runId = run.id;
  testAccuracy = run.final!.test.accuracy;
  cancelledId = store.listRuns({ sweepId: store.createSweep({ name: 'never run', spec: {}, runs: runsOf([tinyConfig()]) }) })[0].id;
  store.cancelRun(cancelledId);
  store.close();
  service = await LabService.open({ home, data: FIXTURE_DATA_DIR, workers: 1 });
}, 60_000);

afterAll(async () => {
  await service?.close();
  await rm(home, { recursive: true, force: true });
});

describe('getRunConfusion', () => {
  it('counts the 100 test images of the slice, and its accuracy is the stored test accuracy', async () => {
    const result = await service.dispatch('getRunConfusion', { id: runId });
    if (!result.ok) throw new Error(result.error.message);
    const confusion = result.value as RunConfusion;
    expect(confusion.classNames).toEqual(['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']);
    expect(confusion.counts).toHaveLength(10);
    expect(confusion.counts.flat().reduce((a, b) => a + b, 0)).toBe(100);
    expect(confusion.accuracy).toBe(testAccuracy);
    const rowTotals = confusion.counts.map((row) => row.reduce((a, b) => a + b, 0));
    confusion.perClass.forEach((acc, t) => expect(acc).toBe(rowTotals[t] === 0 ? null : confusion.counts[t][t] / rowTotals[t]));
  }, 60_000);

  it('refuses a run that has no weights yet, as data', async () => {
    const result = await service.dispatch('getRunConfusion', { id: cancelledId });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_config' } });
    expect(!result.ok && result.error.message).toMatch(/is cancelled: a confusion matrix needs the weights of a completed run/);
  });
});

describe('runGradCheck', () => {
  it('checks every tensor of the run\'s 20-16-10 BN network on reduced inputs, all passing, with progress', async () => {
    const events: LabEvent[] = [];
    const unsubscribe = service.subscribe((event) => events.push(event));
    const result = await service.dispatch('runGradCheck', { id: runId });
    unsubscribe();
    if (!result.ok) throw new Error(result.error.message);
    const check = result.value as RunGradCheck;
    expect(check.dims).toBe(20);
    expect(check.report.layers).toEqual([20, 16, 10]);
    expect(check.report.batchNorm).toBe(true);
    expect(check.report.lambda).toBe(tinyConfig().lambda);
    expect(check.report.tensors.map((t) => `${t.tensor}${t.layer}`)).toEqual(['W1', 'b1', 'gamma1', 'beta1', 'W2', 'b2']);
    expect(check.report.tensors.every((t) => t.passed)).toBe(true);
    const progress = events.filter((e) => e.kind === 'gradcheck-progress');
    // 20·16 + 16 (b) + 16 (γ) + 16 (β) + 16·10 + 10 parameters.
    expect(progress.at(-1)).toMatchObject({ runId, dims: 20, done: 538, total: 538 });
  }, 60_000);

  it('validates the input width', async () => {
    const result = await service.dispatch('runGradCheck', { id: runId, dims: 4000 });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_config' } });
  });
});
