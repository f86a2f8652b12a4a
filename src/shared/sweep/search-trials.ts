// The runs of a model-based search: its axes as TPE domains, a trial's parameters as a sweep
// point with its full config, and the next trial proposed from the finished ones. Pure: which
// runs have finished, in what order, and storing the new run are the engine's.
import type { Domain } from '../../core/search/parzen.ts';
import { higherIsBetter as recordedHigherIsBetter } from '../../core/search/asha.ts';
import { proposeTrial } from '../../core/search/tpe.ts';
import type { FinishedTrial, TrialOutcome } from '../../core/search/tpe.ts';
import { parseTrainConfig } from '../config-schema.ts';
import type { SearchAxis, SearchSweepSpec } from '../search-schema.ts';
import { applyPoint, pointLabel } from './expand.ts';
import type { SweepPoint } from './expand.ts';
import { higherIsBetter, sameValue } from './report.ts';

export function searchDomains(axes: readonly SearchAxis[]): Domain[] {
  return axes.map((axis): Domain => {
    if ('values' in axis) return { kind: 'categorical', choices: axis.values.length };
    if ('uniform' in axis) return { kind: 'float', low: axis.uniform.min, high: axis.uniform.max, log: false };
    if ('logUniform' in axis) return { kind: 'float', low: axis.logUniform.min, high: axis.logUniform.max, log: true };
    return { kind: 'int', low: axis.integer.min, high: axis.integer.max, log: axis.integer.log === true };
  });
}

/** A trial's point (path → value as a run config takes it) from TPE's numbers. */
export function pointOfParams(axes: readonly SearchAxis[], params: readonly number[]): Record<string, unknown> {
  return Object.fromEntries(axes.map((axis, i) => [axis.path, 'values' in axis ? axis.values[params[i]] : params[i]]));
}

/** TPE's numbers from a stored point: the value, or the category's index (-1 when not one). */
export function paramsOfPoint(axes: readonly SearchAxis[], point: Record<string, unknown>): number[] {
  return axes.map((axis) => {
    const value = point[axis.path];
    return 'values' in axis ? axis.values.findIndex((v) => sameValue(v, value)) : Number(value);
  });
}

/** Trial `index` as a run: `<name> #<index + 1> <label>`, config validated (the schema checked the ranges). */
export function trialRun(spec: SearchSweepSpec, index: number, params: readonly number[]): SweepPoint {
  const point = pointOfParams(spec.axes, params);
  const label = `#${index + 1} ${pointLabel(point)}`;
  const config = { ...parseTrainConfig(applyPoint(spec.base, point), `search ${spec.name}, trial ${index + 1}`), name: `${spec.name} ${label}` };
  return { index, pointIndex: index, point, repeat: 0, seed: config.seed, config, label };
}

/** A finished run of the search as the engine knows it. */
export interface FinishedRun {
  point: Record<string, unknown>;
  status: string;
  /** The search metric's value (completed runs). */
  value?: number;
  /** The pruning decision (pruned runs): where, and the scheduler metric there. */
  prunedAt?: { step: number; value: number };
}

/**
 * TPE's view of a finished run. A pruned run's value is the scheduler's metric, turned to the
 * search metric's direction so that one ranking serves both; cancelled runs are not trials.
 */
export function trialOf(spec: SearchSweepSpec, run: FinishedRun): FinishedTrial | undefined {
  let outcome: TrialOutcome;
  if (run.status === 'completed' && run.value !== undefined && Number.isFinite(run.value)) outcome = { kind: 'complete', value: run.value };
  else if (run.status === 'pruned' && run.prunedAt) {
    const flip = spec.scheduler && recordedHigherIsBetter(spec.scheduler.metric) !== higherIsBetter(spec.search.metric);
    outcome = { kind: 'pruned', step: run.prunedAt.step, value: flip ? -run.prunedAt.value : run.prunedAt.value };
  } else if (run.status === 'completed' || run.status === 'diverged' || run.status === 'failed') outcome = { kind: 'failed' };
  else return undefined;
  const params = paramsOfPoint(spec.axes, run.point);
  // A point the axes cannot express (a category it no longer lists) is no evidence here.
  if (params.some((p, i) => !Number.isFinite(p) || ('values' in spec.axes[i] && p < 0))) return undefined;
  return { params, outcome };
}

/** The run of trial `index`, proposed from `finished` (in the order the runs finished). */
export function nextTrial(spec: SearchSweepSpec, finished: readonly FinishedRun[], index: number): SweepPoint {
  const trials = finished.map((run) => trialOf(spec, run)).filter((t): t is FinishedTrial => t !== undefined);
  const params = proposeTrial(searchDomains(spec.axes), trials, index, {
    seed: spec.search.seed, startup: spec.search.startup, higherIsBetter: higherIsBetter(spec.search.metric),
  });
  return trialRun(spec, index, params);
}
