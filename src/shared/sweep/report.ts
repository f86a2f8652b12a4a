// What a finished (or running) sweep reports, as plain data: a run's value under a ranking
// metric, runs ranked by it (`runs --sort`, refine), and the tables of EXPERIMENTS.md — the λ
// table (λ, final val, mean of top-5 val, final train) and the σ × BN table of test accuracy —
// with mean ± std over repeats. Rows hold numbers, not text: rendering (percent, digits,
// Markdown, a grid in the app) belongs to whoever shows them.
import type { TrainConfig } from '../../core/config.ts';
import type { FinalMetrics, RecordPoint } from '../../core/metrics.ts';
import { meanStd } from '../../core/statistics.ts';
import type { MeanStd } from '../../core/statistics.ts';
import { formatValue } from './expand.ts';

/** One run as the report sees it; `status` is the engine's (`completed`, `diverged`, …). */
export interface RunResult {
  config: TrainConfig;
  point: Record<string, unknown>;
  status: string;
  final?: FinalMetrics;
  curves: RecordPoint[];
}

export const RANK_METRICS = ['final.val.accuracy', 'final.test.accuracy', 'final.train.accuracy', 'best.val.accuracy', 'final.val.cost'] as const;
export type RankMetric = (typeof RANK_METRICS)[number];
export const DEFAULT_METRIC: RankMetric = 'final.val.accuracy';

export function isRankMetric(name: string): name is RankMetric {
  return (RANK_METRICS as readonly string[]).includes(name);
}

/** Accuracies rank high-first, costs low-first. */
export function higherIsBetter(metric: RankMetric): boolean {
  return metric !== 'final.val.cost';
}

/**
 * A run's value under `metric`, or undefined when it has none: `final.*` needs the final
 * metrics (absent for a diverged, failed or unfinished run); `best.val.accuracy` is the highest
 * validation accuracy among the recorded points, whatever the status. Non-finite counts as none.
 */
export function metricOf(run: RunResult, metric: RankMetric): number | undefined {
  let value: number | undefined;
  switch (metric) {
    case 'final.val.accuracy': value = run.final?.val.accuracy; break;
    case 'final.test.accuracy': value = run.final?.test.accuracy; break;
    case 'final.train.accuracy': value = run.final?.train.accuracy; break;
    case 'final.val.cost': value = run.final?.val.cost; break;
    case 'best.val.accuracy': value = maxOf(run.curves.map((p) => p.val.accuracy)); break;
    default: return assertNever(metric);
  }
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

export interface RankedRun<T> {
  run: T;
  value: number | undefined;
}

/** Best first under `metric`; ties keep input order; runs without a value follow, in input order. */
export function rankRuns<T extends RunResult>(results: readonly T[], metric: RankMetric = DEFAULT_METRIC): RankedRun<T>[] {
  const sign = higherIsBetter(metric) ? -1 : 1;
  const ranked = results.map((run, i) => ({ run, value: metricOf(run, metric), i }));
  ranked.sort((a, b) => {
    if (a.value === undefined || b.value === undefined) return (a.value === undefined ? 1 : 0) - (b.value === undefined ? 1 : 0) || a.i - b.i;
    return sign * (a.value - b.value) || a.i - b.i;
  });
  return ranked.map(({ run, value }) => ({ run, value }));
}

// ---- summaries ----

/** Over the repeats of one point: `std` is the sample standard deviation (n − 1), 0 when n = 1. */
export interface Summary extends MeanStd {
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary | null {
  const spread = meanStd(values);
  return spread && { ...spread, min: Math.min(...values), max: Math.max(...values) };
}

/**
 * "Mean of top-5 val" of EXPERIMENTS.md, read as: the mean of the k highest validation
 * accuracies among one run's recorded points (all of them when fewer than k were recorded);
 * undefined without recorded points.
 */
export function topKMean(curves: readonly RecordPoint[], k = 5): number | undefined {
  const best = curves.map((p) => p.val.accuracy).filter(Number.isFinite).sort((a, b) => b - a).slice(0, k);
  return best.length ? best.reduce((sum, v) => sum + v, 0) / best.length : undefined;
}

// ---- tables ----

/** A cell: an axis value, a count, a summary over repeats, or null when nothing finished. */
export type Cell = number | string | boolean | Summary | null;

export interface ReportColumn {
  key: string;
  label: string;
  /** axis: a swept value as written; accuracy: a Summary of fractions 0..1 (show as percent); count: an integer. */
  kind: 'axis' | 'accuracy' | 'count';
}

export interface ReportTable {
  kind: 'lambda' | 'sigma-bn';
  title: string;
  columns: ReportColumn[];
  rows: Array<Record<string, Cell>>;
  /** Things a reader must know: runs left out, cells that pool different points. */
  notes: string[];
}

const completed = (run: RunResult): run is RunResult & { final: FinalMetrics } => run.status === 'completed' && run.final !== undefined;

/**
 * The λ table of EXPERIMENTS.md: one row per point (λ ascending, then grid order), with λ and
 * every other swept field, then final val, mean of top-5 val and final train accuracy as
 * mean ± std over the point's completed repeats, and n = how many completed. Works for any
 * sweep; λ comes from the config when it is not an axis.
 */
export function lambdaTable(results: readonly RunResult[]): ReportTable {
  const groups = groupBy(results, (run) => pointKey(run.point));
  const axisPaths = unique(results.flatMap((run) => Object.keys(run.point))).filter((path) => path !== 'lambda');
  const rows = [...groups.values()].map((runs, order) => {
    const done = runs.filter(completed);
    const row: Record<string, Cell> = { lambda: runs[0].config.lambda };
    for (const path of axisPaths) row[path] = axisCell(runs[0].point[path]);
    row.finalVal = summarize(done.map((run) => run.final.val.accuracy));
    row.top5Val = summarize(done.map((run) => topKMean(run.curves)).filter((v): v is number => v !== undefined));
    row.finalTrain = summarize(done.map((run) => run.final.train.accuracy));
    row.n = done.length;
    return { row, order };
  }).sort((a, b) => (a.row.lambda as number) - (b.row.lambda as number) || a.order - b.order).map(({ row }) => row);
  return {
    kind: 'lambda',
    title: 'λ: final and top-5 validation accuracy, final training accuracy',
    columns: [
      { key: 'lambda', label: 'λ', kind: 'axis' },
      ...axisPaths.map((path): ReportColumn => ({ key: path, label: path, kind: 'axis' })),
      { key: 'finalVal', label: 'final val', kind: 'accuracy' },
      { key: 'top5Val', label: 'mean of top-5 val', kind: 'accuracy' },
      { key: 'finalTrain', label: 'final train', kind: 'accuracy' },
      { key: 'n', label: 'n', kind: 'count' },
    ],
    rows,
    notes: leftOutNote(results),
  };
}

/**
 * The σ × BN table of EXPERIMENTS.md: rows σ (largest first; "He" for He-initialised runs,
 * first), columns without / with BN, each the test accuracy as mean ± std over the completed
 * runs in that cell (its `n` is in the Summary). Runs that differ in another swept field are
 * pooled into the same cell, and a note says so.
 */
export function sigmaBnTable(results: readonly RunResult[]): ReportTable {
  const sigmaOf = (run: RunResult): number | 'He' => (run.config.network.init.kind === 'normal' ? run.config.network.init.sigma : 'He');
  const sigmas = unique(results.map(sigmaOf)).sort((a, b) => (a === 'He' ? -1 : b === 'He' ? 1 : b - a));
  const notes = leftOutNote(results);
  const pooled = new Set<string>();
  const tableAxes = new Set(['network.init.sigma', 'network.init', 'network.batchNorm']);
  const rows = sigmas.map((sigma) => {
    const cell = (batchNorm: boolean) => {
      const runs = results.filter((run) => sigmaOf(run) === sigma && run.config.network.batchNorm === batchNorm);
      const first = runs[0]?.point ?? {};
      for (const run of runs) {
        for (const [path, value] of Object.entries(run.point)) {
          if (!tableAxes.has(path) && !sameValue(value, first[path])) pooled.add(path);
        }
      }
      return summarize(runs.filter(completed).map((run) => run.final.test.accuracy));
    };
    return { sigma, noBn: cell(false), bn: cell(true) };
  });
  if (pooled.size) notes.push(`cells pool runs that differ in ${[...pooled].join(', ')}`);
  return {
    kind: 'sigma-bn',
    title: 'Test accuracy by initial σ, without and with batch normalization',
    columns: [
      { key: 'sigma', label: 'σ', kind: 'axis' },
      { key: 'noBn', label: 'without BN (test)', kind: 'accuracy' },
      { key: 'bn', label: 'with BN (test)', kind: 'accuracy' },
    ],
    rows,
    notes,
  };
}

/** The table `sweeplab report` shows: σ × BN when the sweep varies the initialisation, else the λ table. */
export function sweepReport(results: readonly RunResult[]): ReportTable {
  const variesInit = results.some((run) => 'network.init.sigma' in run.point || 'network.init' in run.point);
  return variesInit ? sigmaBnTable(results) : lambdaTable(results);
}

// ---- helpers ----

function leftOutNote(results: readonly RunResult[]): string[] {
  const counts = new Map<string, number>();
  for (const run of results) if (!completed(run)) counts.set(run.status, (counts.get(run.status) ?? 0) + 1);
  if (counts.size === 0) return [];
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const byStatus = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
  return [`${total} run${total === 1 ? '' : 's'} not completed (${byStatus}) left out of the figures`];
}

/** Same point ⇔ same key, whatever order the point's fields or nested objects were written in. */
export function pointKey(point: Record<string, unknown>): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, canonical(v)]));
    }
    return value;
  };
  return JSON.stringify(canonical(point));
}

/** Deep equality of plain data (axis values), through pointKey. */
export function sameValue(a: unknown, b: unknown): boolean {
  return pointKey({ v: a }) === pointKey({ v: b });
}

function axisCell(value: unknown): Cell {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : value === undefined ? null : formatValue(value);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function maxOf(values: readonly number[]): number | undefined {
  const finite = values.filter(Number.isFinite);
  return finite.length ? Math.max(...finite) : undefined;
}

function assertNever(value: never): never {
  throw new Error(`unhandled metric ${String(value)}`);
}
