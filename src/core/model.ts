// A network's forward and backward passes over one batch, composed from a Kernels set.
// Activations live in a Workspace sized once for the largest batch; nothing here allocates
// per call. The cost is mean cross-entropy + λ Σ‖W‖²; BN moving averages are updated by
// `updateRunningStats`, never by a forward pass.
import type { NetworkSpec, Precision } from './config.ts';
import type { FloatArray } from './dataset.ts';
import { arenaFloats } from './kernels/index.ts';
import type { Kernels } from './kernels/index.ts';
import { layerCount, layerViews, paramLayout, runningViews, weightSquaredNorm } from './params.ts';
import type { LayerView, ParamLayout, RunningView } from './params.ts';

export interface Model {
  spec: NetworkSpec;
  layout: ParamLayout;
  params: FloatArray;
  running: FloatArray;
  layers: LayerView[];
  runningStats: RunningView[];
}

/** Caches of one layer for capacity N rows; M units. BN buffers are empty without BN. */
interface LayerCache {
  S: FloatArray; // (N, M) affine output; the logits on the last layer
  xhat: FloatArray; // (N, M) normalised S
  bnOut: FloatArray; // (N, M) γ·xhat + β
  mean: FloatArray; // (M) batch mean
  variance: FloatArray; // (M) batch variance
  invStd: FloatArray; // (M) 1/√(var + ε)
  A: FloatArray; // (N, M) layer output after ReLU (hidden layers)
  dA: FloatArray; // (N, M) gradient w.r.t. A, then reused for dS
}

export interface Workspace {
  capacity: number;
  layers: LayerCache[];
  probs: FloatArray; // (N, C)
}

export function arrayType(precision: Precision): Float32ArrayConstructor | Float64ArrayConstructor {
  return precision === 'float32' ? Float32Array : Float64Array;
}

/** Allocates a buffer of `length` elements: a fresh typed array, or a view out of a kernel set's arena. */
export type Take = (length: number) => FloatArray;

export function heapTake(precision: Precision): Take {
  const Ctor = arrayType(precision);
  return (length) => new Ctor(length);
}

export function createModel(spec: NetworkSpec, precision: Precision, take: Take = heapTake(precision)): Model {
  const layout = paramLayout(spec);
  const params = take(layout.size);
  const running = take(layout.runningSize);
  return { spec, layout, params, running, layers: layerViews(layout, params), runningStats: runningViews(layout, running) };
}

/** Elements of a workspace for batches of up to `capacity` rows (`createWorkspace` takes them as one block). */
export function workspaceSize(spec: NetworkSpec, capacity: number): number {
  const K = layerCount(spec);
  let total = 0;
  for (let l = 0; l < K; l++) total += 5 * arenaFloats(capacity * spec.layers[l + 1]) + 3 * arenaFloats(spec.layers[l + 1]);
  return total + arenaFloats(capacity * spec.layers[K]);
}

/**
 * Allocates every activation and gradient buffer for batches of up to `capacity` rows, in
 * one block; each view starts on a 16-byte boundary for SIMD kernels.
 */
export function createWorkspace(spec: NetworkSpec, precision: Precision, capacity: number, takeBlock: Take = heapTake(precision)): Workspace {
  const K = layerCount(spec);
  const C = spec.layers[K];
  const block = takeBlock(workspaceSize(spec, capacity));
  let offset = 0;
  const take = (size: number) => { const view = block.subarray(offset, offset + size); offset += arenaFloats(size); return view; };
  const layers: LayerCache[] = [];
  for (let l = 0; l < K; l++) {
    const M = spec.layers[l + 1], NM = capacity * M;
    layers.push({ S: take(NM), xhat: take(NM), bnOut: take(NM), A: take(NM), dA: take(NM), mean: take(M), variance: take(M), invStd: take(M) });
  }
  return { capacity, layers, probs: take(capacity * C) };
}

export type Mode = 'train' | 'eval';

/**
 * Runs layers `from`..K−1 on `inp` (N, D) and returns the logits buffer (capacity, C), whose
 * first N rows are this batch's (the whole buffer, so that a step creates no view). With
 * `reuseAffineOfFirst`, layer `from`'s S is taken as already computed (gradient checks
 * recompute one column of it and rerun only what depends on it).
 */
export function forward(model: Model, ws: Workspace, k: Kernels, inp: FloatArray, N: number, mode: Mode, from = 0, reuseAffineOfFirst = false): FloatArray {
  if (N > ws.capacity) throw new RangeError(`batch of ${N} exceeds workspace capacity ${ws.capacity}`);
  const K = model.layers.length;
  const eps = model.spec.bnEpsilon;
  let x = from === 0 ? inp : ws.layers[from - 1].A;
  for (let l = from; l < K; l++) {
    const p = model.layers[l], c = ws.layers[l];
    if (!(reuseAffineOfFirst && l === from)) k.linearForward(c.S, x, p.W, p.b, N, p.D, p.M);
    if (l === K - 1) return c.S;
    let pre = c.S;
    if (p.hasBatchNorm) {
      if (mode === 'train') k.batchnormForwardTrain(c.bnOut, c.xhat, c.mean, c.variance, c.invStd, c.S, p.gamma, p.beta, N, p.M, eps);
      else k.batchnormForwardEval(c.bnOut, c.S, model.runningStats[l].mean, model.runningStats[l].variance, p.gamma, p.beta, N, p.M, eps);
      pre = c.bnOut;
    }
    k.reluForward(c.A, pre, N * p.M);
    x = c.A;
  }
  throw new Error('unreachable: a network has at least one layer');
}

/**
 * Gradients of the cost for the batch last run through `forward(…, 'train')`, written
 * into `grads` (same layout as the parameters). Overwrites every gradient entry. Returns the
 * batch's Σ_n cross-entropy (not the mean, no L2 term), from the softmax the gradient needs.
 */
export function backward(model: Model, grads: LayerView[], ws: Workspace, k: Kernels, inp: FloatArray, labels: Uint8Array, N: number, lambda: number): number {
  const K = model.layers.length;
  const last = ws.layers[K - 1];
  const C = model.layers[K - 1].M;
  const lossSum = k.softmaxForward(ws.probs, last.S, labels, 0, N, C);
  k.softmaxCrossEntropyBackward(last.dA, ws.probs, labels, 0, N, C);
  for (let l = K - 1; l >= 0; l--) {
    const p = model.layers[l], g = grads[l], c = ws.layers[l];
    if (l < K - 1) {
      // c.dA holds dCost/dA; turn it into dCost/dS in place.
      k.reluBackward(c.dA, c.dA, c.A, N * p.M);
      if (p.hasBatchNorm) k.batchnormBackward(c.dA, g.gamma, g.beta, c.dA, c.xhat, c.invStd, p.gamma, N, p.M);
    }
    const x = l === 0 ? inp : ws.layers[l - 1].A;
    const dx = l === 0 ? null : ws.layers[l - 1].dA;
    k.linearBackward(dx, g.W, g.b, c.dA, x, p.W, N, p.D, p.M);
    if (lambda !== 0) k.axpy(g.W, p.W, 2 * lambda, p.W.length);
  }
  return lossSum;
}

/** λ Σ‖W‖²; with kernels, each weight tensor's Σw² runs where the parameters live. */
export function l2Term(model: Model, lambda: number, k?: Kernels): number {
  if (lambda === 0) return 0;
  if (!k) return lambda * weightSquaredNorm(model.params, model.layout);
  let s = 0;
  for (const p of model.layers) s += k.sumOfSquares(p.W, p.W.length);
  return lambda * s;
}

/**
 * μ_avg = α μ_avg + (1 − α) μ_B, likewise the variance, from the last training forward.
 * On the very first update the averages are set to the batch statistics, so evaluations
 * early in training do not see the arbitrary initial (0, 1).
 */
export function updateRunningStats(model: Model, ws: Workspace, alpha: number, first: boolean): void {
  for (let l = 0; l < model.layers.length; l++) {
    if (!model.layers[l].hasBatchNorm) continue;
    const r = model.runningStats[l], c = ws.layers[l];
    const a = first ? 0 : alpha;
    for (let m = 0; m < r.mean.length; m++) {
      r.mean[m] = a * r.mean[m] + (1 - a) * c.mean[m];
      r.variance[m] = a * r.variance[m] + (1 - a) * c.variance[m];
    }
  }
}
