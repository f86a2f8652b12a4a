// Piscina entry for the analyses of one run that are too slow for main's event loop: the
// test-set confusion matrix from stored weights (reads and normalises the data: ~1 s) and the
// Float64 gradient check of the run's architecture (seconds reduced, tens of seconds on the
// full 3072 features). Contract: analysis-protocol.ts. Writes nothing; main keeps the results.
import type { MessagePort } from 'node:worker_threads';
import { CIFAR_DIMS, networkSpecOf } from '../../core/config.ts';
import type { Precision } from '../../core/config.ts';
import { confusionMatrix, evalNetwork } from '../../core/confusion.ts';
import type { FloatArray } from '../../core/dataset.ts';
import { checkBatch, createCheckModel, gradientCheck } from '../../core/gradcheck.ts';
import { createRng } from '../../core/rng.ts';
import { loadTestSet, loadTrainingSample } from '../data/load.ts';
import { toAppError } from '../../shared/errors.ts';
import { enableRelaxedSimd } from '../relaxed-simd.ts';
import type { AnalysisOutcome, AnalysisTask, ConfusionResult, ConfusionTask, GradCheckProgress, GradCheckResult, GradCheckTask } from './analysis-protocol.ts';

// The kernels the run was trained with: evaluating its weights with them gives back exactly
// its stored test accuracy.
enableRelaxedSimd();

export default async function analysisTask(task: AnalysisTask<MessagePort>): Promise<AnalysisOutcome<ConfusionResult | GradCheckResult>> {
  try {
    switch (task.kind) {
      case 'confusion': return { ok: true, value: await confusion(task) };
      case 'gradcheck': return { ok: true, value: await gradcheck(task) };
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

async function confusion(task: ConfusionTask): Promise<ConfusionResult> {
  const started = performance.now();
  const { weights } = task;
  const { test, classNames } = await loadTestSet(task.source, task.config.split, weights.precision);
  const spec = networkSpecOf(task.config, test.d, classNames.length);
  if (spec.layers.join() !== weights.layers.join()) throw new Error(`stored weights are ${weights.layers.join('-')}, the config says ${spec.layers.join('-')}`);
  const network = evalNetwork(spec, weights.precision, floats(weights.params, weights.precision), floats(weights.running, weights.precision));
  const result = confusionMatrix(network, test);
  return { classNames: [...classNames], counts: Array.from(result.counts), n: result.n, seconds: (performance.now() - started) / 1000 };
}

async function gradcheck(task: GradCheckTask<MessagePort>): Promise<GradCheckResult> {
  const started = performance.now();
  try {
    const { config } = task;
    const sample = await loadTrainingSample(task.source, config.split, task.samples, 'float64');
    const dims = Math.min(task.dims, CIFAR_DIMS);
    const spec = networkSpecOf(config, dims);
    const { inp, labels } = checkBatch(sample, task.samples, dims);
    const model = createCheckModel(spec, createRng(config.seed));
    let last = 0;
    const report = gradientCheck(model, inp, labels, task.samples, {
      lambda: config.lambda,
      onProgress: (done, total) => {
        const now = performance.now();
        if (now - last < 200 && done < total) return; // a few messages a second are plenty for a bar
        last = now;
        task.port.postMessage({ done, total } satisfies GradCheckProgress);
      },
    });
    return { report, seconds: (performance.now() - started) / 1000 };
  } finally {
    task.port.close();
  }
}
