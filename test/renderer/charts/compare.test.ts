// Compare view data: columns, sorting and CSV of what the table shows, at-step columns,
// grouping with mean ± std, the overlay (with bands when grouped), the λ chart and parallel
// coordinates.
import { describe, expect, it } from 'vitest';
import type { LineSeriesOption, ScatterSeriesOption } from 'echarts';
import type { FinalMetrics, RecordPoint } from '../../../src/core/metrics.ts';
import { atColumn, atKey, parseAtKey } from '../../../src/renderer/charts/at-step.ts';
import { buildBandOverlayOption, meanStdCurve } from '../../../src/renderer/charts/bands.ts';
import { buildLambdaOption, buildOverlayOption, columnOf, columnSorter, groupRuns, runsCsv, stat } from '../../../src/renderer/charts/compare.ts';
import { buildParallelOption, isLogScaled } from '../../../src/renderer/charts/parallel.ts';
import type { RunSummary } from '../../../src/shared/lab-api.ts';
import { tinyConfig } from '../../helpers/engine-fixture.ts';

const metrics = (val: number): FinalMetrics => ({ train: { cost: 1, loss: 1, accuracy: 0.9 }, val: { cost: 2, loss: 2, accuracy: val }, test: { cost: 2, loss: 2, accuracy: val - 0.01 } });
const run = (id: number, lambda: number, val: number | null, label = `λ=${lambda}`): RunSummary => ({
  id, sweepId: 1, sweepName: 'coarse, "quoted"', label, point: { lambda }, repeat: 0, status: val === null ? 'queued' : 'completed', priority: 0, step: 0, totalSteps: null,
  config: tinyConfig({ lambda }), final: val === null ? null : metrics(val), bestVal: val === null ? null : { accuracy: val + 0.02, step: 10 },
  error: null, createdAt: '', finishedAt: null, computeSeconds: 1.234, note: '', tags: [], pruning: null,
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
    const csv = runsCsv(runs.slice(0, 2), ['id', 'sweep', 'lambda', 'batchNorm', 'finalVal'].map(columnOf));
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

const curvePoint = (step: number, val: number): RecordPoint => ({ step, epoch: step / 10, eta: 0.01, train: { cost: 1, loss: 1, accuracy: 0.5 }, val: { cost: 1, loss: 1, accuracy: val } });

describe('columnSorter', () => {
  it('sorts numbers as numbers, text naturally, empty values first, reading each run once', () => {
    const byVal = columnSorter(columnOf('finalVal'));
    expect([...runs].sort(byVal).map((r) => r.id)).toEqual([5, 4, 3, 1, 2]); // the queued run has no value
    const labels = ['λ=10', 'λ=9', 'λ=1'].map((label, i) => run(i + 1, 0.1, 0.5, label));
    expect(labels.sort(columnSorter(columnOf('label'))).map((r) => r.label)).toEqual(['λ=1', 'λ=9', 'λ=10']);
    let reads = 0;
    const counted = columnSorter({ ...columnOf('lambda'), get: (r) => { reads++; return r.config.lambda; } });
    Array.from({ length: 200 }, (_, i) => run(i + 1, (i * 7919) % 200, 0.5)).sort(counted);
    expect(reads).toBe(200);
  });
});

describe('at-step columns', () => {
  it('round-trips its key and reads each run from the points the lab answered', () => {
    const spec = { unit: 'epoch' as const, n: 2.5, metric: 'val.accuracy' as const };
    expect(parseAtKey(atKey(spec))).toEqual(spec);
    expect(parseAtKey('at:step:10:val.nonsense')).toBeNull();
    expect(parseAtKey('lambda')).toBeNull();
    const column = atColumn({ unit: 'step', n: 100, metric: 'val.accuracy' }, new Map([[1, curvePoint(100, 0.42)]]));
    expect(column.title).toBe('val acc @ step 100');
    expect(column.percent).toBe(true);
    expect([column.get(runs[0]), column.get(runs[1])]).toEqual([0.42, null]); // run 2 had no point that early
    expect(runsCsv(runs.slice(0, 2), [columnOf('id'), column])).toBe('run,val acc @ step 100\n1,42.00\n2,\n');
  });
});

describe('bands', () => {
  it('averages the runs of a group step by step, with the sample std', () => {
    const band = meanStdCurve([[curvePoint(0, 0.1), curvePoint(10, 0.5)], [curvePoint(0, 0.3), curvePoint(10, 0.5), curvePoint(20, 0.6)]], (p) => p.val.accuracy);
    expect(band.map((b) => [b.x, b.n])).toEqual([[0, 2], [10, 2], [20, 1]]);
    expect(band[0].mean).toBeCloseTo(0.2);
    expect(band[0].std).toBeCloseTo(0.1414, 4);
    expect(band[2]).toEqual({ x: 20, mean: 0.6, std: 0, n: 1 });
  });

  it('draws a mean line per group over a filled ±std band stacked on an invisible lower line', () => {
    const option = buildBandOverlayOption([{ name: 'λ = 0.01', curves: [[curvePoint(0, 0.1)], [curvePoint(0, 0.3)]] }, { name: 'λ = 0.1', curves: [[curvePoint(0, 0.5)]] }]);
    const series = option.series as LineSeriesOption[];
    expect(series).toHaveLength(6);
    const [lower, width, mean] = series;
    expect(lower.stack).toBe(width.stack);
    expect(lower.stack).not.toBe(series[3].stack); // one stack per group
    expect((lower.data as number[][])[0][1]).toBeCloseTo(20 - 14.142, 2);
    expect((width.data as number[][])[0][1]).toBeCloseTo(2 * 14.142, 2);
    // Only the band is filled, in its group's colour; the lower line and the band's edges are not drawn.
    expect(width.areaStyle).toEqual({ color: mean.color, opacity: 0.2 });
    expect(lower.areaStyle).toBeUndefined();
    expect([lower.lineStyle, width.lineStyle]).toEqual([{ opacity: 0 }, { opacity: 0 }]);
    expect(mean).toMatchObject({ name: 'λ = 0.01', data: [[0, expect.closeTo(20, 6)]] });
    expect((option.legend as { data: string[] }).data).toEqual(['λ = 0.01', 'λ = 0.1']);
  });
});

describe('parallel coordinates', () => {
  it('puts parameters spanning decades on log axes', () => {
    expect(isLogScaled([1e-5, 1e-3, 0.1])).toBe(true);
    expect(isLogScaled([0, 1e-4, 0.05])).toBe(true); // λ = 0 is allowed (drawn below the smallest)
    expect(isLogScaled([0.01, 0.05])).toBe(false);
    expect(isLogScaled([-1, 10, 1000])).toBe(false);
  });

  it('has an axis per varying parameter plus λ and the final accuracies, one line per finished run', () => {
    const axesOf = (option: ReturnType<typeof buildParallelOption>) => (option.parallelAxis as Array<{ name: string; type: string }>).map((a) => `${a.name}:${a.type}`);
    const option = buildParallelOption(runs);
    expect(axesOf(option)).toEqual(['λ:value', 'final val (%):value', 'final test (%):value']); // λ 0…0.1: not decades of positives
    expect((option.series as Array<{ data: unknown[] }>)[0].data).toHaveLength(4); // the queued run is left out

    const decades = buildParallelOption([run(1, 0, 0.3), run(2, 1e-4, 0.5), run(3, 1e-2, 0.4)]);
    expect(axesOf(decades)).toEqual(['λ (log; 0 at 1e-5):log', 'final val (%):value', 'final test (%):value']);
    const lines = (decades.series as Array<{ data: Array<{ name: string; value: number[] }> }>)[0].data;
    expect(lines[0].value[0]).toBeCloseTo(1e-5); // λ = 0 a decade below the smallest λ
    expect(lines[0].value.slice(1)).toEqual([30, expect.closeTo(29, 9)]);
    const seeds = buildParallelOption([run(1, 0.01, 0.5), { ...run(2, 0.01, 0.6), config: tinyConfig({ lambda: 0.01, seed: 7 }) }]);
    expect((seeds.parallelAxis as Array<{ name: string; type: string }>).map((a) => `${a.name}:${a.type}`)).toEqual(['λ:value', 'seed:category', 'final val (%):value', 'final test (%):value']);
  });
});
