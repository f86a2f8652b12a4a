// Affine layer kernels, plain TypeScript reference: S = X·Wᵀ + b and its gradients.
// Shapes: X (N, D) rows are samples, W (M, D) rows are units. Loops are tiled four units
// wide so each loaded input value feeds four accumulators; no SIMD, no blocking (that is the
// speed issue's fast kernels, which are tested against these).
import type { FloatArray } from '../dataset.ts';

/** out (N, M) = inp (N, D) · W (M, D)ᵀ + b (M). */
export function linearForward(out: FloatArray, inp: FloatArray, W: FloatArray, b: FloatArray, N: number, D: number, M: number): void {
  for (let n = 0; n < N; n++) {
    const x = n * D;
    const o = n * M;
    let m = 0;
    for (; m + 4 <= M; m += 4) {
      const w0 = m * D, w1 = w0 + D, w2 = w1 + D, w3 = w2 + D;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      for (let d = 0; d < D; d++) {
        const v = inp[x + d];
        a0 += v * W[w0 + d];
        a1 += v * W[w1 + d];
        a2 += v * W[w2 + d];
        a3 += v * W[w3 + d];
      }
      out[o + m] = a0 + b[m];
      out[o + m + 1] = a1 + b[m + 1];
      out[o + m + 2] = a2 + b[m + 2];
      out[o + m + 3] = a3 + b[m + 3];
    }
    for (; m < M; m++) out[o + m] = dot(inp, x, W, m * D, D) + b[m];
  }
}

/**
 * dW (M, D) = dOut (N, M)ᵀ · inp (N, D); db (M) = Σ_n dOut; dInp (N, D) = dOut · W unless null
 * (the first layer never needs it). Overwrites dW, db and dInp.
 */
export function linearBackward(
  dInp: FloatArray | null, dW: FloatArray, db: FloatArray,
  dOut: FloatArray, inp: FloatArray, W: FloatArray,
  N: number, D: number, M: number,
): void {
  dW.fill(0, 0, M * D);
  for (let m = 0; m < M; m++) {
    let s = 0;
    for (let n = 0; n < N; n++) s += dOut[n * M + m];
    db[m] = s;
  }
  let m = 0;
  for (; m + 4 <= M; m += 4) {
    const w0 = m * D, w1 = w0 + D, w2 = w1 + D, w3 = w2 + D;
    for (let n = 0; n < N; n++) {
      const g = n * M + m;
      const g0 = dOut[g], g1 = dOut[g + 1], g2 = dOut[g + 2], g3 = dOut[g + 3];
      const x = n * D;
      for (let d = 0; d < D; d++) {
        const v = inp[x + d];
        dW[w0 + d] += g0 * v;
        dW[w1 + d] += g1 * v;
        dW[w2 + d] += g2 * v;
        dW[w3 + d] += g3 * v;
      }
    }
  }
  for (; m < M; m++) {
    const w = m * D;
    for (let n = 0; n < N; n++) {
      const g = dOut[n * M + m];
      const x = n * D;
      for (let d = 0; d < D; d++) dW[w + d] += g * inp[x + d];
    }
  }
  if (dInp) {
    for (let n = 0; n < N; n++) {
      const x = n * D;
      dInp.fill(0, x, x + D);
      for (let m2 = 0; m2 < M; m2++) {
        const g = dOut[n * M + m2];
        const w = m2 * D;
        for (let d = 0; d < D; d++) dInp[x + d] += g * W[w + d];
      }
    }
  }
}

/** One output column: out[n, m] for every n, recomputed from scratch (gradient checks). */
export function linearForwardColumn(out: FloatArray, inp: FloatArray, W: FloatArray, b: FloatArray, m: number, N: number, D: number, M: number): void {
  for (let n = 0; n < N; n++) out[n * M + m] = dot(inp, n * D, W, m * D, D) + b[m];
}

function dot(a: FloatArray, ao: number, b: FloatArray, bo: number, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += a[ao + i] * b[bo + i];
  return s;
}
