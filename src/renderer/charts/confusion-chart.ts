// The confusion matrix as a picture, for its PNG export: a heatmap (true class down, predicted
// across, counts or row percentages in the cells), drawn as an ECharts custom series of labelled
// rectangles, not ECharts' heatmap series — that marks every cell "incremental" (echarts 6.1),
// which gives the chart three stacked canvases. The Run view shows the matrix as a table
// (confusion-table.ts); this is drawn only when the user exports it.
import type { CustomSeriesRenderItem, EChartsOption } from 'echarts';
import type { RunConfusion } from '../../shared/lab-api.ts';
import { cellColor, cellValues, inkOn } from './confusion-table.ts';

/** `rowPercent`: each cell as a share of its true class (rows sum to 100); otherwise raw counts. */
export function buildConfusionOption(c: RunConfusion, rowPercent: boolean): EChartsOption {
  const data: Array<[number, number, number]> = [];
  cellValues(c, rowPercent).forEach((row, t) => row.forEach((value, p) => data.push([p, t, value])));
  const max = Math.max(1, ...data.map((d) => d[2]));
  const renderItem: CustomSeriesRenderItem = (_params, api) => {
    const value = Number(api.value(2));
    const [x, y] = api.coord([api.value(0), api.value(1)]);
    const [width, height] = api.size!([1, 1]) as number[];
    return {
      type: 'rect',
      shape: { x: x - width / 2, y: y - height / 2, width, height },
      style: { fill: cellColor(value / max) },
      textContent: { type: 'text', style: { text: String(value), fontSize: 10, fill: inkOn(value / max) } },
      textConfig: { position: 'inside' },
    };
  };
  return {
    animation: false,
    backgroundColor: '#fff',
    title: { text: rowPercent ? 'Confusion matrix (% of true class)' : 'Confusion matrix (test images)', left: 'center', textStyle: { fontSize: 13 } },
    grid: { left: 96, right: 16, top: 40, bottom: 84 },
    xAxis: { type: 'category', data: c.classNames, name: 'predicted', nameLocation: 'middle', nameGap: 64, axisLabel: { rotate: 45, interval: 0 } },
    yAxis: { type: 'category', data: c.classNames, name: 'true', nameLocation: 'start', inverse: true, axisLabel: { interval: 0 } },
    series: [{ type: 'custom', data, renderItem, encode: { x: 0, y: 1 } }],
  };
}
