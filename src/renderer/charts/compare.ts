// Compare view data and chart options: the table's columns and rows of all runs, sorting them
// on keys read once per run, grouping by a parameter with mean ± std, CSV of what the table
// shows, curves of selected runs overlaid, and val accuracy against λ on a log axis. Pure
// functions. At-step columns: at-step.ts; bands: bands.ts; parallel coordinates: parallel.ts.
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { RecordPoint } from '../../shared/core-types.ts';
import type { RunSummary } from '../../shared/lab-api.ts';
import { SAVE_AS_PNG } from './run-chart.ts';
import { toCsv } from '../../shared/csv.ts';
import { meanStd } from '../../shared/statistics.ts';
import type { MeanStd } from '../../shared/statistics.ts';

export type CellValue = number | string | boolean | null;

export interface ColumnDef {
  key: string;
  title: string;
  /** Shown as percent with 2 decimals. */
  percent?: boolean;
  get(run: RunSummary): CellValue;
}

const acc = (v: number | undefined | null) => (v === undefined || v === null || !Number.isFinite(v) ? null : v);

export const COLUMNS: ColumnDef[] = [
  { key: 'id', title: 'run', get: (r) => r.id },
  { key: 'sweep', title: 'sweep', get: (r) => r.sweepName },
  { key: 'label', title: 'label', get: (r) => r.label },
  { key: 'status', title: 'status', get: (r) => r.status },
  { key: 'lambda', title: 'λ', get: (r) => r.config.lambda },
  { key: 'hidden', title: 'hidden', get: (r) => r.config.network.hidden.join('-') || 'none' },
  { key: 'batchNorm', title: 'BN', get: (r) => r.config.network.batchNorm },
  { key: 'init', title: 'init', get: (r) => (r.config.network.init.kind === 'he' ? 'He' : `σ=${r.config.network.init.sigma}`) },
  { key: 'etaMax', title: 'η max', get: (r) => r.config.schedule.etaMax },
  { key: 'stepSize', title: 'n_s', get: (r) => r.config.schedule.stepSize },
  { key: 'cycles', title: 'cycles', get: (r) => r.config.schedule.cycles },
  { key: 'batchSize', title: 'batch', get: (r) => r.config.batchSize },
  { key: 'seed', title: 'seed', get: (r) => r.config.seed },
  { key: 'finalTrain', title: 'final train', percent: true, get: (r) => acc(r.final?.train.accuracy) },
  { key: 'finalVal', title: 'final val', percent: true, get: (r) => acc(r.final?.val.accuracy) },
  { key: 'finalTest', title: 'final test', percent: true, get: (r) => acc(r.final?.test.accuracy) },
  { key: 'bestVal', title: 'best val', percent: true, get: (r) => acc(r.bestVal?.accuracy) },
  { key: 'valCost', title: 'final val cost', get: (r) => acc(r.final?.val.cost) },
  { key: 'seconds', title: 'seconds', get: (r) => Math.round(r.computeSeconds * 10) / 10 },
  { key: 'tags', title: 'tags', get: (r) => r.tags.join(' ') },
  { key: 'note', title: 'note', get: (r) => r.note },
];

export const DEFAULT_COLUMNS = ['id', 'sweep', 'label', 'status', 'lambda', 'hidden', 'batchNorm', 'finalVal', 'finalTest', 'bestVal'];

/** Parameters a user may group by: config columns, never metrics. */
export const GROUP_KEYS = ['lambda', 'hidden', 'batchNorm', 'init', 'etaMax', 'stepSize', 'cycles', 'batchSize'];

export const columnOf = (key: string): ColumnDef => COLUMNS.find((c) => c.key === key)!;

const collator = new Intl.Collator(undefined, { numeric: true });

/**
 * A comparator for one column that reads each run's value once (cached per run object; a
 * patched run is a new object) and compares numbers as numbers and text with one collator:
 * sorting 1,000 runs calls it ~10,000 times, so `get` and `localeCompare` per call add up.
 * Empty values sort first (last when descending).
 */
export function columnSorter(column: ColumnDef): (a: RunSummary, b: RunSummary) => number {
  const keys = new WeakMap<RunSummary, CellValue>();
  const key = (run: RunSummary): CellValue => {
    if (!keys.has(run)) keys.set(run, column.get(run));
    return keys.get(run)!;
  };
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return Number(y === null) - Number(x === null);
    if (typeof x === 'string' || typeof y === 'string') return collator.compare(String(x), String(y));
    return Number(x) - Number(y);
  };
}

export function formatCell(column: ColumnDef, value: CellValue): string {
  if (value === null) return '';
  if (column.percent && typeof value === 'number') return (100 * value).toFixed(2);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

export type Stat = MeanStd;

/** Mean and sample std (n − 1) of the finite values; null when there are none. */
export function stat(values: ReadonlyArray<number | null>): Stat | null {
  return meanStd(values.filter((v): v is number => v !== null && Number.isFinite(v)));
}

export interface GroupRow {
  key: string;
  runs: RunSummary[];
  stats: Record<string, Stat | null>;
}

/** Runs grouped by one parameter, with mean ± std of every metric column over each group. */
export function groupRuns(runs: readonly RunSummary[], by: string): GroupRow[] {
  const column = columnOf(by);
  const groups = new Map<string, RunSummary[]>();
  for (const run of runs) {
    const key = formatCell(column, column.get(run));
    const members = groups.get(key);
    if (members) members.push(run);
    else groups.set(key, [run]);
  }
  const metrics = COLUMNS.filter((c) => c.percent);
  return [...groups].map(([key, members]) => ({
    key, runs: members, stats: Object.fromEntries(metrics.map((m) => [m.key, stat(members.map((r) => m.get(r) as number | null))])),
  })).sort((a, b) => compareKeys(a.key, b.key));
}

const compareKeys = (a: string, b: string) => (Number.isFinite(Number(a)) && Number.isFinite(Number(b)) ? Number(a) - Number(b) : a.localeCompare(b));

/** CSV of the runs under the given columns (accuracies in percent, as shown). */
export function runsCsv(runs: readonly RunSummary[], columns: readonly ColumnDef[]): string {
  return toCsv([columns.map((c) => c.title), ...runs.map((run) => columns.map((c) => formatCell(c, c.get(run))))]);
}

/** Val accuracy curves of several runs on one chart (percent), by update step. */
/** `dimmed`: a run the scheduler pruned, drawn faint and dashed so the finished ones stand out. */
export function buildOverlayOption(series: ReadonlyArray<{ name: string; curves: readonly RecordPoint[]; dimmed?: boolean }>): EChartsOption {
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 36, bottom: 44 },
    legend: { top: 4, type: 'scroll', right: 40 },
    toolbox: SAVE_AS_PNG,
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: 'update step', nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', name: 'val accuracy (%)', scale: true },
    series: series.map((s): LineSeriesOption => ({
      type: 'line', name: s.name, showSymbol: false, sampling: 'lttb', data: s.curves.map((p) => [p.step, 100 * p.val.accuracy]),
      ...(s.dimmed ? { lineStyle: { opacity: 0.3, type: 'dashed' } } : {}),
    })),
  };
}

/** Final val accuracy against λ on a log axis: one point per run, mean ± std per λ as a line with error bars. */
export function buildLambdaOption(runs: readonly RunSummary[]): EChartsOption {
  const done = runs.filter((r) => r.final && r.config.lambda > 0);
  const groups = groupRuns(done, 'lambda').map((g) => ({ lambda: g.runs[0].config.lambda, stat: g.stats.finalVal }));
  const zeroLambda = runs.filter((r) => r.final && r.config.lambda === 0).length;
  return {
    animation: false,
    title: zeroLambda ? { text: `${zeroLambda} run(s) with λ = 0 not shown (log axis)`, right: 10, top: 0, textStyle: { fontSize: 11, fontWeight: 'normal', color: '#888' } } : undefined,
    grid: { left: 56, right: 24, top: 36, bottom: 44 },
    tooltip: { trigger: 'item' },
    toolbox: SAVE_AS_PNG,
    xAxis: { type: 'log', name: 'λ', nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', name: 'final val accuracy (%)', scale: true },
    series: [
      { type: 'scatter', name: 'runs', symbolSize: 7, data: done.map((r) => [r.config.lambda, 100 * r.final!.val.accuracy]) },
      { type: 'line', name: 'mean', showSymbol: true, data: groups.map((g) => [g.lambda, g.stat ? 100 * g.stat.mean : null]) },
      {
        type: 'line', name: '± std', lineStyle: { type: 'dashed', opacity: 0.6 }, showSymbol: false,
        data: groups.map((g) => [g.lambda, g.stat ? 100 * (g.stat.mean + g.stat.std) : null]),
      },
      {
        type: 'line', name: '± std ', lineStyle: { type: 'dashed', opacity: 0.6 }, showSymbol: false,
        data: groups.map((g) => [g.lambda, g.stat ? 100 * (g.stat.mean - g.stat.std) : null]),
      },
    ],
  };
}
