// Asynchronous successive halving (ASHA, Li et al. 2018) as pure decisions: where the rungs
// of a run lie, which recorded point stands for a rung, and whether a run that reached a rung
// continues, with the evidence for it. It keeps no state and stops nothing: the engine stores
// each decision and tells the worker; the values of the other runs come from the store.

import type { RecordPoint } from '../metrics.ts';

/** Metrics the trainer records at every point, as `set.field`. */
export const RECORDED_METRICS = ['val.accuracy', 'val.cost', 'val.loss', 'train.accuracy', 'train.cost', 'train.loss'] as const;
export type RecordedMetric = (typeof RECORDED_METRICS)[number];

export function isRecordedMetric(name: string): name is RecordedMetric {
  return (RECORDED_METRICS as readonly string[]).includes(name);
}

/** Accuracies are better high, costs and losses low. */
export function higherIsBetter(metric: RecordedMetric): boolean {
  return metric.endsWith('.accuracy');
}

export interface AshaSpec {
  kind: 'asha';
  metric: RecordedMetric;
  /** Update steps of the first rung. */
  minSteps: number;
  /** η: rung k lies at minSteps · η^k steps, and the top 1/η of a rung continue. */
  reduction: number;
}

/** One rung reached: continue or prune, and the figures that decided it. */
export interface RungDecision {
  /** Rung index k, 0-based. */
  rung: number;
  /** The rung's step, minSteps · reduction^k. */
  rungStep: number;
  /** Step of the recorded point that stood for the rung (the first at or after rungStep). */
  step: number;
  metric: RecordedMetric;
  value: number;
  /** The worst value that still continues: the ⌊n/η⌋-th best of the n runs at this rung. */
  threshold: number;
  /** Runs at this rung so far, this one included. */
  competitors: number;
  action: 'continue' | 'prune';
}

export function metricValue(point: RecordPoint, metric: RecordedMetric): number {
  const [set, field] = metric.split('.') as ['train' | 'val', 'accuracy' | 'cost' | 'loss'];
  return point[set][field];
}

/**
 * The rung steps of a run of `totalSteps` updates: minSteps · reduction^k below totalSteps.
 * A rung at or past the end would decide nothing the finished run does not already show.
 */
export function rungSteps(spec: AshaSpec, totalSteps: number): number[] {
  const rungs: number[] = [];
  for (let step = spec.minSteps; step < totalSteps; step *= spec.reduction) rungs.push(step);
  return rungs;
}

/**
 * The rung that a newly recorded point at `step` settles, if any: the first rung not yet
 * decided for this run (`decided` rungs so far) whose step is at or before `step`. Points are
 * recorded on a schedule of their own, so a rung is judged on the first point at or past it.
 */
export function dueRung(spec: AshaSpec, totalSteps: number, step: number, decided: number): { rung: number; rungStep: number } | undefined {
  const rungs = rungSteps(spec, totalSteps);
  if (decided >= rungs.length || rungs[decided] > step) return undefined;
  return { rung: decided, rungStep: rungs[decided] };
}

/**
 * Whether a run whose metric at rung `rung` is `value` continues, given the values earlier
 * runs had at that rung (in any order). As in ASHA and Optuna's successive-halving pruner, the
 * run continues iff it is among the top ⌊n/η⌋ of the n runs at the rung, itself included; while
 * n < η that top is empty and the run continues iff it is the best so far (so the first run at
 * every rung continues, and a run is never stopped for lack of company). A non-finite value is
 * pruned.
 */
export function decideRung(
  spec: AshaSpec,
  rung: number,
  point: RecordPoint,
  earlierValues: readonly number[],
): RungDecision {
  const value = metricValue(point, spec.metric);
  const higher = higherIsBetter(spec.metric);
  const finite = earlierValues.filter(Number.isFinite);
  const competing = Number.isFinite(value) ? [...finite, value] : finite;
  competing.sort((a, b) => (higher ? b - a : a - b));
  const place = Math.max(0, Math.floor(competing.length / spec.reduction) - 1);
  const threshold = competing.length > 0 ? competing[place] : Number.NaN;
  const keeps = Number.isFinite(value) && (higher ? value >= threshold : value <= threshold);
  return {
    rung,
    rungStep: spec.minSteps * spec.reduction ** rung,
    step: point.step,
    metric: spec.metric,
    value,
    threshold,
    competitors: competing.length + (Number.isFinite(value) ? 0 : 1),
    action: keeps ? 'continue' : 'prune',
  };
}

/**
 * Update steps a scheduler saved: for every pruned run, the steps it would still have taken.
 * `steps` is where the run stopped, `totalSteps` where it would have ended.
 */
export function stepsSaved(runs: ReadonlyArray<{ status: string; steps: number; totalSteps: number }>): number {
  return runs.reduce((sum, run) => sum + (run.status === 'pruned' ? Math.max(0, run.totalSteps - run.steps) : 0), 0);
}

/**
 * Every rung a newly recorded point settles, in order, stopping at the first prune (points can
 * be sparser than rungs). `decided`: rungs already settled for this run; `valuesAt(k)`: the
 * values earlier runs had at rung k.
 */
export function judgePoint(
  spec: AshaSpec,
  totalSteps: number,
  point: RecordPoint,
  decided: number,
  valuesAt: (rung: number) => readonly number[],
): RungDecision[] {
  const decisions: RungDecision[] = [];
  for (let due = dueRung(spec, totalSteps, point.step, decided); due; due = dueRung(spec, totalSteps, point.step, decided + decisions.length)) {
    const decision = decideRung(spec, due.rung, point, valuesAt(due.rung));
    decisions.push(decision);
    if (decision.action === 'prune') break;
  }
  return decisions;
}
