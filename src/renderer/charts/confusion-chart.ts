// The Run view's confusion matrix as an ECharts heatmap (true class down, predicted across,
// counts or row percentages in the cells) and its per-class accuracy rows. Pure functions from
// the lab's answer to an option or rows, unit-tested without a browser.
import type { EChartsOption } from 'echarts';
import type { RunConfusion } from '../../shared/lab-api.ts';
import { SAVE_AS_PNG } from './run-chart.ts';

export interface PerClassRow {
  name: string;
  images: number;
  correct: number;
  /** 0..1, null when the test set has no image of the class. */
  accuracy: number | null;
}

export function perClassRows(c: RunConfusion): PerClassRow[] {
  return c.classNames.map((name, t) => ({
    name, images: c.counts[t].reduce((a, b) => a + b, 0), correct: c.counts[t][t], accuracy: c.perClass[t],
  }));
}

/**
 * `rowPercent`: each cell as a share of its true class (rows sum to 100), which compares classes
 * of different sizes; otherwise raw counts.
 */
export function buildConfusionOption(c: RunConfusion, rowPercent: boolean): EChartsOption {
  const rows = perClassRows(c);
  const data: Array<[number, number, number]> = [];
  c.counts.forEach((row, t) => row.forEach((count, p) => {
    const value = rowPercent ? (rows[t].images === 0 ? 0 : (100 * count) / rows[t].images) : count;
    data.push([p, t, Number(value.toFixed(rowPercent ? 1 : 0))]);
  }));
  const max = Math.max(1, ...data.map((d) => d[2]));
  return {
    animation: false,
    grid: { left: 96, right: 16, top: 36, bottom: 84 },
    toolbox: { ...SAVE_AS_PNG, feature: { saveAsImage: { ...SAVE_AS_PNG.feature.saveAsImage, name: 'sweeplab-confusion' } } },
    tooltip: { formatter: (params: unknown) => {
      const [p, t, v] = (params as { value: [number, number, number] }).value;
      return `true ${c.classNames[t]} → predicted ${c.classNames[p]}: ${v}${rowPercent ? '%' : ''}`;
    } },
    xAxis: { type: 'category', data: c.classNames, name: 'predicted', nameLocation: 'middle', nameGap: 64, axisLabel: { rotate: 45, interval: 0 }, splitArea: { show: true } },
    yAxis: { type: 'category', data: c.classNames, name: 'true', nameLocation: 'start', inverse: true, axisLabel: { interval: 0 }, splitArea: { show: true } },
    visualMap: { show: false, min: 0, max, inRange: { color: ['#f7fbff', '#4292c6'] } },
    series: [{ type: 'heatmap', name: rowPercent ? 'share of true class (%)' : 'test images', data, label: { show: true, fontSize: 10 } }],
  };
}
