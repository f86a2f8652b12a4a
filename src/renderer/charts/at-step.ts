// Compare table columns of a metric at a chosen point of training, e.g. "val acc @ step 500"
// or "train acc @ epoch 4": each run's last recorded point at or before it (the lab answers
// all runs in one getRunMetricsAt request). A column is named by a key the view keeps in its
// column list beside the fixed ones: `at:<step|epoch>:<N>:<set>.<metric>`. Pure functions.
import type { RecordPoint } from '../../shared/core-types.ts';
import type { ColumnDef } from './compare.ts';

export type AtUnit = 'step' | 'epoch';
export type AtMetric = 'val.accuracy' | 'train.accuracy' | 'val.cost' | 'train.cost' | 'val.loss' | 'train.loss';

export interface AtSpec {
  unit: AtUnit;
  n: number;
  metric: AtMetric;
}

export const AT_METRICS: Record<AtMetric, { title: string; percent: boolean }> = {
  'val.accuracy': { title: 'val acc', percent: true },
  'train.accuracy': { title: 'train acc', percent: true },
  'val.cost': { title: 'val cost', percent: false },
  'train.cost': { title: 'train cost', percent: false },
  'val.loss': { title: 'val loss', percent: false },
  'train.loss': { title: 'train loss', percent: false },
};

export const atKey = (spec: AtSpec): string => `at:${spec.unit}:${spec.n}:${spec.metric}`;

export function parseAtKey(key: string): AtSpec | null {
  const match = /^at:(step|epoch):([0-9.]+):(\w+\.\w+)$/.exec(key);
  if (!match || !(match[3] in AT_METRICS) || !Number.isFinite(Number(match[2]))) return null;
  return { unit: match[1] as AtUnit, n: Number(match[2]), metric: match[3] as AtMetric };
}

/** The column for `spec`, reading each run's point from `points` (run id → point; missing: empty). */
export function atColumn(spec: AtSpec, points: ReadonlyMap<number, RecordPoint> | undefined): ColumnDef {
  const { title, percent } = AT_METRICS[spec.metric];
  const [set, metric] = spec.metric.split('.') as ['train' | 'val', 'accuracy' | 'cost' | 'loss'];
  return {
    key: atKey(spec), title: `${title} @ ${spec.unit} ${spec.n}`, percent,
    get: (run) => {
      const value = points?.get(run.id)?.[set][metric];
      return value === undefined || !Number.isFinite(value) ? null : value;
    },
  };
}
