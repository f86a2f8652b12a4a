// Piscina task of the replication's gradient checks: one check per task, in Float64, with the
// code `sweeplab gradcheck` runs (src/core/gradcheck.ts), on the first training images of the
// a2 split, loaded once per thread. Runs off the main thread so that the checks overlap
// training instead of blocking the thread that stores the workers' progress.
import type { NetworkSpec } from '../../core/config.ts';
import type { LabeledSet } from '../../core/dataset.ts';
import { createCheckModel, gradientCheck } from '../../core/gradcheck.ts';
import type { GradCheckReport } from '../../core/gradcheck.ts';
import type { GradCheckPlan } from '../../shared/replicate/plan.ts';
import { createRng } from '../../core/rng.ts';
import { CONFIG_DEFAULTS } from '../../shared/config-schema.ts';
import { loadTrainingSample } from '../data/load.ts';
import type { DataSource } from '../data/source.ts';
import { lowerThreadPriority } from '../background-priority.ts';

export interface CheckTask {
  source: DataSource;
  plan: GradCheckPlan;
}

// Background work like training: the UI and the rest of the machine come first.
lowerThreadPriority();

const samples = new Map<string, Promise<LabeledSet>>();

export default async function checkTask({ source, plan }: CheckTask): Promise<{ report: GradCheckReport; seconds: number }> {
  const key = `${source.path}|${plan.samples}`;
  if (!samples.has(key)) samples.set(key, loadTrainingSample(source, { kind: 'a2' }, plan.samples, 'float64'));
  const set = await samples.get(key)!;
  const started = performance.now();
  const D = plan.layers[0];
  const inp = new Float64Array(plan.samples * D);
  for (let i = 0; i < plan.samples; i++) inp.set(set.x.subarray(i * set.d, i * set.d + D), i * D);
  const spec: NetworkSpec = { layers: plan.layers, batchNorm: plan.batchNorm, init: { kind: 'he' }, bnAlpha: CONFIG_DEFAULTS.bnAlpha, bnEpsilon: CONFIG_DEFAULTS.bnEpsilon };
  const model = createCheckModel(spec, createRng(plan.seed));
  const report = gradientCheck(model, inp, set.y.slice(0, plan.samples), plan.samples, { lambda: plan.lambda });
  return { report, seconds: (performance.now() - started) / 1000 };
}
