// How a live Run view chart goes from the option it shows to the next one. While a run
// streams, only the points change: sending the three series' data alone lets ECharts merge
// three arrays instead of re-reading a whole option (axes, legend, toolbox, tooltip, mark
// lines) on every recorded point. Anything else changed — metric, x unit, log y, smoothing on
// or off, the cycle marks — sends the whole option, replacing the old one. Pure.
import type { EChartsOption, LineSeriesOption } from 'echarts';
import { buildRunChartOption, cycleBoundaries, epochsPerStep } from './run-chart.ts';
import type { RunChartInput } from './run-chart.ts';

export interface RunChartUpdate {
  option: EChartsOption;
  /** true: replace the shown option; false: merge `option.series` into it by index. */
  notMerge: boolean;
  /** The frame the chart shows after this update (pass it to the next plan). */
  frame: string;
}

/** Everything of the option that is not the series' points, as a comparable key. */
export function runChartFrame(input: RunChartInput): string {
  const boundaries = cycleBoundaries(input.schedule, input.x, epochsPerStep(input.curves));
  return JSON.stringify([input.metric, input.x, input.logY, (input.smoothing ?? 0) > 0, boundaries]);
}

/** The update that makes a chart showing `shownFrame` (null: nothing yet) show `input`. */
export function planRunChartUpdate(shownFrame: string | null, input: RunChartInput): RunChartUpdate {
  const option = buildRunChartOption(input);
  const frame = runChartFrame(input);
  if (frame !== shownFrame) return { option, notMerge: true, frame };
  // showSymbol goes with the data: dots are drawn on short series only.
  const series = (option.series as LineSeriesOption[]).map(({ data, showSymbol }): LineSeriesOption => ({ data, showSymbol }));
  return { option: { series }, notMerge: false, frame };
}
