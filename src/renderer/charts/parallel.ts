// Parallel coordinates of the finished runs: one vertical axis per parameter that varies among
// them (λ, η range, n_s, cycles, batch, init σ, widths, BN, seed) and the final accuracies,
// one polyline per run. A parameter whose values are all positive and span at least two
// decades gets a log axis — λ, η and σ are searched that way — and λ = 0 (no L2) sits one
// decade below the smallest positive λ, said in the axis name. Runs the scheduler pruned are
// drawn faint and dashed, at their best val accuracy (they have no final one). Pure function
// of the runs.
import type { EChartsOption, ParallelSeriesOption } from 'echarts';
import type { RunSummary } from '../../shared/lab-api.ts';
import { SAVE_AS_PNG } from './run-chart.ts';

interface Dimension {
  name: string;
  get(run: RunSummary): number | string | null;
  /** Never dropped for not varying: the point of the chart. */
  always?: boolean;
  percent?: boolean;
}

const DIMENSIONS: Dimension[] = [
  { name: 'λ', get: (r) => r.config.lambda, always: true },
  { name: 'η min', get: (r) => r.config.schedule.etaMin },
  { name: 'η max', get: (r) => r.config.schedule.etaMax },
  { name: 'n_s', get: (r) => r.config.schedule.stepSize },
  { name: 'cycles', get: (r) => r.config.schedule.cycles },
  { name: 'batch', get: (r) => r.config.batchSize },
  { name: 'σ (init)', get: (r) => (r.config.network.init.kind === 'normal' ? r.config.network.init.sigma : null) },
  { name: 'hidden', get: (r) => r.config.network.hidden.join('-') || 'none' },
  { name: 'BN', get: (r) => (r.config.network.batchNorm ? 'yes' : 'no') },
  { name: 'seed', get: (r) => String(r.config.seed) }, // a name, not a quantity (repeat seeds are hashes)
  { name: 'final val (%)', get: (r) => (r.final ? 100 * r.final.val.accuracy : r.status === 'pruned' && r.bestVal ? 100 * r.bestVal.accuracy : null), always: true, percent: true },
  { name: 'final test (%)', get: (r) => (r.final ? 100 * r.final.test.accuracy : null), always: true, percent: true },
];

/** Log-scaled when every value is ≥ 0, the positive ones span ≥ 100×, and there are some. */
export function isLogScaled(values: ReadonlyArray<number | null>): boolean {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.some((v) => v < 0)) return false;
  const positive = xs.filter((v) => v > 0);
  return positive.length > 1 && Math.max(...positive) / Math.min(...positive) >= 100;
}

export function buildParallelOption(runs: readonly RunSummary[]): EChartsOption {
  const done = runs.filter((r) => r.final || r.status === 'pruned');
  const columns = DIMENSIONS.map((d) => ({ ...d, values: done.map((r) => d.get(r)) }))
    .filter((d) => d.always || new Set(d.values.map(String)).size > 1);
  const axes = columns.map((d, dim) => {
    const categorical = d.values.some((v) => typeof v === 'string');
    if (categorical) return { axis: { dim, name: d.name, type: 'category' as const, data: [...new Set(d.values.map(String))].sort() }, map: (v: unknown) => String(v) };
    const numbers = d.values as Array<number | null>;
    if (!d.percent && isLogScaled(numbers)) {
      const floor = Math.min(...numbers.filter((v): v is number => v !== null && v > 0)) / 10;
      const zero = numbers.includes(0);
      return { axis: { dim, name: zero ? `${d.name} (log; 0 at ${floor.toExponential(0)})` : `${d.name} (log)`, type: 'log' as const }, map: (v: unknown) => (v === 0 ? floor : v) };
    }
    return { axis: { dim, name: d.name, type: 'value' as const, scale: true }, map: (v: unknown) => v };
  });
  const series: ParallelSeriesOption = {
    type: 'parallel', lineStyle: { width: 1.5, opacity: 0.6 }, emphasis: { lineStyle: { width: 3, opacity: 1 } },
    data: done.map((run) => ({
      name: `#${run.id} ${run.label}${run.status === 'pruned' ? ' (pruned)' : ''}`,
      value: columns.map((d, i) => axes[i].map(d.get(run)) as number | string),
      ...(run.status === 'pruned' ? { lineStyle: { opacity: 0.15, type: 'dashed' as const } } : {}),
    })),
  };
  return {
    animation: false,
    toolbox: SAVE_AS_PNG,
    tooltip: { trigger: 'item' },
    parallel: { left: 60, right: 100, top: 50, bottom: 30 },
    parallelAxis: axes.map((a) => ({ ...a.axis, nameLocation: 'end', nameTextStyle: { fontSize: 11 } })),
    series: [series],
  };
}
