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
}

// Bases are the run presets of src/shared/presets.ts, whose study settings are written out
// there, so a changed schema default cannot move a reference sweep.
const DEFINITIONS = {
  'lambda-coarse': {
    description: 'Coarse λ search: 3-layer [50,50] BN, 45k/5k, 2 cycles of n_s 2250, 8 λ evenly spaced in [1e-5, 1e-1] (the reference table)',
    base: { preset: 'ex3-bn-3layer' },
    axes: [{ path: 'lambda', uniform: { min: 1e-5, max: 1e-1, count: 8 } }],
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
} as const;

export type SweepPresetId = keyof typeof DEFINITIONS;

export function sweepPresetIds(): SweepPresetId[] {
  return Object.keys(DEFINITIONS) as SweepPresetId[];
}

export function isSweepPresetId(id: string): id is SweepPresetId {
  return Object.hasOwn(DEFINITIONS, id);
}

/** Every preset's id and one-line description, in catalogue order. */
export function sweepPresetList(): SweepPresetInfo[] {
  return sweepPresetIds().map((id) => ({ id, description: DEFINITIONS[id].description }));
}

/** A fresh, validated spec (the caller may change it); unknown ids are a ConfigError listing the valid ones. */
export function getSweepPreset(id: string): SweepSpec {
  if (!isSweepPresetId(id)) {
    throw new ConfigError(`unknown sweep preset "${id}"; valid ids: ${sweepPresetIds().join(', ')}`, { id, validIds: sweepPresetIds() });
  }
  return parseSweepSpec({ name: id, ...DEFINITIONS[id] }, `sweep preset ${id}`);
}
