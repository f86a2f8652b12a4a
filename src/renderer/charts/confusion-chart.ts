// The Run view's confusion matrix as a heatmap (true class down, predicted across, counts or
// row percentages in the cells) and its per-class accuracy rows. Pure functions from
// the lab's answer to an option or rows, unit-tested without a browser.
import type { CustomSeriesRenderItem, EChartsOption } from 'echarts';
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

/** The cell colours' ends, light (0) to dark (the largest cell). */
const LIGHT = [0xf7, 0xfb, 0xff];
const DARK = [0x42, 0x92, 0xc6];

/** The colour of a cell holding `share` (0..1) of the largest cell's value. */
export function cellColor(share: number): string {
  const mix = LIGHT.map((light, i) => Math.round(light + (DARK[i] - light) * Math.min(1, Math.max(0, share))));
  return `rgb(${mix.join(', ')})`;
}

/**
 * `rowPercent`: each cell as a share of its true class (rows sum to 100), which compares classes
 * of different sizes; otherwise raw counts. Drawn as a custom series of labelled rectangles, not
 * ECharts' heatmap: the heatmap series marks every cell "incremental" (echarts 6.1), which gives
 * the chart three stacked canvases instead of one; its first frame took 58–65 ms of CPU, against
 * 31–39 ms for this (traced as the Run view's watched run ends, nothing else running).
 */
export function buildConfusionOption(c: RunConfusion, rowPercent: boolean): EChartsOption {
  const rows = perClassRows(c);
  const data: Array<[number, number, number]> = [];
  c.counts.forEach((row, t) => row.forEach((count, p) => {
    const value = rowPercent ? (rows[t].images === 0 ? 0 : (100 * count) / rows[t].images) : count;
    data.push([p, t, Number(value.toFixed(rowPercent ? 1 : 0))]);
  }));
  const max = Math.max(1, ...data.map((d) => d[2]));
  const renderItem: CustomSeriesRenderItem = (_params, api) => {
    const value = Number(api.value(2));
    const [x, y] = api.coord([api.value(0), api.value(1)]);
    const [width, height] = api.size!([1, 1]) as number[];
    return {
      type: 'rect',
      shape: { x: x - width / 2, y: y - height / 2, width, height },
      style: { fill: cellColor(value / max) },
      textContent: { type: 'text', style: { text: String(value), fontSize: 10, fill: value / max > 0.6 ? '#fff' : '#333' } },
      textConfig: { position: 'inside' },
    };
  };
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
    series: [{ type: 'custom', name: rowPercent ? 'share of true class (%)' : 'test images', data, renderItem, encode: { x: 0, y: 1, tooltip: 2 } }],
  };
}
