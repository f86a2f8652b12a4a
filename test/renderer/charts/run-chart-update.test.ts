// Live Run view redraws: the trailing throttle (coalesces calls, every run in a task of its
// own, at most one per interval) and the update plan (only the series' points while a run
// streams, the whole option when anything else changes).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LineSeriesOption } from 'echarts';
import type { RecordPoint } from '../../../src/core/metrics.ts';
import { buildRunChartOption } from '../../../src/renderer/charts/run-chart.ts';
import type { RunChartInput } from '../../../src/renderer/charts/run-chart.ts';
import { planRunChartUpdate } from '../../../src/renderer/charts/run-chart-update.ts';
import { trailingThrottle } from '../../../src/renderer/charts/throttle.ts';

describe('trailingThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs in a later task even when idle, once for a burst of calls', () => {
    const run = vi.fn();
    const redraw = trailingThrottle(run, 250, () => Date.now());
    redraw();
    redraw();
    expect(run).not.toHaveBeenCalled(); // not in the caller's task
    vi.advanceTimersByTime(0);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs at most once per interval under a steady stream, the last call never dropped', () => {
    const runs: number[] = [];
    const redraw = trailingThrottle(() => runs.push(Date.now() - start), 250, () => Date.now());
    const start = Date.now();
    for (let t = 0; t < 1000; t += 50) {
      redraw();
      vi.advanceTimersByTime(50);
    }
    // A call every 50 ms from 0 to 950: a run every 250 ms, the one at 1000 after the last call.
    expect(runs).toEqual([0, 250, 500, 750, 1000]);
    vi.advanceTimersByTime(1000);
    expect(runs).toHaveLength(5);
  });

  it('forgets a pending run when cancelled', () => {
    const run = vi.fn();
    const redraw = trailingThrottle(run, 250, () => Date.now());
    redraw();
    redraw.cancel();
    vi.advanceTimersByTime(1000);
    expect(run).not.toHaveBeenCalled();
    redraw();
    vi.advanceTimersByTime(0);
    expect(run).toHaveBeenCalledTimes(1);
  });
});

const point = (step: number): RecordPoint => ({
  step, epoch: step / 10, eta: 1e-3 * (step + 1),
  train: { cost: 2 + step, loss: 1.5, accuracy: 0.1 + step / 100 }, val: { cost: 2.1, loss: 1.6, accuracy: 0.05 + step / 100 },
});
const streamed = (n: number) => Array.from({ length: n }, (_, i) => point(10 * i));
const base: RunChartInput = { curves: streamed(3), metric: 'cost', x: 'step', logY: false, schedule: { stepSize: 10, cycles: 3 } };
const seriesOf = (option: { series?: unknown }) => option.series as LineSeriesOption[];

describe('planRunChartUpdate', () => {
  it('sends the whole option first, then only the points while the run streams', () => {
    const first = planRunChartUpdate(null, base);
    expect(first.notMerge).toBe(true);
    expect(JSON.stringify(first.option)).toBe(JSON.stringify(buildRunChartOption(base))); // JSON: the axis formatter is a new function each time

    const grown = { ...base, curves: streamed(70) };
    const next = planRunChartUpdate(first.frame, grown);
    expect(next.notMerge).toBe(false);
    expect(Object.keys(next.option)).toEqual(['series']);
    const full = seriesOf(buildRunChartOption(grown));
    // Same points and dots as a whole new option would give (70 points: no dots any more).
    expect(seriesOf(next.option)).toEqual(full.map((s) => ({ data: s.data, showSymbol: s.showSymbol })));
    expect(seriesOf(next.option)[0].showSymbol).toBe(false);
  });

  it('sends the whole option again when the axes, the series or the cycle marks change', () => {
    const { frame } = planRunChartUpdate(null, base);
    for (const changed of [{ logY: true }, { metric: 'loss' as const }, { x: 'epoch' as const }, { smoothing: 0.5 }, { schedule: { stepSize: 20, cycles: 3 } }]) {
      const update = planRunChartUpdate(frame, { ...base, ...changed });
      expect(update.notMerge, JSON.stringify(changed)).toBe(true);
      expect(JSON.stringify(update.option)).toBe(JSON.stringify(buildRunChartOption({ ...base, ...changed })));
    }
    // A smoothing weight changed, not switched on or off: the same series, new points.
    const smoothed = planRunChartUpdate(null, { ...base, smoothing: 0.5 });
    expect(planRunChartUpdate(smoothed.frame, { ...base, smoothing: 0.8 }).notMerge).toBe(false);
  });
});
