// Compare view data: columns and CSV of what the table shows, grouping with mean ± std, and the
// overlay and λ charts.
import { describe, expect, it } from 'vitest';
import type { ScatterSeriesOption } from 'echarts';
import type { FinalMetrics } from '../src/core/metrics.ts';
import { buildLambdaOption, buildOverlayOption, groupRuns, runsCsv, stat } from '../src/renderer/charts/compare.ts';
import type { RunSummary } from '../src/shared/lab-api.ts';
import { tinyConfig } from './helpers/engine-fixture.ts';

const metrics = (val: number): FinalMetrics => ({ train: { cost: 1, loss: 1, accuracy: 0.9 }, val: { cost: 2, loss: 2, accuracy: val }, test: { cost: 2, loss: 2, accuracy: val - 0.01 } });
const run = (id: number, lambda: number, val: number | null, label = `λ=${lambda}`): RunSummary => ({
  id, sweepId: 1, sweepName: 'coarse, "quoted"', label, point: { lambda }, repeat: 0, status: val === null ? 'queued' : 'completed', priority: 0, step: 0, totalSteps: null,
  config: tinyConfig({ lambda }), final: val === null ? null : metrics(val), bestVal: val === null ? null : { accuracy: val + 0.02, step: 10 },
  error: null, createdAt: '', finishedAt: null, computeSeconds: 1.234,
});
const runs = [run(1, 0.01, 0.5), run(2, 0.01, 0.54), run(3, 0.1, 0.4), run(4, 0, 0.3), run(5, 0.1, null)];

describe('stat', () => {
  it('is mean and sample std over the finite values', () => {
    expect(stat([0.5, 0.54, null])).toEqual({ mean: 0.52, std: expect.closeTo(0.028284, 5), n: 2 });
    expect(stat([0.4])).toEqual({ mean: 0.4, std: 0, n: 1 });
    expect(stat([null])).toBeNull();
  });
});

describe('groupRuns', () => {
  it('groups by a parameter in numeric order with mean ± std of each metric', () => {
    const groups = groupRuns(runs, 'lambda');
    expect(groups.map((g) => [g.key, g.runs.length])).toEqual([['0', 1], ['0.01', 2], ['0.1', 2]]);
    expect(groups[1].stats.finalVal?.mean).toBeCloseTo(0.52);
    expect(groups[2].stats.finalVal).toEqual({ mean: 0.4, std: 0, n: 1 }); // the queued run has no value yet
  });
});

describe('runsCsv', () => {
  it('writes the shown columns, accuracies in percent, quoting what needs it', () => {
    const csv = runsCsv(runs.slice(0, 2), ['id', 'sweep', 'lambda', 'batchNorm', 'finalVal']);
    expect(csv).toBe('run,sweep,λ,BN,final val\n1,"coarse, ""quoted""",0.01,yes,50.00\n2,"coarse, ""quoted""",0.01,yes,54.00\n');
  });
});

describe('charts', () => {
  it('plots final val against λ on a log axis, leaving λ = 0 out and saying so', () => {
    const option = buildLambdaOption(runs);
    expect((option.xAxis as { type: string }).type).toBe('log');
    const [scatter, mean, upper] = option.series as ScatterSeriesOption[];
    expect(scatter.data).toEqual([[0.01, 50], [0.01, 54], [0.1, 40]]);
    expect(mean.data).toEqual([[0.01, 52], [0.1, 40]]);
    expect((upper.data as number[][])[0][1]).toBeCloseTo(52 + 2.828, 2);
    expect((option.title as { text: string }).text).toContain('1 run(s) with λ = 0');
  });

  it('overlays val accuracy of each selected run, by step, in percent', () => {
    const option = buildOverlayOption([{ name: '#1', curves: [{ step: 0, epoch: 0, eta: 0, train: { cost: 1, loss: 1, accuracy: 0.1 }, val: { cost: 1, loss: 1, accuracy: 0.12 } }] }]);
    expect((option.series as Array<{ name: string; data: unknown }>)[0]).toMatchObject({ name: '#1', data: [[0, 12]] });
  });
});
