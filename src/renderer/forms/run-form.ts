// The new-run / new-sweep form as plain data, and the pure functions between it and the
// sweep-file format: defaults (the study's), filling it from a preset's config, and building
// the spec the lab validates. Numbers stay text until here; text that is not a number is sent
// as written, so the lab's message names the field and shows the bad value. No Vue here.
import type { TrainConfig } from '../../shared/core-types.ts';

export const AXIS_PATHS = [
  'lambda', 'network.init.sigma', 'network.batchNorm', 'schedule.etaMax', 'schedule.etaMin', 'schedule.stepSize',
  'schedule.cycles', 'batchSize', 'network.bnAlpha', 'seed',
] as const;

export type AxisKind = 'values' | 'uniform' | 'logUniform';

export interface AxisForm {
  path: string;
  kind: AxisKind;
  /** Comma-separated, for kind 'values'. */
  values: string;
  min: string;
  max: string;
  count: string;
}

export type SplitChoice = 'a2' | '45k/5k' | '49k/1k';

export interface RunForm {
  name: string;
  hidden: string;
  batchNorm: boolean;
  init: 'he' | 'sigma';
  sigma: string;
  lambda: string;
  etaMin: string;
  etaMax: string;
  stepSize: string;
  cycles: string;
  batchSize: string;
  bnAlpha: string;
  recordsPerCycle: string;
  seed: string;
  split: SplitChoice;
  trainLimit: string;
  axes: AxisForm[];
  repeats: string;
  /** A TPE search instead of a grid: ranges lose their count, lists become categories. */
  search: { on: boolean; trials: string; startup: string; seed: string };
  /** ASHA early stopping, on a grid or a search. */
  asha: { on: boolean; metric: string; minSteps: string; reduction: string };
}

export function defaultForm(): RunForm {
  return {
    name: 'my-run', hidden: '50, 50', batchNorm: true, init: 'he', sigma: '0.001', lambda: '0.005',
    etaMin: '1e-5', etaMax: '1e-1', stepSize: '2250', cycles: '2', batchSize: '100', bnAlpha: '0.9', recordsPerCycle: '10',
    seed: '12345', split: '45k/5k', trainLimit: '', axes: [], repeats: '1',
    search: { on: false, trials: '24', startup: '8', seed: '1' },
    asha: { on: false, metric: 'val.accuracy', minSteps: '450', reduction: '3' },
  };
}

export function newAxis(path = 'lambda'): AxisForm {
  return { path, kind: 'values', values: '', min: '1e-5', max: '1e-1', count: '8' };
}

/** The form showing `config` (a preset's), keeping the form's name if the config has none. */
export function formFromConfig(config: TrainConfig, name: string): RunForm {
  const split: SplitChoice = config.split.kind === 'a2' ? 'a2' : config.split.validation === 1000 ? '49k/1k' : '45k/5k';
  return {
    ...defaultForm(),
    name,
    hidden: config.network.hidden.join(', '),
    batchNorm: config.network.batchNorm,
    init: config.network.init.kind === 'he' ? 'he' : 'sigma',
    sigma: config.network.init.kind === 'normal' ? String(config.network.init.sigma) : '0.001',
    lambda: String(config.lambda),
    etaMin: String(config.schedule.etaMin),
    etaMax: String(config.schedule.etaMax),
    stepSize: String(config.schedule.stepSize),
    cycles: String(config.schedule.cycles),
    batchSize: String(config.batchSize),
    bnAlpha: String(config.network.bnAlpha),
    recordsPerCycle: String(config.recordsPerCycle),
    seed: String(config.seed),
    split,
    trainLimit: config.split.trainLimit === undefined ? '' : String(config.split.trainLimit),
  };
}

/** "1e-3" → 0.001; anything that is not a finite number is returned as written. */
export function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return trimmed !== '' && Number.isFinite(value) ? value : trimmed;
}

function listValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  return numberOrText(trimmed);
}

/** "50, 50" → [50, 50]; "" → [] (a linear classifier). */
export function parseHidden(text: string): Array<number | string> {
  return text.split(/[,\s]+/).filter((part) => part !== '').map(numberOrText);
}

function splitOf(form: RunForm): unknown {
  if (form.trainLimit.trim() === '') return form.split;
  const trainLimit = numberOrText(form.trainLimit);
  return form.split === 'a2' ? { kind: 'a2', trainLimit } : { kind: 'holdout', validation: form.split === '49k/1k' ? 1000 : 5000, trainLimit };
}

function axisOf(axis: AxisForm, search: boolean): unknown {
  if (axis.kind === 'values') return { path: axis.path, values: axis.values.split(',').filter((v) => v.trim() !== '').map(listValue) };
  const range = { min: numberOrText(axis.min), max: numberOrText(axis.max) };
  return { path: axis.path, [axis.kind]: search ? range : { ...range, count: numberOrText(axis.count) } };
}

/** The sweep spec (sweep-file format) the form describes; one run when it has no axes. */
export function specFromForm(form: RunForm): Record<string, unknown> {
  return {
    name: form.name.trim() || 'unnamed',
    base: {
      network: {
        hidden: parseHidden(form.hidden),
        batchNorm: form.batchNorm,
        init: form.init === 'he' ? 'he' : { sigma: numberOrText(form.sigma) },
        bnAlpha: numberOrText(form.bnAlpha),
      },
      lambda: numberOrText(form.lambda),
      schedule: { etaMin: numberOrText(form.etaMin), etaMax: numberOrText(form.etaMax), stepSize: numberOrText(form.stepSize), cycles: numberOrText(form.cycles) },
      batchSize: numberOrText(form.batchSize),
      recordsPerCycle: numberOrText(form.recordsPerCycle),
      split: splitOf(form),
      seed: numberOrText(form.seed),
    },
    axes: form.axes.map((axis) => axisOf(axis, form.search.on)),
    ...(form.search.on
      ? { search: { kind: 'tpe', trials: numberOrText(form.search.trials), startup: numberOrText(form.search.startup), seed: numberOrText(form.search.seed) } }
      : { repeats: numberOrText(form.repeats) }),
    ...(form.asha.on
      ? { scheduler: { kind: 'asha', metric: form.asha.metric, minSteps: numberOrText(form.asha.minSteps), reduction: numberOrText(form.asha.reduction) } }
      : {}),
  };
}

/** How many runs the form makes, or null while a count cannot be read. */
export function runCount(form: RunForm): number | null {
  if (form.search.on) {
    const trials = Number(form.search.trials);
    return Number.isInteger(trials) && trials >= 1 ? trials : null;
  }
  let total = Number(form.repeats);
  if (!Number.isInteger(total) || total < 1) return null;
  for (const axis of form.axes) {
    const n = axis.kind === 'values' ? axis.values.split(',').filter((v) => v.trim() !== '').length : Number(axis.count);
    if (!Number.isInteger(n) || n < 1) return null;
    total *= n;
  }
  return total;
}
