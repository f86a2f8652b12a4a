// Test-set confusion matrix of a trained network: each image through `forward` in eval mode
// (BN moving averages), its argmax counted against its label. Rows are true classes, columns
// predictions; ties go to the lower class, as in the accuracy of crossEntropySum, so the
// diagonal sums to exactly the run's test accuracy. Pure: where the weights and images come
// from (the store, the data folder) is src/main's business.
import type { NetworkSpec, Precision } from './config.ts';
import { floatRows } from './dataset.ts';
import type { FloatArray, LabeledSet } from './dataset.ts';
import { defaultKernels } from './kernels/default.ts';
import { arenaFloats } from './kernels/index.ts';
import type { Kernels } from './kernels/index.ts';
import { createModel, createWorkspace, forward, heapTake, workspaceSize } from './model.ts';
import type { Model, Workspace } from './model.ts';
import { paramLayout } from './params.ts';

/** Rows per forward pass, as the trainer evaluates (so the fast kernels see the same shapes). */
const EVAL_ROWS = 500;

export interface Confusion {
  classes: number;
  /** (C, C): counts[t·C + p] = images of true class t predicted as p. */
  counts: Uint32Array;
  n: number;
}

export interface EvalNetwork {
  model: Model;
  ws: Workspace;
  k: Kernels;
}

/**
 * A network ready to evaluate, holding copies of `params` and `running` (laid out as the
 * trainer's flat buffers). With a kernel set that has an arena (WebAssembly), every buffer
 * is placed in it, as the trainer does.
 */
export function evalNetwork(spec: NetworkSpec, precision: Precision, params: FloatArray, running: FloatArray, kernels: Kernels = defaultKernels): EvalNetwork {
  const layout = paramLayout(spec);
  if (params.length !== layout.size || running.length !== layout.runningSize) {
    throw new RangeError(`weights do not fit ${spec.layers.join('-')}: ${params.length} parameters and ${running.length} averages, expected ${layout.size} and ${layout.runningSize}`);
  }
  const floats = arenaFloats(params.length) + arenaFloats(running.length) + workspaceSize(spec, EVAL_ROWS);
  const arena = kernels.arena?.(precision, { floats, layers: spec.layers, capacity: EVAL_ROWS }) ?? null;
  const take = arena ? arena.take : heapTake(precision);
  const model = createModel(spec, precision, take);
  model.params.set(params);
  model.running.set(running);
  return { model, ws: createWorkspace(spec, precision, EVAL_ROWS, take), k: arena ? arena.kernels : kernels };
}

export function confusionMatrix({ model, ws, k }: EvalNetwork, set: LabeledSet): Confusion {
  const C = model.layers[model.layers.length - 1].M;
  const counts = new Uint32Array(C * C);
  for (let start = 0; start < set.n; start += ws.capacity) {
    const rows = Math.min(ws.capacity, set.n - start);
    const logits = forward(model, ws, k, floatRows(set).subarray(start * set.d, (start + rows) * set.d), rows, 'eval');
    for (let r = 0; r < rows; r++) {
      const o = r * C;
      let max = -Infinity, arg = 0;
      for (let c = 0; c < C; c++) if (logits[o + c] > max) { max = logits[o + c]; arg = c; }
      counts[set.y[start + r] * C + arg]++;
    }
  }
  return { classes: C, counts, n: set.n };
}

/** Fraction of each true class predicted right (recall); null for a class with no images. */
export function perClassAccuracy({ classes: C, counts }: Confusion): Array<number | null> {
  return Array.from({ length: C }, (_, t) => {
    let total = 0;
    for (let p = 0; p < C; p++) total += counts[t * C + p];
    return total === 0 ? null : counts[t * C + t] / total;
  });
}

export function overallAccuracy({ classes: C, counts, n }: Confusion): number {
  let correct = 0;
  for (let c = 0; c < C; c++) correct += counts[c * C + c];
  return n === 0 ? 0 : correct / n;
}
