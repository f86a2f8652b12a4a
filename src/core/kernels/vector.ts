// Loops over one flat buffer, reference versions: y += α·x (the L2 term of a weight
// gradient, the SGD update), Σx² (the L2 term of the cost), and the trainer's fused SGD step
// of a weight tensor. Kept as kernels so a fast set can run them where the buffers live
// (WebAssembly memory) without a JS pass.
import type { FloatArray } from '../dataset.ts';

/** y[0..len) += alpha · x[0..len). */
export function axpy(y: FloatArray, x: FloatArray, alpha: number, len: number): void {
  for (let i = 0; i < len; i++) y[i] += alpha * x[i];
}

/** Σ x[i]² over [0, len), accumulated in double. */
export function sumOfSquares(x: FloatArray, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += x[i] * x[i];
  return s;
}

/**
 * The SGD step of a weight tensor with its L2 term, in one pass instead of three (Σw², the
 * L2 axpy, the update): returns Σ W² before the step (the cost's L2 part, in double), turns
 * dW into the full gradient dW + 2λ·W and takes W ← W − η·(that). Per element the same
 * operations, in the same order and precision, as `sumOfSquares`, `axpy(dW, W, 2λ)` and
 * `axpy(W, dW, −η)` one after another.
 */
export function sgdStepL2(W: FloatArray, dW: FloatArray, eta: number, lambda: number, len: number): number {
  const twoLambda = 2 * lambda, minusEta = -eta;
  let s = 0;
  for (let i = 0; i < len; i++) {
    const w = W[i];
    s += w * w;
    dW[i] += twoLambda * w;
    W[i] = w + minusEta * dW[i];
  }
  return s;
}
