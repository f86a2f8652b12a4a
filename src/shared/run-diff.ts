// Two runs side by side, as `sweeplab diff A B` and Compare's diff show them: the config fields
// that differ (dotted paths, lists compared whole) and every final and best metric of each with
// B − A. Plain data; formatting belongs to whoever shows it.
import type { TrainConfig } from '../core/config.ts';
import type { FinalMetrics } from '../core/metrics.ts';

export interface DiffSide {
  config: TrainConfig;
  final: FinalMetrics | null;
  bestVal: { accuracy: number; step: number } | null;
  status: string;
  steps?: number;
}

export interface FieldDifference {
  path: string;
  a: unknown;
  b: unknown;
}

export interface MetricDifference {
  metric: string;
  a: number | null;
  b: number | null;
  /** b − a, or null when either is missing. */
  delta: number | null;
}

export interface RunDiff {
  fields: FieldDifference[];
  metrics: MetricDifference[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Leaves of a config as path → value; arrays (hidden widths) are one value. */
function leaves(value: unknown, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (isRecord(value)) for (const [key, child] of Object.entries(value)) leaves(child, prefix ? `${prefix}.${key}` : key, into);
  else into.set(prefix, value);
  return into;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Differing config fields in A's field order (then fields only B has); `name` is left out. */
export function diffConfigs(a: TrainConfig, b: TrainConfig): FieldDifference[] {
  const left = leaves(a);
  const right = leaves(b);
  const paths = [...left.keys(), ...[...right.keys()].filter((p) => !left.has(p))];
  return paths.filter((path) => path !== 'name' && !same(left.get(path), right.get(path)))
    .map((path) => ({ path, a: left.get(path), b: right.get(path) }));
}

const METRICS: Array<[string, (side: DiffSide) => number | null | undefined]> = [
  ['final.train.accuracy', (s) => s.final?.train.accuracy],
  ['final.val.accuracy', (s) => s.final?.val.accuracy],
  ['final.test.accuracy', (s) => s.final?.test.accuracy],
  ['best.val.accuracy', (s) => s.bestVal?.accuracy],
  ['final.train.cost', (s) => s.final?.train.cost],
  ['final.val.cost', (s) => s.final?.val.cost],
  ['final.val.loss', (s) => s.final?.val.loss],
  ['steps', (s) => s.steps],
];

export function diffRuns(a: DiffSide, b: DiffSide): RunDiff {
  const metrics = METRICS.map(([metric, get]) => {
    const va = finiteOrNull(get(a));
    const vb = finiteOrNull(get(b));
    return { metric, a: va, b: vb, delta: va !== null && vb !== null ? vb - va : null };
  }).filter((m) => m.a !== null || m.b !== null);
  const fields = diffConfigs(a.config, b.config);
  if (a.status !== b.status) fields.unshift({ path: 'status', a: a.status, b: b.status });
  return { fields, metrics };
}

const finiteOrNull = (v: number | null | undefined) => (v !== undefined && v !== null && Number.isFinite(v) ? v : null);
