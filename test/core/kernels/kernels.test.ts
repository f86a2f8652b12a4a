// Golden tests of the reference kernels on hand-sized inputs, plus the tiled loops against
// a naive triple loop on shapes that are not multiples of the tile width.
import { describe, expect, it } from 'vitest';
import { linearBackward, linearForward, linearForwardColumn } from '../../../src/core/kernels/linear.ts';
import { batchnormBackward, batchnormForwardEval, batchnormForwardTrain } from '../../../src/core/kernels/batchnorm.ts';
import { reluBackward, reluForward } from '../../../src/core/kernels/activation.ts';
import { crossEntropySum, softmaxCrossEntropyBackward, softmaxForward } from '../../../src/core/kernels/softmax-cross-entropy.ts';
import { axpy, sgdStepL2, sumOfSquares } from '../../../src/core/kernels/vector.ts';
import { createRng } from '../../../src/core/rng.ts';

const f64 = (xs: number[]) => Float64Array.from(xs);
const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol);
};
const random = (n: number, seed: number) => { const r = createRng(seed); return Float64Array.from({ length: n }, () => r.normal()); };

describe('linear', () => {
  it('computes X·Wᵀ + b on a 2×3 input with 2 units', () => {
    const out = new Float64Array(4);
    linearForward(out, f64([1, 2, 3, 4, 5, 6]), f64([1, 0, -1, 0.5, 0.5, 0.5]), f64([10, 20]), 2, 3, 2);
    expect([...out]).toEqual([1 - 3 + 10, 3 + 20, 4 - 6 + 10, 7.5 + 20]);
  });

  it('computes dW = Gᵀ·X, db = Σ G and dX = G·W by hand', () => {
    const X = f64([1, 2, 3, 4, 5, 6]); // (2, 3)
    const W = f64([1, 0, -1, 0.5, 0.5, 0.5]); // (2, 3)
    const G = f64([1, 2, 3, 4]); // (2, 2)
    const dW = new Float64Array(6), db = new Float64Array(2), dX = new Float64Array(6);
    linearBackward(dX, dW, db, G, X, W, 2, 3, 2);
    expect([...dW]).toEqual([1 * 1 + 3 * 4, 1 * 2 + 3 * 5, 1 * 3 + 3 * 6, 2 * 1 + 4 * 4, 2 * 2 + 4 * 5, 2 * 3 + 4 * 6]);
    expect([...db]).toEqual([4, 6]);
    expect([...dX]).toEqual([1 + 1, 1, -1 + 1, 3 + 2, 2, -3 + 2]);
  });

  it.each([[1, 1, 1], [3, 7, 5], [5, 13, 9], [2, 4, 4], [7, 3, 11]])('tiled loops match a naive triple loop for N=%i D=%i M=%i', (N, D, M) => {
    const X = random(N * D, 1), W = random(M * D, 2), b = random(M, 3), G = random(N * M, 4);
    const out = new Float64Array(N * M), naive = new Float64Array(N * M);
    for (let n = 0; n < N; n++) for (let m = 0; m < M; m++) { let s = b[m]; for (let d = 0; d < D; d++) s += X[n * D + d] * W[m * D + d]; naive[n * M + m] = s; }
    linearForward(out, X, W, b, N, D, M);
    close(out, naive);
    const column = new Float64Array(N * M);
    for (let m = 0; m < M; m++) linearForwardColumn(column, X, W, b, m, N, D, M);
    close(column, naive);

    const dW = new Float64Array(M * D).fill(99), db = new Float64Array(M), dX = new Float64Array(N * D).fill(99);
    linearBackward(dX, dW, db, G, X, W, N, D, M);
    const nW = new Float64Array(M * D), nX = new Float64Array(N * D), nb = new Float64Array(M);
    for (let n = 0; n < N; n++) for (let m = 0; m < M; m++) nb[m] += G[n * M + m];
    for (let m = 0; m < M; m++) for (let d = 0; d < D; d++) for (let n = 0; n < N; n++) nW[m * D + d] += G[n * M + m] * X[n * D + d];
    for (let n = 0; n < N; n++) for (let d = 0; d < D; d++) for (let m = 0; m < M; m++) nX[n * D + d] += G[n * M + m] * W[m * D + d];
    close(dW, nW);
    close(db, nb);
    close(dX, nX);
  });

  it('writes into Float32Array outputs with float32 rounding', () => {
    const out = new Float32Array(1);
    linearForward(out, f64([0.1]), f64([0.1]), f64([0]), 1, 1, 1);
    expect(out[0]).toBe(Math.fround(0.1 * 0.1));
  });
});

describe('batch norm', () => {
  it('normalises each unit over the batch with the biased variance', () => {
    // One unit, batch [1, 2, 3]: mean 2, variance 2/3.
    const out = new Float64Array(3), xhat = new Float64Array(3), mean = new Float64Array(1), variance = new Float64Array(1), invStd = new Float64Array(1);
    batchnormForwardTrain(out, xhat, mean, variance, invStd, f64([1, 2, 3]), f64([2]), f64([0.5]), 3, 1, 0);
    expect(mean[0]).toBe(2);
    expect(variance[0]).toBeCloseTo(2 / 3, 15);
    close(xhat, [-Math.sqrt(1.5), 0, Math.sqrt(1.5)]);
    close(out, [0.5 - 2 * Math.sqrt(1.5), 0.5, 0.5 + 2 * Math.sqrt(1.5)]);
  });

  it('keeps units separate in a (N, M) layout', () => {
    const inp = f64([1, 10, 3, 30]); // N=2, M=2
    const out = new Float64Array(4), xhat = new Float64Array(4), mean = new Float64Array(2), variance = new Float64Array(2), invStd = new Float64Array(2);
    batchnormForwardTrain(out, xhat, mean, variance, invStd, inp, f64([1, 1]), f64([0, 0]), 2, 2, 0);
    expect([...mean]).toEqual([2, 20]);
    expect([...variance]).toEqual([1, 100]);
    close(out, [-1, -1, 1, 1]);
  });

  it('uses the moving averages in eval mode', () => {
    const out = new Float64Array(2);
    batchnormForwardEval(out, f64([5, 7]), f64([3]), f64([4]), f64([2]), f64([1]), 2, 1, 0);
    expect([...out]).toEqual([2 * (5 - 3) / 2 + 1, 2 * (7 - 3) / 2 + 1]);
  });

  it('gives gradients with zero sum and zero correlation with xhat (the batch statistics absorb both)', () => {
    const N = 6, M = 2, inp = random(N * M, 5), dOut = random(N * M, 6);
    const out = new Float64Array(N * M), xhat = new Float64Array(N * M), mean = new Float64Array(M), variance = new Float64Array(M), invStd = new Float64Array(M);
    batchnormForwardTrain(out, xhat, mean, variance, invStd, inp, f64([1.5, 0.7]), f64([0, 0]), N, M, 0);
    const dInp = new Float64Array(N * M), dGamma = new Float64Array(M), dBeta = new Float64Array(M);
    batchnormBackward(dInp, dGamma, dBeta, dOut, xhat, invStd, f64([1.5, 0.7]), N, M);
    for (let m = 0; m < M; m++) {
      let s = 0, sx = 0, g = 0, gx = 0;
      for (let n = 0; n < N; n++) { s += dInp[n * M + m]; sx += dInp[n * M + m] * xhat[n * M + m]; g += dOut[n * M + m]; gx += dOut[n * M + m] * xhat[n * M + m]; }
      expect(Math.abs(s)).toBeLessThan(1e-12);
      expect(Math.abs(sx)).toBeLessThan(1e-12);
      expect(dBeta[m]).toBeCloseTo(g, 12);
      expect(dGamma[m]).toBeCloseTo(gx, 12);
    }
  });
});

describe('activation and loss', () => {
  it('applies ReLU and passes gradients only where the output is positive', () => {
    const out = new Float64Array(4), d = new Float64Array(4);
    reluForward(out, f64([-1, 0, 2, -3]), 4);
    expect([...out]).toEqual([0, 0, 2, 0]);
    reluBackward(d, f64([5, 6, 7, 8]), out, 4);
    expect([...d]).toEqual([0, 0, 7, 0]);
  });

  it('computes softmax, cross-entropy, accuracy and the fused gradient', () => {
    const logits = f64([0, Math.log(2), 5, 5]); // N=2, C=2
    const probs = new Float64Array(4);
    const labels = Uint8Array.from([0, 1]);
    const softmaxLoss = softmaxForward(probs, logits, labels, 0, 2, 2);
    close(probs, [1 / 3, 2 / 3, 0.5, 0.5]);
    const { loss, correct } = crossEntropySum(logits, labels, 0, 2, 2);
    expect(loss).toBeCloseTo(Math.log(3) + Math.log(2), 14);
    expect(softmaxLoss).toBe(loss); // the training step's cost comes from the softmax pass
    expect(correct).toBe(0); // row 0 predicts class 1; row 1 ties and argmax takes the first
    const d = new Float64Array(4);
    softmaxCrossEntropyBackward(d, probs, labels, 0, 2, 2);
    close(d, [(1 / 3 - 1) / 2, 2 / 3 / 2, 0.5 / 2, (0.5 - 1) / 2]);
  });

  it('stays finite for extreme logits', () => {
    const logits = f64([1000, -1000]);
    const probs = new Float64Array(2);
    expect(softmaxForward(probs, logits, Uint8Array.from([1]), 0, 1, 2)).toBe(2000);
    expect([...probs]).toEqual([1, 0]);
    expect(crossEntropySum(logits, Uint8Array.from([1]), 0, 1, 2).loss).toBe(2000);
  });
});

describe('SGD step', () => {
  it('returns Σw² before the step and updates W by hand: W − η(dW + 2λW)', () => {
    const W = Float64Array.from([1, -2, 0.5]), dW = Float64Array.from([0.1, 0.2, -0.3]);
    const sum = sgdStepL2(W, dW, 0.5, 0.25, 3);
    expect(sum).toBe(1 + 4 + 0.25);
    expect([...dW]).toEqual([0.1 + 0.5, 0.2 - 1, -0.3 + 0.25]);
    expect([...W]).toEqual([1 - 0.5 * 0.6, -2 - 0.5 * (0.2 - 1), 0.5 - 0.5 * (-0.3 + 0.25)]);
  });

  it('is bit-identical to Σw², the L2 axpy and the update run one after another (Float64 and Float32)', () => {
    for (const Ctor of [Float64Array, Float32Array]) {
      const rng = createRng(5);
      const W = new Ctor(37), dW = new Ctor(37);
      for (let i = 0; i < 37; i++) { W[i] = rng.normal(); dW[i] = rng.normal(); }
      const W2 = W.slice(), dW2 = dW.slice();
      const sum = sgdStepL2(W, dW, 0.07, 0.005, 37);
      expect(sum).toBe(sumOfSquares(W2, 37));
      axpy(dW2, W2, 2 * 0.005, 37);
      axpy(W2, dW2, -0.07, 37);
      expect([...W]).toEqual([...W2]);
      expect([...dW]).toEqual([...dW2]);
    }
  });
});
