// Gradient check: analytic gradients from `backward` against centered differences of the
// cost, for every entry of every parameter tensor (W, b, γ, β) of every layer, in Float64.
// The pass rule is EXPERIMENTS.md's: per entry |a − n| ≤ atol + rtol·|n| (numpy's allclose)
// and per tensor ‖a − n‖ / max(1e-12, ‖a‖ + ‖n‖) ≤ normTol. Per-entry relative error is
// reported for information only: entries with a true gradient near 1e-7 show ~1e-4 relative
// error from the quotient's own rounding even when the backward pass is exact.
import type { NetworkSpec } from './config.ts';
import { floatRows } from './dataset.ts';
import type { LabeledSet } from './dataset.ts';
import type { Kernels } from './kernels/index.ts';
import { referenceKernels } from './kernels/index.ts';
import { backward, createModel, createWorkspace, forward } from './model.ts';
import type { Model } from './model.ts';
import { initParameters, layerViews, weightSquaredNorm } from './params.ts';
import type { TensorName } from './params.ts';
import type { Rng } from './rng.ts';

export interface GradCheckRule {
  atol: number;
  rtol: number;
  normTol: number;
  /**
   * A tensor whose analytic and numerical gradients both have RMS below this is a zero
   * gradient (b of a BN layer: β absorbs it). There the norm-wise quotient divides rounding
   * noise by rounding noise, so only the per-entry rule applies.
   */
  zeroRms: number;
}

export const DEFAULT_RULE: GradCheckRule = { atol: 1e-7, rtol: 1e-6, normTol: 1e-6, zeroRms: 1e-9 };

export interface GradCheckOptions {
  h?: number;
  lambda?: number;
  rule?: GradCheckRule;
  kernels?: Kernels;
  /** Called now and then with parameters done / total (a CLI progress bar). */
  onProgress?: (done: number, total: number) => void;
}

export interface TensorCheck {
  layer: number;
  tensor: TensorName;
  size: number;
  maxAbsDiff: number;
  /** null for a zero-gradient tensor, where the quotient is meaningless. */
  normRelError: number | null;
  maxEntryRelError: number;
  /** Entries breaking the per-entry rule. */
  failingEntries: number;
  zeroGradient: boolean;
  passed: boolean;
}

export interface GradCheckReport {
  layers: number[];
  batchNorm: boolean;
  samples: number;
  h: number;
  lambda: number;
  rule: GradCheckRule;
  tensors: TensorCheck[];
  passed: boolean;
}

/**
 * A Float64 model for checking: initialised as for training, then b, γ and β moved away
 * from 0, 1, 0 so that a backward pass that is only right at the default values fails.
 */
export function createCheckModel(spec: NetworkSpec, rng: Rng): Model {
  const model = createModel(spec, 'float64');
  initParameters(model.params, model.running, model.layout, rng);
  for (const t of model.layout.tensors) {
    if (t.name === 'W') continue;
    const base = t.name === 'gamma' ? 1 : 0;
    for (let i = t.offset; i < t.offset + t.size; i++) model.params[i] = base + 0.1 * rng.normal();
  }
  return model;
}

export function analyticGradients(model: Model, inp: Float64Array, labels: Uint8Array, N: number, lambda: number, k: Kernels = referenceKernels): Float64Array {
  const ws = createWorkspace(model.spec, 'float64', N);
  const grads = new Float64Array(model.layout.size);
  forward(model, ws, k, inp, N, 'train');
  backward(model, layerViews(model.layout, grads), ws, k, inp, labels, N, lambda);
  return grads;
}

/**
 * Centered differences (J(θ+h) − J(θ−h)) / 2h for every parameter. Perturbing one entry of
 * layer l changes only one column of its affine output (W, b) or only what follows it
 * (γ, β), so each evaluation recomputes exactly that column and the layers after it — the
 * same arithmetic a full forward pass would do, at a fraction of the cost, which makes
 * checks on the full 3072-dimensional input practical.
 */
export function numericalGradients(
  model: Model, inp: Float64Array, labels: Uint8Array, N: number, lambda: number,
  h = 1e-5, k: Kernels = referenceKernels, onProgress?: (done: number, total: number) => void,
): Float64Array {
  const ws = createWorkspace(model.spec, 'float64', N);
  const num = new Float64Array(model.layout.size);
  const theta = model.params as Float64Array;
  const basePenalty = weightSquaredNorm(theta, model.layout);
  const C = model.layers[model.layers.length - 1].M;
  for (const t of model.layout.tensors) {
    const li = t.layer - 1;
    const p = model.layers[li];
    const input = li === 0 ? inp : ws.layers[li - 1].A;
    forward(model, ws, k, inp, N, 'train'); // clean caches for every layer before this tensor
    for (let i = 0; i < t.size; i++) {
      const at = t.offset + i;
      const original = theta[at];
      const unit = t.name === 'W' ? Math.floor(i / p.D) : i;
      const cost = (value: number): number => {
        theta[at] = value;
        if (t.name === 'W' || t.name === 'b') k.linearForwardColumn(ws.layers[li].S, input, p.W, p.b, unit, N, p.D, p.M);
        const logits = forward(model, ws, k, inp, N, 'train', li, true);
        const penalty = t.name === 'W' ? basePenalty - original * original + value * value : basePenalty;
        return k.crossEntropySum(logits, labels, 0, N, C).loss / N + lambda * penalty;
      };
      const plus = cost(original + h);
      const minus = cost(original - h);
      theta[at] = original;
      if (t.name === 'W' || t.name === 'b') k.linearForwardColumn(ws.layers[li].S, input, p.W, p.b, unit, N, p.D, p.M);
      num[at] = (plus - minus) / (2 * h);
      if (onProgress && (at & 1023) === 1023) onProgress(at + 1, model.layout.size);
    }
  }
  onProgress?.(model.layout.size, model.layout.size);
  return num;
}

export function compareGradients(model: Model, analytic: Float64Array, numerical: Float64Array, rule: GradCheckRule): TensorCheck[] {
  return model.layout.tensors.map((t) => {
    let maxAbsDiff = 0, maxEntryRelError = 0, failingEntries = 0, diffSq = 0, aSq = 0, nSq = 0;
    for (let i = t.offset; i < t.offset + t.size; i++) {
      const a = analytic[i], n = numerical[i], diff = Math.abs(a - n);
      maxAbsDiff = Math.max(maxAbsDiff, diff);
      const scale = Math.max(Math.abs(a), Math.abs(n));
      if (scale > 0) maxEntryRelError = Math.max(maxEntryRelError, diff / scale);
      if (!(diff <= rule.atol + rule.rtol * Math.abs(n))) failingEntries++;
      diffSq += diff * diff;
      aSq += a * a;
      nSq += n * n;
    }
    const zeroGradient = Math.sqrt(aSq / t.size) < rule.zeroRms && Math.sqrt(nSq / t.size) < rule.zeroRms;
    const normRelError = zeroGradient ? null : Math.sqrt(diffSq) / Math.max(1e-12, Math.sqrt(aSq) + Math.sqrt(nSq));
    const passed = failingEntries === 0 && (normRelError === null || normRelError <= rule.normTol);
    return { layer: t.layer, tensor: t.name, size: t.size, maxAbsDiff, normRelError, maxEntryRelError, failingEntries, zeroGradient, passed };
  });
}

/** The whole check on one batch of N samples; `inp` is (N, D) with D = layers[0]. */
export function gradientCheck(model: Model, inp: Float64Array, labels: Uint8Array, N: number, options: GradCheckOptions = {}): GradCheckReport {
  const h = options.h ?? 1e-5;
  const lambda = options.lambda ?? 0;
  const rule = options.rule ?? DEFAULT_RULE;
  const k = options.kernels ?? referenceKernels;
  const analytic = analyticGradients(model, inp, labels, N, lambda, k);
  const numerical = numericalGradients(model, inp, labels, N, lambda, h, k, options.onProgress);
  const tensors = compareGradients(model, analytic, numerical, rule);
  return {
    layers: [...model.spec.layers],
    batchNorm: model.spec.batchNorm,
    samples: N,
    h,
    lambda,
    rule,
    tensors,
    passed: tensors.every((t) => t.passed),
  };
}


/** The batch a check runs on: the first N rows of `set`, each cut to its first D features; inp (N, D), labels (N). */
export function checkBatch(set: LabeledSet, N: number, D: number): { inp: Float64Array; labels: Uint8Array } {
  const inp = new Float64Array(N * D);
  for (let i = 0; i < N; i++) inp.set(floatRows(set).subarray(i * set.d, i * set.d + D), i * D);
  return { inp, labels: set.y.slice(0, N) };
}
