// Chart options for one run's curves: a metric (cost, loss or accuracy) on train and val, the
// learning rate η on a second axis, and the cycle boundaries of the cyclical schedule marked.
// Optional EMA smoothing (train and val, raw curves kept faint behind) and min-max decimation
// of long series. Pure functions from data to an ECharts option, unit-tested without a browser.
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { RecordPoint } from '../../shared/core-types.ts';
import { minMaxDecimate } from './decimate.ts';
import type { XY } from './decimate.ts';
import { smoothEma } from './smooth.ts';

export type Metric = 'cost' | 'loss' | 'accuracy';
export type XAxisUnit = 'step' | 'epoch';

export interface RunChartInput {
  curves: readonly RecordPoint[];
  metric: Metric;
  x: XAxisUnit;
  logY: boolean;
  /** n_s and cycles of the run's schedule: boundaries at every 2·n_s steps. */
  schedule: { stepSize: number; cycles: number };
  /** EMA weight in [0, 1): 0 (the default) draws the recorded values as they are. */
  smoothing?: number;
  /** Plot width in pixels: series longer than two points per pixel are decimated to that. */
  width?: number;
}

/** Default plot width when the caller does not know it: a third of a 1280-pixel window. */
export const DEFAULT_PLOT_WIDTH = 400;
const COLORS = { train: '#5470c6', val: '#91cc75', eta: '#aaa' };

/** The toolbox button that saves a chart as PNG (every chart of the app has it). */
export const SAVE_AS_PNG = { right: 4, top: 0, feature: { saveAsImage: { title: 'save as PNG', name: 'sweeplab-chart', pixelRatio: 2 } } };

export const METRIC_LABEL: Record<Metric, string> = { cost: 'cost (loss + λ‖W‖²)', loss: 'loss (cross-entropy)', accuracy: 'accuracy (%)' };

const valueOf = (point: RecordPoint, set: 'train' | 'val', metric: Metric) =>
  metric === 'accuracy' ? 100 * point[set].accuracy : point[set][metric];

/** Epochs per update step, read off the curve (0 when nothing is recorded after step 0). */
export function epochsPerStep(curves: readonly RecordPoint[]): number {
  const last = curves.at(-1);
  return last && last.step > 0 ? last.epoch / last.step : 0;
}

export function cycleBoundaries(schedule: RunChartInput['schedule'], x: XAxisUnit, perStep: number): number[] {
  const steps = Array.from({ length: schedule.cycles - 1 }, (_, k) => 2 * schedule.stepSize * (k + 1));
  return x === 'step' ? steps : steps.map((s) => s * perStep);
}

export function buildRunChartOption(input: RunChartInput): EChartsOption {
  const { curves, metric, x, logY, schedule } = input;
  const smoothing = input.smoothing ?? 0;
  const buckets = input.width ?? DEFAULT_PLOT_WIDTH;
  const xs = curves.map((p) => (x === 'step' ? p.step : p.epoch));
  // log axes cannot show 0 or negatives (accuracy 0, a cost that underflowed): leave those out.
  const y = (v: number) => (logY && !(v > 0) ? null : Number.isFinite(v) ? v : null);
  const pairs = (ys: readonly (number | null)[]): XY[] => minMaxDecimate(xs.map((xv, i) => [xv, ys[i]]), buckets);
  const line = (name: string, data: XY[], color: string, extra: LineSeriesOption = {}): LineSeriesOption => ({
    // No hover emphasis (the tooltip reads the axis): ECharts then skips building hover states
    // for every point's symbol at each redraw of a streaming run.
    type: 'line', name, data, showSymbol: data.length < 60, connectNulls: false, animation: false, emphasis: { disabled: true },
    itemStyle: { color }, lineStyle: { color }, ...extra,
  });
  const boundaries = cycleBoundaries(schedule, x, epochsPerStep(curves));
  const markLine: LineSeriesOption['markLine'] = boundaries.length
    ? { symbol: 'none', silent: true, label: { show: false }, lineStyle: { type: 'dotted', color: '#999' }, data: boundaries.map((v) => ({ xAxis: v })) }
    : undefined;
  const sets = (['train', 'val'] as const).flatMap((set) => {
    const raw = curves.map((p) => y(valueOf(p, set, metric)));
    const main = line(set, pairs(smoothEma(raw, smoothing)), COLORS[set], set === 'train' ? { markLine } : {});
    // Smoothed: the recorded values stay visible, faint, under the same legend entry.
    return smoothing > 0 ? [line(set, pairs(raw), COLORS[set], { showSymbol: false, lineStyle: { color: COLORS[set], opacity: 0.25 }, tooltip: { show: false } }), main] : [main];
  });
  return {
    animation: false,
    // Fixed margins hold the axis labels: no fitting of the grid to the labels' bounds, which
    // ECharts 6 would otherwise redo on every redraw of a streaming run.
    grid: { left: 64, right: 64, top: 36, bottom: 44, outerBoundsMode: 'none' },
    legend: { top: 4, data: ['train', 'val', 'η'] },
    toolbox: SAVE_AS_PNG,
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: x === 'step' ? 'update step' : 'epoch', nameLocation: 'middle', nameGap: 26, min: 0 },
    yAxis: [
      { type: logY ? 'log' : 'value', name: METRIC_LABEL[metric], scale: !logY },
      { type: 'value', name: 'η', position: 'right', splitLine: { show: false }, axisLabel: { formatter: (v: number) => v.toExponential(0) } },
    ],
    series: [
      ...sets,
      line('η', pairs(curves.map((p) => p.eta)), COLORS.eta, { yAxisIndex: 1, lineStyle: { type: 'dashed', width: 1, color: COLORS.eta }, showSymbol: false }),
    ],
  };
}

/** Best val accuracy on the curve and its step (the stored best only exists once a run ends). */
export function bestVal(curves: readonly RecordPoint[]): { accuracy: number; step: number } | null {
  let best: { accuracy: number; step: number } | null = null;
  for (const p of curves) if (Number.isFinite(p.val.accuracy) && (!best || p.val.accuracy > best.accuracy)) best = { accuracy: p.val.accuracy, step: p.step };
  return best;
}
