// The Sweeps view's charts of what a search found: the best value so far against trial number
// (each trial's own value as a dot, pruned ones hollow), and each parameter's importance as a
// horizontal bar of its share. Pure functions of a SearchSummary (src/core/search/summary.ts).
import type { EChartsOption } from 'echarts';
import type { SearchSummary } from '../../shared/core-types.ts';
import { SAVE_AS_PNG } from './run-chart.ts';

/** Accuracies are drawn in percent. */
const scaleOf = (metric: string) => (metric.endsWith('accuracy') ? 100 : 1);

export function buildBestSoFarOption(summary: SearchSummary, metric: string): EChartsOption {
  const scale = scaleOf(metric);
  const at = (v: number | null) => (v === null ? null : v * scale);
  const dots = (pruned: boolean) => summary.progress
    .filter((p) => p.value !== null && (p.status === 'pruned') === pruned)
    .map((p) => [p.trial, at(p.value)]);
  return {
    animation: false,
    toolbox: SAVE_AS_PNG,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 40 },
    grid: { left: 56, right: 24, top: 44, bottom: 40 },
    xAxis: { type: 'value', name: 'trial', nameLocation: 'middle', nameGap: 26, minInterval: 1 },
    yAxis: { type: 'value', name: scale === 100 ? `${metric} (%)` : metric, scale: true },
    series: [
      { name: 'best so far', type: 'line', step: 'end', showSymbol: false, data: summary.progress.map((p) => [p.trial, at(p.best)]) },
      { name: 'trial', type: 'scatter', symbolSize: 7, data: dots(false) },
      { name: 'pruned', type: 'scatter', symbolSize: 7, itemStyle: { color: 'transparent', borderColor: '#999', borderWidth: 1.5 }, data: dots(true) },
    ],
  };
}

export function buildImportanceOption(summary: SearchSummary): EChartsOption {
  const rows = [...summary.importance].sort((a, b) => a.share - b.share);
  return {
    animation: false,
    toolbox: SAVE_AS_PNG,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 130, right: 40, top: 16, bottom: 32 },
    xAxis: { type: 'value', name: 'share of explained variance (%)', nameLocation: 'middle', nameGap: 24, max: 100 },
    yAxis: { type: 'category', data: rows.map((r) => r.path) },
    series: [{ type: 'bar', data: rows.map((r) => Number((100 * r.share).toFixed(1))), label: { show: true, position: 'right', formatter: '{c}%' } }],
  };
}
