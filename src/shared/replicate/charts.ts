// ECharts options for the replication report's charts: final validation accuracy against λ on
// a log axis (coarse, fine and the reference's search), and one run's cost, loss or accuracy
// curves (train vs val). Pure data → option, so the HTML report (rendered to SVG in Node) and
// the app's Replication view draw the same charts; no animation, so a static SVG is complete.
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { RecordPoint } from '../../core/metrics.ts';
import type { ReplicationReport } from './model.ts';

export type CurveMetric = 'cost' | 'loss' | 'accuracy';
export const CURVE_METRICS: readonly CurveMetric[] = ['cost', 'loss', 'accuracy'];

export function lambdaChartOption(lambda: NonNullable<ReplicationReport['lambda']>): EChartsOption {
  const series: LineSeriesOption[] = [];
  const add = (name: string, data: Array<[number, number]>, color: string, dashed = false) => series.push({
    type: 'line', name, data, color, symbolSize: 7, showSymbol: true, animation: false, lineStyle: dashed ? { type: 'dashed', width: 1 } : { width: 2 },
  });
  add('reference (uniform λ)', lambda.reference.coarse.map((r) => [r.lambda, r.finalVal]), '#999', true);
  if (lambda.coarse) add('coarse (log-uniform)', lambda.coarse.points.map((p) => [p.lambda, p.val]), '#3b6fd1');
  if (lambda.fine) add('fine', lambda.fine.points.map((p) => [p.lambda, p.val]), '#d1553b');
  if (lambda.best !== null && series.length) {
    series[series.length - 1].markLine = { symbol: 'none', silent: true, label: { formatter: `best λ ${lambda.best.toPrecision(2)}` }, lineStyle: { color: '#d1553b', type: 'dotted' }, data: [{ xAxis: lambda.best }] };
  }
  return {
    animation: false,
    title: { text: 'Final validation accuracy vs λ', left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 56, right: 24, top: 40, bottom: 64 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'log', name: 'λ', nameLocation: 'middle', nameGap: 26, min: 1e-5, max: 1e-1, axisLabel: { formatter: (v: number) => v.toExponential(0) } },
    yAxis: { type: 'value', name: 'val acc. (%)', scale: true },
    series,
  };
}

export function runCurveOption(curves: readonly RecordPoint[], metric: CurveMetric, title?: string): EChartsOption {
  const value = (p: RecordPoint, set: 'train' | 'val') => {
    const v = metric === 'accuracy' ? 100 * p[set].accuracy : p[set][metric];
    return Number.isFinite(v) ? v : null;
  };
  const line = (name: string, set: 'train' | 'val', color: string): LineSeriesOption => ({
    type: 'line', name, color, showSymbol: curves.length < 30, symbolSize: 4, animation: false, data: curves.map((p) => [p.step, value(p, set)]),
  });
  return {
    animation: false,
    title: { text: title ?? (metric === 'accuracy' ? 'accuracy (%)' : metric), left: 4, top: 2, textStyle: { fontSize: 12 } },
    legend: { top: 2, right: 4, itemWidth: 14, textStyle: { fontSize: 10 } },
    grid: { left: 48, right: 12, top: 30, bottom: 36 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 20, min: 0, axisLabel: { fontSize: 9 } },
    yAxis: { type: 'value', scale: true, axisLabel: { fontSize: 9 } },
    series: [line('train', 'train', '#3b6fd1'), line('val', 'val', '#d1553b')],
  };
}
