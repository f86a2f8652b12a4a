// The sweeps of EXPERIMENTS.md as sweep specs — the coarse λ search (evenly spaced as in the
// reference table, and the log-uniform variant) and the σ × BN sensitivity study — plus a tiny
// smoke sweep for tests and CI. Written in the sweep-file format and validated by the same
// schema, so a preset is exactly what the equivalent file would give. Catalogue only.
import { ConfigError } from './errors.ts';
import { parseSweepSpec } from './sweep-schema.ts';
import type { SweepSpec } from './sweep-schema.ts';

export interface SweepPresetInfo {
  id: string;
  description: string;
  /** The reference report's table for this sweep, where EXPERIMENTS.md has one. */
  reference?: SweepReference;
}

/**
 * EXPERIMENTS.md's tables as data, accuracies in percent as the report gives them; `kind`
 * matches the ReportTable kind of src/shared/sweep/report.ts that the sweep's report produces.
 * λ is as printed (to 5 decimals, truncated: the run's λ is 0.028578…, printed 0.02857).
 */
export type SweepReference =
  | { kind: 'lambda'; rows: Array<{ lambda: number; finalVal: number; top5Val: number; finalTrain: number }> }
  | { kind: 'sigma-bn'; rows: Array<{ sigma: number; noBn: number; bn: number }>; caveat: string };

const LAMBDA_COARSE_REFERENCE: SweepReference = {
  kind: 'lambda',
  rows: [
    [0.00001, 51.76, 51.72, 62.16],
    [0.01429, 51.56, 49.99, 56.49],
    [0.02857, 50.62, 47.78, 53.46],
    [0.04286, 49.62, 46.49, 52.22],
    [0.05714, 48.42, 45.91, 51.24],
    [0.07143, 47.9, 44.74, 50.27],
    [0.08571, 47.5, 44.28, 49.19],
    [0.1, 46.38, 43.12, 48.98],
  ].map(([lambda, finalVal, top5Val, finalTrain]) => ({ lambda, finalVal, top5Val, finalTrain })),
};

const SIGMA_REFERENCE: SweepReference = {
  kind: 'sigma-bn',
  rows: [
    { sigma: 1e-1, noBn: 53.52, bn: 53.68 },
    { sigma: 1e-3, noBn: 51.35, bn: 53.42 },
    { sigma: 1e-4, noBn: 10, bn: 53.4 },
  ],
  caveat: 'σ = 1e-3 without BN is seed-dependent for correct code: about half the seeds stay at chance (10%), the rest reach about 50%.',
};

/** A sweep file's fields without its name (the id), plus the reference table. */
interface SweepDefinition {
  description: string;
  base: unknown;
  axes: unknown[];
  repeats?: number;
  reference?: SweepReference;
}

// Bases are the run presets of src/shared/presets.ts, whose study settings are written out
// there, so a changed schema default cannot move a reference sweep.
const DEFINITIONS = {
  'lambda-coarse': {
    description: 'Coarse λ search: 3-layer [50,50] BN, 45k/5k, 2 cycles of n_s 2250, 8 λ evenly spaced in [1e-5, 1e-1] (the reference table)',
    base: { preset: 'ex3-bn-3layer' },
    axes: [{ path: 'lambda', uniform: { min: 1e-5, max: 1e-1, count: 8 } }],
    reference: LAMBDA_COARSE_REFERENCE,
  },
  'lambda-coarse-log': {
    description: 'Coarse λ search as above, 8 λ log-uniform (evenly spaced in log10) in [1e-5, 1e-1]',
    base: { preset: 'ex3-bn-3layer' },
    axes: [{ path: 'lambda', logUniform: { min: 1e-5, max: 1e-1, count: 8 } }],
  },
  'sigma-sensitivity': {
    description: 'Sensitivity to initialisation: 3-layer [50,50], every weight from N(0, σ²), σ ∈ {1e-1, 1e-3, 1e-4} × BN off/on, λ 0.005, 45k/5k, 2 cycles of n_s 2250, 5 seeds each',
    base: { preset: 'ex3-bn-3layer' },
    axes: [
      { path: 'network.init.sigma', values: [1e-1, 1e-3, 1e-4] },
      { path: 'network.batchNorm', values: [false, true] },
    ],
    repeats: 5,
    reference: SIGMA_REFERENCE,
  },
  smoke: {
    description: 'Smoke test for CI: 100 training images of the a2 split, [10] BN, batch 20, 1 cycle of n_s 5, 4 λ values; about a second on the test fixture',
    base: {
      network: { hidden: [10], batchNorm: true },
      lambda: 0,
      schedule: { stepSize: 5, cycles: 1 },
      batchSize: 20,
      split: { kind: 'a2', trainLimit: 100 },
    },
    axes: [{ path: 'lambda', values: [0, 1e-3, 1e-2, 1e-1] }],
  },
} satisfies Record<string, SweepDefinition>;

export type SweepPresetId = keyof typeof DEFINITIONS;

export function sweepPresetIds(): SweepPresetId[] {
  return Object.keys(DEFINITIONS) as SweepPresetId[];
}

export function isSweepPresetId(id: string): id is SweepPresetId {
  return Object.hasOwn(DEFINITIONS, id);
}

/** Every preset's id, one-line description and reference table, in catalogue order. */
export function sweepPresetList(): SweepPresetInfo[] {
  return sweepPresetIds().map((id) => {
    const definition: SweepDefinition = DEFINITIONS[id];
    return { id, description: definition.description, ...(definition.reference ? { reference: definition.reference } : {}) };
  });
}

/** A fresh, validated spec (the caller may change it); unknown ids are a ConfigError listing the valid ones. */
export function getSweepPreset(id: string): SweepSpec {
  if (!isSweepPresetId(id)) {
    throw new ConfigError(`unknown sweep preset "${id}"; valid ids: ${sweepPresetIds().join(', ')}`, { id, validIds: sweepPresetIds() });
  }
  const { reference: _reference, ...definition }: SweepDefinition = DEFINITIONS[id];
  return parseSweepSpec({ name: id, ...definition }, `sweep preset ${id}`);
}
