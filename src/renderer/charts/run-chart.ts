// Chart options for one run's curves: a metric (cost, loss or accuracy) on train and val, the
// learning rate η on a second axis, and the cycle boundaries of the cyclical schedule marked.
// Pure functions from data to an ECharts option, so they are unit-tested without a browser.
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { RecordPoint } from '../../core/metrics.ts';

export type Metric = 'cost' | 'loss' | 'accuracy';
export type XAxisUnit = 'step' | 'epoch';

export interface RunChartInput {
  curves: readonly RecordPoint[];
  metric: Metric;
  x: XAxisUnit;
  logY: boolean;
  /** n_s and cycles of the run's schedule: boundaries at every 2·n_s steps. */
  schedule: { stepSize: number; cycles: number };
}

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
  const xOf = (p: RecordPoint) => (x === 'step' ? p.step : p.epoch);
  // log axes cannot show 0 or negatives (accuracy 0, a cost that underflowed): leave those out.
  const y = (v: number) => (logY && !(v > 0) ? null : Number.isFinite(v) ? v : null);
  const line = (name: string, data: Array<[number, number | null]>, extra: LineSeriesOption = {}): LineSeriesOption => ({
    type: 'line', name, data, showSymbol: data.length < 60, sampling: 'lttb', connectNulls: false, animation: false, ...extra,
  });
  const boundaries = cycleBoundaries(schedule, x, epochsPerStep(curves));
  return {
    animation: false,
    grid: { left: 64, right: 64, top: 36, bottom: 44 },
    legend: { top: 4, data: ['train', 'val', 'η'] },
    toolbox: SAVE_AS_PNG,
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: x === 'step' ? 'update step' : 'epoch', nameLocation: 'middle', nameGap: 26, min: 0 },
    yAxis: [
      { type: logY ? 'log' : 'value', name: METRIC_LABEL[metric], scale: !logY },
      { type: 'value', name: 'η', position: 'right', splitLine: { show: false }, axisLabel: { formatter: (v: number) => v.toExponential(0) } },
    ],
    series: [
      line('train', curves.map((p) => [xOf(p), y(valueOf(p, 'train', metric))]), {
        markLine: boundaries.length ? { symbol: 'none', silent: true, label: { show: false }, lineStyle: { type: 'dotted', color: '#999' }, data: boundaries.map((v) => ({ xAxis: v })) } : undefined,
      }),
      line('val', curves.map((p) => [xOf(p), y(valueOf(p, 'val', metric))])),
      line('η', curves.map((p) => [xOf(p), p.eta]), { yAxisIndex: 1, lineStyle: { type: 'dashed', width: 1, color: '#aaa' }, itemStyle: { color: '#aaa' }, showSymbol: false }),
    ],
  };
}

/** Best val accuracy on the curve and its step (the stored best only exists once a run ends). */
export function bestVal(curves: readonly RecordPoint[]): { accuracy: number; step: number } | null {
  let best: { accuracy: number; step: number } | null = null;
  for (const p of curves) if (Number.isFinite(p.val.accuracy) && (!best || p.val.accuracy > best.accuracy)) best = { accuracy: p.val.accuracy, step: p.step };
  return best;
}
