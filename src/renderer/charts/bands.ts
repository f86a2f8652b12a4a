// Curves of grouped runs as mean ± std: per group, the mean val accuracy at every recorded
// step with a shaded band one sample std either side (runs of a group share their schedule,
// so their points fall on the same steps; a step some runs lack averages the runs that have
// it). The band is drawn as ECharts draws bands: an invisible lower line and a filled width
// stacked on it (stacking on a value axis goes by index, which is why both share their x).
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { RecordPoint } from '../../shared/core-types.ts';
import { stat } from './compare.ts';
import { minMaxDecimate } from './decimate.ts';
import { SAVE_AS_PNG } from './run-chart.ts';

export interface BandPoint {
  x: number;
  mean: number;
  std: number;
  n: number;
}

/** Mean and sample std over the runs of `value` at each step any of them recorded, by step. */
export function meanStdCurve(curves: ReadonlyArray<readonly RecordPoint[]>, value: (p: RecordPoint) => number): BandPoint[] {
  const byStep = new Map<number, number[]>();
  for (const curve of curves) {
    for (const point of curve) {
      const values = byStep.get(point.step);
      if (values) values.push(value(point));
      else byStep.set(point.step, [value(point)]);
    }
  }
  return [...byStep].sort((a, b) => a[0] - b[0]).flatMap(([x, values]) => {
    const s = stat(values);
    return s ? [{ x, ...s }] : [];
  });
}

export const GROUP_COLORS = ['#5470c6', '#ee6666', '#91cc75', '#fac858', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc'];

/** A point per pixel column is all a 300-px chart shows: longer mean curves are thinned. */
const MAX_POINTS = 600;

/** Val accuracy (percent) of each group: its mean line and a ±std band, one colour per group. */
export function buildBandOverlayOption(groups: ReadonlyArray<{ name: string; curves: ReadonlyArray<readonly RecordPoint[]> }>): EChartsOption {
  const series = groups.flatMap((group, i): LineSeriesOption[] => {
    const color = GROUP_COLORS[i % GROUP_COLORS.length];
    let band = meanStdCurve(group.curves, (p) => 100 * p.val.accuracy);
    if (band.length > MAX_POINTS) {
      const kept = new Set(minMaxDecimate(band.map((b) => [b.x, b.mean]), MAX_POINTS / 2).map(([x]) => x));
      band = band.filter((b) => kept.has(b.x));
    }
    const stack = `band ${i}`;
    const hidden = { lineStyle: { opacity: 0 }, showSymbol: false, silent: true, tooltip: { show: false } } as const;
    return [
      { type: 'line', name: `${group.name} (mean − std)`, stack, data: band.map((b) => [b.x, b.mean - b.std]), ...hidden },
      { type: 'line', name: `${group.name} (band)`, stack, data: band.map((b) => [b.x, 2 * b.std]), areaStyle: { color, opacity: 0.2 }, ...hidden },
      { type: 'line', name: group.name, color, showSymbol: false, data: band.map((b) => [b.x, b.mean]) },
    ];
  });
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 36, bottom: 44 },
    legend: { top: 4, type: 'scroll', right: 40, data: groups.map((g) => g.name) },
    toolbox: SAVE_AS_PNG,
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: 'update step', nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', name: 'val accuracy (%), mean ± std', scale: true },
    series,
  };
}
