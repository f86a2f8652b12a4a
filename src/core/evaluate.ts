// Evaluation of a model on a whole labelled set in eval mode (BN moving averages), in
// batches that fit the workspace. Cost adds λ Σ‖W‖² to the mean cross-entropy.
import type { LabeledSet } from './dataset.ts';
import type { Kernels } from './kernels/index.ts';
import { forward, l2Term } from './model.ts';
import type { Model, Workspace } from './model.ts';
import type { SetMetrics } from './metrics.ts';

export function evaluateSet(model: Model, ws: Workspace, k: Kernels, set: LabeledSet, lambda: number): SetMetrics {
  const C = model.layers[model.layers.length - 1].M;
  let lossSum = 0, correct = 0;
  for (let start = 0; start < set.n; start += ws.capacity) {
    const rows = Math.min(ws.capacity, set.n - start);
    const inp = set.x.subarray(start * set.d, (start + rows) * set.d);
    const logits = forward(model, ws, k, inp, rows, 'eval');
    const r = k.crossEntropySum(logits, set.y, start, rows, C);
    lossSum += r.loss;
    correct += r.correct;
  }
  const loss = lossSum / set.n;
  return { cost: loss + l2Term(model, lambda, k), loss, accuracy: correct / set.n };
}
