// Loops over one flat buffer, reference versions: y += α·x (the L2 term of a weight
// gradient, the SGD update) and Σx² (the L2 term of the cost). Kept as kernels so a fast
// set can run them where the buffers live (WebAssembly memory) without a JS pass.
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
