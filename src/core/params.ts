// Parameter layout of a network: every trainable tensor (W, b, γ, β) of every layer is a
// view into one flat buffer, so the SGD update, the gradient check and checkpoints are
// single loops or copies over that buffer. Gradients use the same layout. BN moving
// averages live in a second flat buffer: they are state, not parameters.
import type { NetworkSpec } from './config.ts';
import type { FloatArray } from './dataset.ts';
import type { Rng } from './rng.ts';

export type TensorName = 'W' | 'b' | 'gamma' | 'beta';

export interface TensorSlot {
  /** 1-based layer number, as in reports (layer 1 reads the input). */
  layer: number;
  name: TensorName;
  offset: number;
  size: number;
  shape: readonly number[];
}

export interface ParamLayout {
  spec: NetworkSpec;
  tensors: readonly TensorSlot[];
  size: number;
  /** Size of the moving-average buffer: mean then variance per BN layer. */
  runningSize: number;
}

/** Views of one layer's tensors; D inputs, M units. gamma/beta/runMean/runVar only where BN is on. */
export interface LayerView {
  D: number;
  M: number;
  hasBatchNorm: boolean;
  W: FloatArray; // (M, D)
  b: FloatArray; // (M)
  gamma: FloatArray; // (M), empty without BN
  beta: FloatArray; // (M), empty without BN
}

export interface RunningView {
  mean: FloatArray; // (M)
  variance: FloatArray; // (M)
}

export function layerCount(spec: NetworkSpec): number {
  return spec.layers.length - 1;
}

/** BN sits on every hidden layer (all but the output layer) when enabled. */
export function hasBatchNorm(spec: NetworkSpec, layerIndex: number): boolean {
  return spec.batchNorm && layerIndex < layerCount(spec) - 1;
}

export function paramLayout(spec: NetworkSpec): ParamLayout {
  if (spec.layers.length < 2) throw new RangeError('a network needs at least [D, C]');
  const tensors: TensorSlot[] = [];
  let offset = 0, runningSize = 0;
  const add = (layer: number, name: TensorName, shape: number[]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    tensors.push({ layer, name, offset, size, shape });
    offset += size;
  };
  for (let l = 0; l < layerCount(spec); l++) {
    const D = spec.layers[l], M = spec.layers[l + 1];
    add(l + 1, 'W', [M, D]);
    add(l + 1, 'b', [M]);
    if (hasBatchNorm(spec, l)) {
      add(l + 1, 'gamma', [M]);
      add(l + 1, 'beta', [M]);
      runningSize += 2 * M;
    }
  }
  return { spec, tensors, size: offset, runningSize };
}

/** Per-layer views into a flat parameter (or gradient) buffer laid out by `layout`. */
export function layerViews(layout: ParamLayout, flat: FloatArray): LayerView[] {
  const empty = flat.subarray(0, 0);
  const views: LayerView[] = [];
  for (let l = 0; l < layerCount(layout.spec); l++) {
    const D = layout.spec.layers[l], M = layout.spec.layers[l + 1];
    const slot = (name: TensorName) => layout.tensors.find((t) => t.layer === l + 1 && t.name === name);
    const view = (name: TensorName) => { const t = slot(name); return t ? flat.subarray(t.offset, t.offset + t.size) : empty; };
    views.push({ D, M, hasBatchNorm: hasBatchNorm(layout.spec, l), W: view('W'), b: view('b'), gamma: view('gamma'), beta: view('beta') });
  }
  return views;
}

/** One layer's share of a flat buffer for the SGD step: its weights W, and b, γ, β after them (contiguous). */
export interface UpdateView {
  W: FloatArray; // (M, D)
  rest: FloatArray; // (M) b, then (M) γ and (M) β where BN is on
}

/** Per-layer W / rest views of a flat parameter (or gradient) buffer, for the fused SGD step. */
export function updateViews(layout: ParamLayout, flat: FloatArray): UpdateView[] {
  const views: UpdateView[] = [];
  const weights = layout.tensors.filter((t) => t.name === 'W');
  weights.forEach((t, l) => {
    const end = l + 1 < weights.length ? weights[l + 1].offset : layout.size;
    views.push({ W: flat.subarray(t.offset, t.offset + t.size), rest: flat.subarray(t.offset + t.size, end) });
  });
  return views;
}

/** Per-layer views of the moving averages; entries for layers without BN are empty. */
export function runningViews(layout: ParamLayout, flat: FloatArray): RunningView[] {
  const views: RunningView[] = [];
  let offset = 0;
  for (let l = 0; l < layerCount(layout.spec); l++) {
    const M = layout.spec.layers[l + 1];
    if (hasBatchNorm(layout.spec, l)) {
      views.push({ mean: flat.subarray(offset, offset + M), variance: flat.subarray(offset + M, offset + 2 * M) });
      offset += 2 * M;
    } else {
      views.push({ mean: flat.subarray(0, 0), variance: flat.subarray(0, 0) });
    }
  }
  return views;
}

/**
 * He: W ~ N(0, 2/D); fixed σ: W ~ N(0, σ²). Biases 0, γ 1, β 0; moving averages mean 0,
 * variance 1. Draws go layer by layer, row-major, so a seed fixes every weight.
 */
export function initParameters(params: FloatArray, running: FloatArray, layout: ParamLayout, rng: Rng): void {
  params.fill(0);
  for (const t of layout.tensors) {
    if (t.name === 'gamma') params.fill(1, t.offset, t.offset + t.size);
    if (t.name !== 'W') continue;
    const D = t.shape[1];
    const init = layout.spec.init;
    const std = init.kind === 'he' ? Math.sqrt(2 / D) : init.sigma;
    for (let i = 0; i < t.size; i++) params[t.offset + i] = std * rng.normal();
  }
  for (const r of runningViews(layout, running)) { r.mean.fill(0); r.variance.fill(1); }
}

/** Σ_l ‖W_l‖², the L2 term of the cost (weights only). */
export function weightSquaredNorm(params: FloatArray, layout: ParamLayout): number {
  let s = 0;
  for (const t of layout.tensors) {
    if (t.name !== 'W') continue;
    for (let i = t.offset; i < t.offset + t.size; i++) s += params[i] * params[i];
  }
  return s;
}
