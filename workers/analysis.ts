// Piscina entry for the analyses that are too slow for main's event loop: the test-set
// confusion matrix of stored weights and the Float64 gradient check of an architecture
// (seconds reduced, tens of seconds on the full 3072 features). Contract:
// src/shared/analysis-protocol.ts. Main sends the data; this thread reads and writes nothing.
import type { MessagePort } from 'node:worker_threads';
import { networkSpecOf } from '../src/core/config.ts';
import type { Precision } from '../src/core/config.ts';
import { confusionMatrix, evalNetwork } from '../src/core/confusion.ts';
import type { FloatArray } from '../src/core/dataset.ts';
import { createCheckModel, gradientCheck } from '../src/core/gradcheck.ts';
import { createRng } from '../src/core/rng.ts';
import { toAppError } from '../src/shared/errors.ts';
import type { AnalysisOutcome, AnalysisTask, ConfusionResult, ConfusionTask, GradCheckProgress, GradCheckResult, GradCheckTask } from '../src/shared/analysis-protocol.ts';
import { lowerThreadPriority } from './runtime/background-priority.ts';
import { enableRelaxedSimd } from './runtime/relaxed-simd.ts';

// The kernels the run was trained with: evaluating its weights with them gives back exactly
// its stored test accuracy.
enableRelaxedSimd();

export default async function analysisTask(task: AnalysisTask<MessagePort>): Promise<AnalysisOutcome<ConfusionResult | GradCheckResult>> {
  try {
    switch (task.kind) {
      case 'confusion': return { ok: true, value: confusion(task) };
      case 'gradcheck': return { ok: true, value: gradcheck(task) };
    }
  } catch (thrown) {
    return { ok: false, error: toAppError(thrown) };
  }
}

/** A float view of stored bytes, copied so it is aligned whatever the bytes are a view of. */
function floats(bytes: Uint8Array, precision: Precision): FloatArray {
  const raw = bytes.slice().buffer;
  return precision === 'float64' ? new Float64Array(raw) : new Float32Array(raw);
}

function confusion(task: ConfusionTask): ConfusionResult {
  const started = performance.now();
  const { weights, test, classNames } = task;
  const spec = networkSpecOf(task.config, test.d, classNames.length);
  if (spec.layers.join() !== weights.layers.join()) throw new Error(`stored weights are ${weights.layers.join('-')}, the config says ${spec.layers.join('-')}`);
  const network = evalNetwork(spec, weights.precision, floats(weights.params, weights.precision), floats(weights.running, weights.precision));
  const result = confusionMatrix(network, test);
  return { classNames: [...classNames], counts: Array.from(result.counts), n: result.n, seconds: (performance.now() - started) / 1000 };
}

function gradcheck(task: GradCheckTask<MessagePort>): GradCheckResult {
  // Background work like training: the UI and the rest of the machine come first.
  if (task.background) lowerThreadPriority();
  const started = performance.now();
  try {
    const model = createCheckModel(task.spec, createRng(task.seed));
    let last = 0;
    const report = gradientCheck(model, task.inp, task.labels, task.samples, {
      lambda: task.lambda,
      onProgress: task.port && ((done, total) => {
        const now = performance.now();
        if (now - last < 200 && done < total) return; // a few messages a second are plenty for a bar
        last = now;
        task.port!.postMessage({ done, total } satisfies GradCheckProgress);
      }),
    });
    return { report, seconds: (performance.now() - started) / 1000 };
  } finally {
    task.port?.close();
  }
}
