// The WebAssembly SIMD kernels against the reference kernels on awkward shapes (not
// multiples of the tiles, 16-wide panels or 4-lane vectors, N = 1, D = 1, M = 1, D = 3072), in and
// out of the arena; the batch built from the training set's bytes against the rows of x; the
// committed module against its WAT source; and a Float32 training run on the fast set against
// the same run on the reference set.
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainConfig } from '../../../src/core/config.ts';
import type { Dataset } from '../../../src/core/dataset.ts';
import { defaultKernels } from '../../../src/core/kernels/default.ts';
import { referenceKernels as ref } from '../../../src/core/kernels/index.ts';
import { createArena, createWasmKernels, detectSimd } from '../../../src/core/kernels/wasm/simd-kernels.ts';
import type { SimdFlavour } from '../../../src/core/kernels/wasm/simd-kernels.ts';
import { createRng, shuffleInPlace } from '../../../src/core/rng.ts';
import { train } from '../../../src/core/trainer.ts';
import { loadDataset } from '../../../src/main/data/load.ts';
import { enableRelaxedSimd } from '../../../workers/runtime/relaxed-simd.ts';
import { FIXTURE_DATA_DIR } from '../../helpers/fixture-data.ts';

const SHAPES: Array<[number, number, number]> = [
  [1, 1, 1], [1, 3072, 1], [100, 1, 1], [1, 5, 50], [3, 7, 5], [5, 13, 9], [2, 4, 4], [7, 1030, 3],
  [100, 3072, 50], [100, 50, 10], [100, 50, 30], [13, 3072, 7], [500, 64, 9], [4, 8, 2], [1, 16, 1], [3, 48, 5], [7, 64, 3], [100, 3072, 11],
  [130, 100, 7], [200, 3072, 50],
];

/**
 * max |a − b| / (1 + max |b| + √K): Float32 sums of K products of unit normals differ from the
 * reference's double sums by rounding only, and such sums are about √K in size.
 */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>, K = 1): number {
  expect(a.length).toBe(b.length);
  let e = 0, scale = 0;
  for (let i = 0; i < a.length; i++) { e = Math.max(e, Math.abs(a[i] - b[i])); scale = Math.max(scale, Math.abs(b[i])); }
  return e / (1 + scale + Math.sqrt(K));
}

// The engine's workers switch relaxed SIMD on (workers/train.ts): do the same, so both modules
// are tested on Node 20 too (each test file runs in a process of its own).
enableRelaxedSimd();
const flavours: SimdFlavour[] = detectSimd() === 'relaxed' ? ['plain', 'relaxed'] : ['plain'];

describe.each(flavours)('WebAssembly %s SIMD kernels', (flavour) => {
  it.each(SHAPES)('linear forward and backward match the reference for N=%i D=%i M=%i', (N, D, M) => {
    const arena = createArena(flavour, { floats: 4 * (2 * N * D + 2 * M * D + 2 * N * M + 2 * M) + 64, layers: [D, M], capacity: N });
    const rng = createRng(N * 1000 + D + M);
    const random = (len: number) => { const a = arena.take(len); for (let i = 0; i < len; i++) a[i] = rng.normal(); return a; };
    const X = random(N * D), W = random(M * D), b = random(M), G = random(N * M);
    const k = arena.kernels;

    const out = arena.take(N * M).fill(99), want = new Float32Array(N * M);
    k.linearForward(out, X, W, b, N, D, M);
    ref.linearForward(want, X, W, b, N, D, M);
    expect(relErr(out, want, D)).toBeLessThan(1e-6);

    // The input from outside the arena (an evaluation chunk of the dataset) is copied in,
    // 64 rows at a time (N = 130, 200 cross those blocks; a ragged last block may take another tile path).
    const outside = Float32Array.from(X), out2 = arena.take(N * M);
    k.linearForward(out2, outside, W, b, N, D, M);
    expect(relErr(out2, want, D)).toBeLessThan(1e-6);

    const dW = arena.take(M * D).fill(99), db = arena.take(M).fill(99), dX = arena.take(N * D).fill(99);
    const wdW = new Float32Array(M * D), wdb = new Float32Array(M), wdX = new Float32Array(N * D);
    k.linearBackward(dX, dW, db, G, X, W, N, D, M);
    ref.linearBackward(wdX, wdW, wdb, G, X, W, N, D, M);
    expect(relErr(dW, wdW, N)).toBeLessThan(1e-6);
    expect(relErr(db, wdb, N)).toBeLessThan(1e-6);
    expect(relErr(dX, wdX, M)).toBeLessThan(1e-6);

    const dW1 = arena.take(M * D), db1 = arena.take(M);
    k.linearBackward(null, dW1, db1, G, X, W, N, D, M);
    expect([...dW1]).toEqual([...dW]);
  });

  it.each([[1, 1], [3, 4], [100, 50], [100, 10], [7, 13], [500, 3], [2, 30]])('batch norm forward and backward match the reference for N=%i M=%i', (N, M) => {
    const arena = createArena(flavour, { floats: 12 * N * M + 12 * M + 64, layers: [1, M], capacity: N });
    const rng = createRng(N * 31 + M);
    const random = (len: number, scale = 1, shift = 0) => { const a = arena.take(len); for (let i = 0; i < len; i++) a[i] = shift + scale * rng.normal(); return a; };
    const S = random(N * M, 3, 0.5), gamma = random(M, 0.1, 1), beta = random(M, 0.1), dOut = random(N * M);
    const got = { out: arena.take(N * M), xhat: arena.take(N * M), mean: arena.take(M), variance: arena.take(M), invStd: arena.take(M) };
    const want = { out: new Float32Array(N * M), xhat: new Float32Array(N * M), mean: new Float32Array(M), variance: new Float32Array(M), invStd: new Float32Array(M) };
    arena.kernels.batchnormForwardTrain(got.out, got.xhat, got.mean, got.variance, got.invStd, S, gamma, beta, N, M, 1e-5);
    ref.batchnormForwardTrain(want.out, want.xhat, want.mean, want.variance, want.invStd, S, gamma, beta, N, M, 1e-5);
    for (const key of Object.keys(want) as Array<keyof typeof want>) expect(relErr(got[key], want[key])).toBeLessThan(2e-6);
    const dInp = arena.take(N * M), dGamma = arena.take(M), dBeta = arena.take(M);
    const wInp = new Float32Array(N * M), wGamma = new Float32Array(M), wBeta = new Float32Array(M);
    arena.kernels.batchnormBackward(dInp, dGamma, dBeta, dOut, got.xhat, got.invStd, gamma, N, M);
    ref.batchnormBackward(wInp, wGamma, wBeta, dOut, got.xhat, got.invStd, gamma, N, M);
    expect(relErr(dInp, wInp, N)).toBeLessThan(2e-6);
    expect(relErr(dGamma, wGamma, N)).toBeLessThan(2e-6);
    expect(relErr(dBeta, wBeta, N)).toBeLessThan(2e-6);
    // dInp may alias dOut, as the model calls it.
    const inPlace = arena.take(N * M);
    inPlace.set(dOut);
    arena.kernels.batchnormBackward(inPlace, dGamma, dBeta, inPlace, got.xhat, got.invStd, gamma, N, M);
    expect([...inPlace]).toEqual([...dInp]);
  });

  it.each([1, 3, 4, 5, 17, 5000])('ReLU forward and backward match the reference over %i floats', (len) => {
    const arena = createArena(flavour, { floats: 6 * len + 32, layers: [1, 1], capacity: 1 });
    const rng = createRng(len + 5);
    const random = (n: number) => { const a = arena.take(n); for (let i = 0; i < n; i++) a[i] = rng.normal(); return a; };
    const S = random(len), dOut = random(len);
    S[0] = 0; // ReLU'(0) is 0, as in the reference
    const A = arena.take(len), dS = arena.take(len);
    arena.kernels.reluForward(A, S, len);
    arena.kernels.reluBackward(dS, dOut, A, len);
    const wA = new Float32Array(len), wdS = new Float32Array(len);
    ref.reluForward(wA, S, len);
    ref.reluBackward(wdS, dOut, wA, len);
    expect([...A]).toEqual([...wA]);
    expect([...dS].map((v) => v + 0)).toEqual([...wdS].map((v) => v + 0));
    arena.kernels.reluBackward(dOut, dOut, A, len); // dInp aliasing dOut, as the model calls it
    expect([...dOut]).toEqual([...dS]);
  });

  it.each([1, 3, 4, 5, 17, 153_650])('axpy and Σx² match the reference over %i floats', (len) => {
    const arena = createArena(flavour, { floats: 2 * len + 8, layers: [1, 1], capacity: 1 });
    const rng = createRng(len);
    const y = arena.take(len), x = arena.take(len);
    for (let i = 0; i < len; i++) { y[i] = rng.normal(); x[i] = rng.normal(); }
    const want = Float32Array.from(y);
    ref.axpy(want, x, -0.037, len);
    arena.kernels.axpy(y, x, -0.037, len);
    expect(relErr(y, want)).toBeLessThan(1e-6);
    expect(Math.abs(arena.kernels.sumOfSquares(x, len) - ref.sumOfSquares(x, len))).toBeLessThan(1e-9 * len);
  });

  it.each([1, 3, 4, 5, 17, 153_650])('the fused SGD step is bit-identical to Σw², the L2 axpy and the update one after another over %i floats', (len) => {
    const arena = createArena(flavour, { floats: 4 * len + 16, layers: [1, 1], capacity: 1 });
    const rng = createRng(len + 7);
    const W = arena.take(len), dW = arena.take(len), W2 = arena.take(len), dW2 = arena.take(len);
    for (let i = 0; i < len; i++) { W[i] = rng.normal(); dW[i] = rng.normal(); }
    W2.set(W);
    dW2.set(dW);
    const eta = 0.0731, lambda = 0.0041;
    const k = arena.kernels;
    const sum = k.sgdStepL2(W, dW, eta, lambda, len);
    const want = k.sumOfSquares(W2, len);
    k.axpy(dW2, W2, 2 * lambda, len);
    k.axpy(W2, dW2, -eta, len);
    expect(sum).toBe(want);
    expect([...dW]).toEqual([...dW2]);
    expect([...W]).toEqual([...W2]);
    // and within rounding of the reference kernel
    const rW = Float32Array.from(W2), rdW = Float32Array.from(dW2);
    expect(relErr(W, rW)).toBeLessThan(1e-6);
    expect(relErr(dW, rdW)).toBeLessThan(1e-6);
  });

  it('falls back to the reference kernels for buffers outside its memory and for Float64', () => {
    const k = createArena(flavour, { floats: 64, layers: [3, 2], capacity: 2 }).kernels;
    const X = Float64Array.from([1, 2, 3, 4, 5, 6]), W = Float64Array.from([1, 0, -1, 0.5, 0.5, 0.5]);
    const out = new Float64Array(4);
    k.linearForward(out, X, W, Float64Array.from([10, 20]), 2, 3, 2);
    expect([...out]).toEqual([1 - 3 + 10, 3 + 20, 4 - 6 + 10, 7.5 + 20]);
  });
});

describe('the kernel sets', () => {
  it('are WebAssembly by default for Float32 and reference for Float64', () => {
    expect(detectSimd()).not.toBeNull();
    expect(defaultKernels.arena?.('float32', { floats: 16, layers: [2, 2], capacity: 1 })).not.toBeNull();
    expect(defaultKernels.arena?.('float64', { floats: 16, layers: [2, 2], capacity: 1 })).toBeNull();
  });

  it('keeps the committed module in step with kernels.wat (npm run build:wasm)', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-wasm.ts', '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/up to date/);
  });
});

describe('training on the fast kernels', () => {
  let data: Dataset;
  beforeAll(async () => { data = await loadDataset(FIXTURE_DATA_DIR, { kind: 'a2' }, 'float32'); });
  const config: TrainConfig = {
    network: { hidden: [50, 50], batchNorm: true, init: { kind: 'he' }, bnAlpha: 0.9, bnEpsilon: 1e-8 },
    lambda: 0.005,
    schedule: { etaMin: 1e-5, etaMax: 1e-1, stepSize: 10, cycles: 2 },
    batchSize: 20,
    recordsPerCycle: 4,
    split: { kind: 'a2' },
    seed: 3,
    precision: 'float32',
  };

  it.each(flavours)('builds the batch from the bytes to the bit of the rows of x (%s SIMD)', (flavour) => {
    const D = data.train.d, B = 37;
    expect(data.train.raw).toBeDefined();
    const arena = createArena(flavour, { floats: 4 * B * D, layers: [D, 10], capacity: B, batch: B });
    const batchX = arena.take(B * D), batchY = new Uint8Array(B);
    const order = Uint32Array.from({ length: data.train.n }, (_, i) => i);
    shuffleInPlace(order, createRng(5));
    // x zeroed: what the fast gather returns can only come from the bytes.
    const bytesOnly = { ...data.train, x: new Float32Array(data.train.x!.length) };
    for (const from of [0, 50]) {
      arena.kernels.gatherBatch(batchX, batchY, bytesOnly, order, from, B);
      const wantX = new Float32Array(B * D), wantY = new Uint8Array(B);
      ref.gatherBatch(wantX, wantY, data.train, order, from, B);
      expect(Buffer.from(batchX.buffer, batchX.byteOffset, batchX.byteLength).equals(Buffer.from(wantX.buffer))).toBe(true);
      expect([...batchY]).toEqual([...wantY]);
    }
  });

  it.each(flavours)('trains the same to the bit from the bytes (panels of the gather) as from x (%s SIMD)', (flavour) => {
    const withoutBytes: Dataset = { ...data, train: { ...data.train, raw: undefined } };
    const fromBytes = train(config, data, {}, createWasmKernels(flavour));
    const fromX = train(config, withoutBytes, {}, createWasmKernels(flavour));
    expect(fromBytes.status).toBe('completed');
    expect(Buffer.from(fromBytes.model.params.buffer, fromBytes.model.params.byteOffset, fromBytes.model.params.byteLength)
      .equals(Buffer.from(fromX.model.params.buffer, fromX.model.params.byteOffset, fromX.model.params.byteLength))).toBe(true);
    expect(fromBytes.curves).toEqual(fromX.curves);
  });

  it.each([...flavours, 'reference' as const])('trains and evaluates the same to the bit on a training set kept as bytes only (%s kernels)', async (kind) => {
    const bytesOnly = await loadDataset(FIXTURE_DATA_DIR, { kind: 'a2' }, 'float32', { trainAsBytes: true });
    expect(bytesOnly.train.x).toBeUndefined();
    expect(bytesOnly.train.raw?.pixels.length).toBe(data.train.n * data.train.d);
    // Evaluation chunks (100 rows) are larger than the batch (20): the row-major gather runs in pieces.
    const kernels = kind === 'reference' ? ref : createWasmKernels(kind);
    const fromBytes = train(config, bytesOnly, {}, kernels);
    const fromX = train(config, data, {}, kernels);
    expect(fromBytes.status).toBe('completed');
    expect(Buffer.from(fromBytes.model.params.buffer, fromBytes.model.params.byteOffset, fromBytes.model.params.byteLength)
      .equals(Buffer.from(fromX.model.params.buffer, fromX.model.params.byteOffset, fromX.model.params.byteLength))).toBe(true);
    expect(fromBytes.curves).toEqual(fromX.curves);
    expect(fromBytes.curves.length).toBeGreaterThan(2);
  });

  it.each(flavours)('follows the reference-kernel run in Float32 (%s SIMD)', (flavour) => {
    const fast = train(config, data, {}, createWasmKernels(flavour));
    const slow = train(config, data, {}, ref);
    expect(fast.status).toBe('completed');
    expect(fast.curves.map((p) => p.step)).toEqual(slow.curves.map((p) => p.step));
    for (let i = 0; i < fast.curves.length; i++) {
      expect(Math.abs(fast.curves[i].train.loss - slow.curves[i].train.loss)).toBeLessThan(1e-3);
      expect(Math.abs(fast.curves[i].val.cost - slow.curves[i].val.cost)).toBeLessThan(1e-3);
    }
  });
});
