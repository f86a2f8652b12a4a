// The Run view's chart options: train and val of a metric, η on the right axis, cycle
// boundaries where the schedule turns, accuracy in percent, log axes without non-positive values.
import { describe, expect, it } from 'vitest';
import type { LineSeriesOption } from 'echarts';
import type { RecordPoint } from '../../../src/core/metrics.ts';
import { bestVal, buildRunChartOption, cycleBoundaries } from '../../../src/renderer/charts/run-chart.ts';

const point = (step: number, trainAcc: number, valAcc: number, cost = 2): RecordPoint => ({
  step, epoch: step / 10, eta: 1e-3 * (step + 1),
  train: { cost, loss: cost - 0.5, accuracy: trainAcc }, val: { cost: cost + 0.1, loss: cost - 0.4, accuracy: valAcc },
});
const curves = [point(0, 0.1, 0.1, 0), point(10, 0.3, 0.25), point(20, 0.5, 0.4), point(30, 0.6, 0.38)];
const schedule = { stepSize: 10, cycles: 2 };
const seriesOf = (option: ReturnType<typeof buildRunChartOption>) => option.series as LineSeriesOption[];

describe('buildRunChartOption', () => {
  it('plots train and val of the metric against steps, η on the second axis', () => {
    const option = buildRunChartOption({ curves, metric: 'cost', x: 'step', logY: false, schedule });
    const [train, val, eta] = seriesOf(option);
    expect(train.name).toBe('train');
    expect(train.data).toEqual([[0, 0], [10, 2], [20, 2], [30, 2]]);
    expect(val.data).toEqual([[0, 0.1], [10, 2.1], [20, 2.1], [30, 2.1]]);
    expect(eta.yAxisIndex).toBe(1);
    expect(eta.data).toEqual(curves.map((p) => [p.step, p.eta]));
    expect(option.toolbox).toMatchObject({ feature: { saveAsImage: { name: 'sweeplab-chart' } } });
  });

  it('shows accuracy in percent and switches the x axis to epochs', () => {
    const option = buildRunChartOption({ curves, metric: 'accuracy', x: 'epoch', logY: false, schedule });
    expect(seriesOf(option)[1].data).toEqual([[0, 10], [1, 25], [2, 40], [3, 38]]);
    expect((option.xAxis as { name: string }).name).toBe('epoch');
  });

  it('marks every cycle boundary but the end, in the unit of the x axis', () => {
    expect(cycleBoundaries({ stepSize: 10, cycles: 3 }, 'step', 0.1)).toEqual([20, 40]);
    expect(cycleBoundaries({ stepSize: 10, cycles: 3 }, 'epoch', 0.1)).toEqual([2, 4]);
    const option = buildRunChartOption({ curves, metric: 'loss', x: 'step', logY: false, schedule });
    expect(seriesOf(option)[0].markLine?.data).toEqual([{ xAxis: 20 }]);
    const single = buildRunChartOption({ curves, metric: 'loss', x: 'step', logY: false, schedule: { stepSize: 10, cycles: 1 } });
    expect(seriesOf(single)[0].markLine).toBeUndefined();
  });

  it('leaves values a log axis cannot show out, as gaps', () => {
    const option = buildRunChartOption({ curves, metric: 'cost', x: 'step', logY: true, schedule });
    expect((seriesOf(option)[0].data as unknown[][])[0]).toEqual([0, null]);
    expect((option.yAxis as Array<{ type: string }>)[0].type).toBe('log');
  });

  it('decimates a 10,000-point series to the plot width, keeping its extrema and ends', () => {
    const long = Array.from({ length: 10_000 }, (_, i) => point(i, 0.5, 0.5, 2 + Math.sin(i / 50)));
    long[7_777] = point(7_777, 0.5, 0.5, 9); // one spike a plain stride would likely miss
    const [train, , eta] = seriesOf(buildRunChartOption({ curves: long, metric: 'cost', x: 'step', logY: false, schedule, width: 300 }));
    const data = train.data as Array<[number, number]>;
    expect(data.length).toBeLessThanOrEqual(2 * 300 + 2);
    expect(data[0]).toEqual([0, 2]);
    expect(data.at(-1)![0]).toBe(9_999);
    expect(data).toContainEqual([7_777, 9]);
    expect(Math.min(...data.map((p) => p[1]))).toBeCloseTo(1, 3);
    expect(train.showSymbol).toBe(false);
    expect((eta.data as unknown[]).length).toBeLessThanOrEqual(602);
  });

  it('smooths train and val only when asked, keeping the recorded values as faint lines', () => {
    const plain = seriesOf(buildRunChartOption({ curves, metric: 'accuracy', x: 'step', logY: false, schedule }));
    expect(plain.map((s) => s.name)).toEqual(['train', 'val', 'η']);
    const smoothed = seriesOf(buildRunChartOption({ curves, metric: 'accuracy', x: 'step', logY: false, schedule, smoothing: 0.5 }));
    expect(smoothed.map((s) => s.name)).toEqual(['train', 'train', 'val', 'val', 'η']);
    expect(smoothed[0].data).toEqual(plain[0].data); // the faint raw line
    expect(smoothed[0].lineStyle?.opacity).toBe(0.25);
    const values = (smoothed[1].data as Array<[number, number]>).map((p) => p[1]);
    // Debiased EMA with weight 0.5 of 10, 30, 50, 60: 10, 70/3 (=(0.25·10+0.5·30)/0.75), …
    expect(values[0]).toBeCloseTo(10, 10);
    expect(values[1]).toBeCloseTo(70 / 3, 10);
    expect(values[3]).toBeLessThan(60);
    expect(smoothed[4].data).toEqual(plain[2].data); // η is never smoothed
  });
});

describe('bestVal', () => {
  it('is the highest val accuracy on the curve and its step, first on ties', () => {
    expect(bestVal(curves)).toEqual({ accuracy: 0.4, step: 20 });
    expect(bestVal([])).toBeNull();
  });
});
