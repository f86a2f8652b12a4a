// Evaluation of a model on a whole labelled set in eval mode (BN moving averages), in
// batches that fit the workspace. Cost adds λ Σ‖W‖² to the mean cross-entropy. A set kept as
// bytes only is read a chunk at a time through the kernels' gather into `rows`.
import type { FloatArray, LabeledSet } from './dataset.ts';
import type { Kernels } from './kernels/index.ts';
import { forward, l2Term } from './model.ts';
import type { Model, Workspace } from './model.ts';
import type { SetMetrics } from './metrics.ts';

/** Where the chunks of a set without x are normalised: (capacity, d) rows, their labels, and 0..n−1. */
export interface EvalRows {
  x: FloatArray;
  y: Uint8Array;
  identity: Uint32Array;
}

export function evaluateSet(model: Model, ws: Workspace, k: Kernels, set: LabeledSet, lambda: number, rows?: EvalRows): SetMetrics {
  const C = model.layers[model.layers.length - 1].M;
  if (!set.x && !(rows && rows.identity.length >= set.n)) throw new TypeError('a set kept as bytes only needs EvalRows to be evaluated');
  let lossSum = 0, correct = 0;
  for (let start = 0; start < set.n; start += ws.capacity) {
    const count = Math.min(ws.capacity, set.n - start);
    let inp: FloatArray;
    if (set.x) inp = set.x.subarray(start * set.d, (start + count) * set.d);
    else {
      k.gatherBatch(rows!.x, rows!.y, set, rows!.identity, start, count);
      inp = rows!.x;
    }
    const logits = forward(model, ws, k, inp, count, 'eval');
    const r = k.crossEntropySum(logits, set.y, start, count, C);
    lossSum += r.loss;
    correct += r.correct;
  }
  const loss = lossSum / set.n;
  return { cost: loss + l2Term(model, lambda, k), loss, accuracy: correct / set.n };
}
