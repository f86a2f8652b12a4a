// What `sweeplab replicate` runs, as pure data: the sections a user can pick (--only), the
// stages (one sweep each) with their runs, the gradient checks, the --quick shrinking of a
// config, and the rule that picks the best λ of the fine search. Storing and running these is
// src/main/replicate's job; reporting them is model.ts's.
import type { TrainConfig } from '../../core/config.ts';
import { CIFAR_CLASSES, CIFAR_DIMS } from '../../core/config.ts';
import { lambdaTable } from '../sweep/report.ts';
import type { RunResult, Summary } from '../sweep/report.ts';
import { ConfigError } from '../errors.ts';
import { getPreset } from '../presets.ts';
import type { PresetId } from '../presets.ts';

export const SECTIONS = ['presets', 'gradcheck', 'overfit', 'lambda', 'sigma'] as const;
export type SectionId = (typeof SECTIONS)[number];

/** Every stage is one sweep of the store; the λ section is three, each made from the one before. */
export const STAGES = ['presets', 'overfit', 'lambda-coarse', 'lambda-fine', 'best-lambda', 'sigma'] as const;
export type StageId = (typeof STAGES)[number];

export const STAGE_SECTION: Record<StageId, SectionId> = {
  presets: 'presets', overfit: 'overfit', 'lambda-coarse': 'lambda', 'lambda-fine': 'lambda', 'best-lambda': 'lambda', sigma: 'sigma',
};

/**
 * Queue priority per stage: the λ chain (coarse → fine → best λ) is the longest path through
 * the study, so its runs go first; the independent runs fill the workers around it.
 */
export const STAGE_PRIORITY: Record<StageId, number> = {
  'lambda-coarse': 30, 'lambda-fine': 30, 'best-lambda': 30, presets: 20, overfit: 20, sigma: 10,
};

/** The six rows of EXPERIMENTS.md "Results to reproduce", in its order. */
export const PRESET_ROWS = ['ex2.1-a2', 'ex2.2-3layer', 'ex2.3-9layer', 'ex3-bn-3layer', 'ex3-bn-3layer-best', 'ex3-bn-9layer-best'] as const satisfies readonly PresetId[];
/** Re-run with the λ our fine search found (the reference used its own 0.0041). */
export const BEST_LAMBDA_ROWS = ['ex3-bn-3layer-best', 'ex3-bn-9layer-best'] as const satisfies readonly PresetId[];
export const OVERFIT_PRESET: PresetId = 'sanity-overfit-100';
/** EXPERIMENTS.md: "training loss near zero after a few hundred updates". */
export const OVERFIT_MAX_TRAIN_LOSS = 0.1;
/** EXPERIMENTS.md: correct code lands within about 1.5 points of the reference test accuracy. */
export const TEST_TOLERANCE_POINTS = 1.5;
export const DEFAULT_REPEATS = 5;
export const QUICK_REPEATS = 2;

export function parseSections(text: string | undefined): SectionId[] {
  if (text === undefined) return [...SECTIONS];
  const ids = text.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = ids.filter((id) => !(SECTIONS as readonly string[]).includes(id));
  if (bad.length > 0 || ids.length === 0) {
    throw new ConfigError(`--only: unknown section${bad.length === 1 ? '' : 's'} ${bad.map((b) => `"${b}"`).join(', ') || '(none given)'}; valid: ${SECTIONS.join(', ')}`, { bad, valid: SECTIONS });
  }
  return SECTIONS.filter((id) => ids.includes(id));
}

/**
 * --quick: the same study on a sliver of the data and a few dozen updates per run, so it
 * finishes in seconds on the 100-images-per-file test fixture and in minutes on real data.
 * 45k/5k becomes 400 training / 100 validation images, the a2 split its first 100 images,
 * n_s at most 20 (cycles unchanged). Its numbers say that everything runs, nothing more.
 */
export function quickConfig(config: TrainConfig): TrainConfig {
  const split: TrainConfig['split'] = config.split.kind === 'a2'
    ? { kind: 'a2', trainLimit: Math.min(config.split.trainLimit ?? 100, 100) }
    : { kind: 'holdout', validation: 100, trainLimit: 400 };
  return { ...cloneConfig(config), split, schedule: { ...config.schedule, stepSize: Math.min(config.schedule.stepSize, 20) } };
}

export function presetConfig(id: PresetId, quick: boolean): TrainConfig {
  const config = cloneConfig(getPreset(id).config);
  return quick ? quickConfig(config) : config;
}

/** A deep, mutable copy (presets are frozen); configs are plain JSON data. */
const cloneConfig = (config: TrainConfig): TrainConfig => JSON.parse(JSON.stringify(config)) as TrainConfig;

/** One gradient check: the equivalent of `sweeplab gradcheck --layers … [--bn] [--dims …]`. */
export interface GradCheckPlan {
  key: string;
  /** Widths, input first; layers[0] < 3072 keeps only the first layers[0] features of each image. */
  layers: number[];
  batchNorm: boolean;
  samples: number;
  seed: number;
  lambda: number;
}

const CHECK_HIDDEN = [[50], [50, 50], [50, 50, 50]];
export const REDUCED_DIMS = 20;

/**
 * 2-, 3- and 4-layer nets, BN on and off, on 10 real images in Float64: the reduced inputs
 * (20 features; seconds) first, then — except with --quick — the full 3072-dimensional ones
 * (about half a minute each), which is what EXPERIMENTS.md's pass rule is about.
 */
export function gradCheckPlans(quick: boolean): GradCheckPlan[] {
  const plans: GradCheckPlan[] = [];
  for (const dims of quick ? [REDUCED_DIMS] : [REDUCED_DIMS, CIFAR_DIMS]) {
    for (const batchNorm of [true, false]) {
      for (const hidden of CHECK_HIDDEN) {
        const layers = [dims, ...hidden, CIFAR_CLASSES];
        plans.push({ key: `${layers.join('-')}${batchNorm ? ' BN' : ''}`, layers, batchNorm, samples: 10, seed: 12345, lambda: 0 });
      }
    }
  }
  return plans;
}

/** The command that repeats one check by hand. */
export function gradCheckCommand(plan: GradCheckPlan): string {
  const dims = plan.layers[0] < CIFAR_DIMS ? ` --dims ${plan.layers[0]}` : '';
  return `sweeplab gradcheck --layers ${plan.layers.join(',')}${plan.batchNorm ? ' --bn' : ''}${dims} --samples ${plan.samples} --seed ${plan.seed}`;
}

/** The λ whose point has the highest mean final validation accuracy (undefined if none finished). */
export function bestLambda(results: readonly RunResult[]): number | undefined {
  let best: { lambda: number; val: number } | undefined;
  for (const row of lambdaTable(results).rows) {
    const val = (row.finalVal as Summary | null)?.mean;
    if (val !== undefined && (!best || val > best.val)) best = { lambda: row.lambda as number, val };
  }
  return best?.lambda;
}
