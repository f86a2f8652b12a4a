// Runs a replication's gradient checks one after another on a one-thread Piscina pool of the
// analysis worker (workers/analysis.ts) and hands each report to the caller as it comes. Each
// check is the code `sweeplab gradcheck` runs (src/core/gradcheck.ts), in Float64, on the first
// training images of the a2 split, read once here. The checks overlap training instead of
// blocking the thread that stores the workers' progress. stop() ends the thread at once: a
// check is seconds to a minute of computation with nothing worth saving, and the next
// `sweeplab replicate` runs the checks not yet stored.
import { fileURLToPath, pathToFileURL } from 'node:url';
import Piscina from 'piscina';
import type { NetworkSpec } from '../../core/config.ts';
import type { LabeledSet } from '../../core/dataset.ts';
import { checkBatch } from '../../core/gradcheck.ts';
import type { GradCheckReport } from '../../core/gradcheck.ts';
import type { AnalysisOutcome, GradCheckResult, GradCheckTask } from '../../shared/analysis-protocol.ts';
import { CONFIG_DEFAULTS } from '../../shared/config-schema.ts';
import type { GradCheckPlan } from '../../shared/replicate/plan.ts';
import { loadTrainingSample } from '../data/load.ts';
import type { DataSource } from '../data/source.ts';
import { DEFAULT_ANALYSIS_WORKER } from '../engine/analysis.ts';
import { workerExecArgv } from '../engine/pool.ts';

export interface CheckRunner {
  /** Resolves when every check has run (or stop() was called); rejects with a check's error. */
  done: Promise<void>;
  stop(): Promise<void>;
}

export function runGradChecks(
  source: DataSource, plans: readonly GradCheckPlan[],
  onCheck: (check: { plan: GradCheckPlan; report: GradCheckReport; seconds: number }) => void,
  workerFile: URL | string = DEFAULT_ANALYSIS_WORKER,
): CheckRunner {
  if (plans.length === 0) return { done: Promise.resolve(), stop: async () => {} };
  const file = typeof workerFile === 'string' ? workerFile : fileURLToPath(workerFile);
  const pool = new Piscina<GradCheckTask, AnalysisOutcome<GradCheckResult>>({
    filename: pathToFileURL(file).href, minThreads: 1, maxThreads: 1, execArgv: workerExecArgv(file),
  });
  const abort = new AbortController();
  const samples = new Map<number, Promise<LabeledSet>>();
  let stopped = false;
  const run = async () => {
    for (const plan of plans) {
      if (stopped) return;
      if (!samples.has(plan.samples)) samples.set(plan.samples, loadTrainingSample(source, { kind: 'a2' }, plan.samples, 'float64'));
      const { inp, labels } = checkBatch(await samples.get(plan.samples)!, plan.samples, plan.layers[0]);
      const spec: NetworkSpec = { layers: plan.layers, batchNorm: plan.batchNorm, init: { kind: 'he' }, bnAlpha: CONFIG_DEFAULTS.bnAlpha, bnEpsilon: CONFIG_DEFAULTS.bnEpsilon };
      const task: GradCheckTask = { kind: 'gradcheck', spec, seed: plan.seed, lambda: plan.lambda, inp, labels, samples: plan.samples, background: true };
      const outcome = await pool.run(task, { signal: abort.signal });
      if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), { code: outcome.error.code });
      onCheck({ plan, report: outcome.value.report, seconds: outcome.value.seconds });
    }
  };
  const done = run().catch((err: unknown) => {
    if (!stopped) throw err;
  }).finally(() => pool.destroy());
  return {
    done,
    stop: async () => {
      stopped = true;
      abort.abort();
      await done.catch(() => {});
    },
  };
}
