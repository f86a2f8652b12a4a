// Gradient check on real CIFAR-10 images (the committed slice), Float64: every tensor of
// every layer of 2-, 3- and 4-layer networks with and without BN, on reduced and on full
// 3072-dim inputs; and proof that the check fails when the backward pass is wrong.
import { beforeAll, describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../../src/core/config.ts';
import type { Dataset } from '../../src/core/dataset.ts';
import { createCheckModel, gradientCheck } from '../../src/core/gradcheck.ts';
import type { GradCheckReport } from '../../src/core/gradcheck.ts';
import { referenceKernels } from '../../src/core/kernels/index.ts';
import type { Kernels } from '../../src/core/kernels/index.ts';
import { createRng } from '../../src/core/rng.ts';
import { loadDataset } from '../../src/main/data/load.ts';
import { FIXTURE_DATA_DIR } from '../helpers/fixture-data.ts';

const SAMPLES = 10;
let data: Dataset;
beforeAll(async () => { data = await loadDataset(FIXTURE_DATA_DIR, { kind: 'a2' }, 'float64'); });

/** The first SAMPLES training images, first `dims` features. */
function sample(dims: number): { x: Float64Array; y: Uint8Array } {
  const x = new Float64Array(SAMPLES * dims);
  for (let n = 0; n < SAMPLES; n++) x.set(data.train.x!.subarray(n * data.train.d, n * data.train.d + dims), n * dims);
  return { x, y: data.train.y.slice(0, SAMPLES) };
}

function check(layers: number[], batchNorm: boolean, kernels: Kernels = referenceKernels, lambda = 0.01): GradCheckReport {
  const spec: NetworkSpec = { layers, batchNorm, init: { kind: 'he' }, bnAlpha: 0.9, bnEpsilon: 1e-8 };
  const model = createCheckModel(spec, createRng(7));
  const { x, y } = sample(layers[0]);
  return gradientCheck(model, x, y, SAMPLES, { lambda, kernels });
}

function expectPass(report: GradCheckReport, layers: number[], batchNorm: boolean): void {
  const hidden = layers.length - 2;
  const expected = layers.slice(1).flatMap((_, l) => (batchNorm && l < hidden ? ['W', 'b', 'gamma', 'beta'] : ['W', 'b']).map((t) => `${l + 1}${t}`));
  expect(report.tensors.map((t) => `${t.layer}${t.tensor}`)).toEqual(expected);
  for (const t of report.tensors) {
    expect(t.failingEntries, `layer ${t.layer} ${t.tensor}`).toBe(0);
    expect(t.maxAbsDiff).toBeLessThan(1e-8);
    if (t.zeroGradient) {
      // Only the bias of a BN layer has an identically zero gradient.
      expect(batchNorm && t.tensor === 'b' && t.layer <= hidden).toBe(true);
    } else {
      expect(t.normRelError).toBeLessThan(1e-6);
    }
    expect(t.passed).toBe(true);
  }
  expect(report.passed).toBe(true);
}

const reduced: number[][] = [[20, 10, 10], [20, 12, 11, 10], [20, 12, 11, 9, 10]];
const full: number[][] = [[3072, 20, 10], [3072, 20, 15, 10], [3072, 20, 15, 12, 10]];

describe.each([false, true])('gradient check, batch norm %s', (batchNorm) => {
  it.each(reduced.map((layers) => [layers.join(',')]))('passes on reduced inputs: %s', (spec) => {
    const layers = spec.split(',').map(Number);
    expectPass(check(layers, batchNorm), layers, batchNorm);
  });
  // ~7 s each on a quiet core; the margin is for CI machines shared with other work.
  it.each(full.map((layers) => [layers.join(',')]))('passes on the full 3072-dim input: %s', (spec) => {
    const layers = spec.split(',').map(Number);
    expectPass(check(layers, batchNorm), layers, batchNorm);
  }, 240_000);
});

describe('gradient check can fail', () => {
  it('catches a BN backward that drops the mean-of-gradient term', () => {
    const broken: Kernels = {
      ...referenceKernels,
      batchnormBackward(dInp, dGamma, dBeta, dOut, xhat, invStd, gamma, N, M) {
        referenceKernels.batchnormBackward(dInp, dGamma, dBeta, dOut, xhat, invStd, gamma, N, M);
        // Cancel the −mean(dxhat) term, as if the backward pass had forgotten it.
        for (let m = 0; m < M; m++) for (let n = 0; n < N; n++) dInp[n * M + m] += (gamma[m] * invStd[m] * dBeta[m]) / N;
      },
    };
    const report = check([20, 12, 11, 10], true, broken);
    expect(report.passed).toBe(false);
    const layer1W = report.tensors.find((t) => t.layer === 1 && t.tensor === 'W');
    expect(layer1W?.passed).toBe(false);
    // The last layer's tensors come before any BN backward and stay right.
    expect(report.tensors.filter((t) => t.layer === 3).every((t) => t.passed)).toBe(true);
  });

  it('catches a dW that forgets the L2 term', () => {
    const lambda = 0.5;
    const dropL2: Kernels = {
      ...referenceKernels,
      linearBackward(dInp, dW, db, dOut, inp, W, N, D, M) {
        referenceKernels.linearBackward(dInp, dW, db, dOut, inp, W, N, D, M);
        for (let i = 0; i < M * D; i++) dW[i] -= 2 * lambda * W[i]; // cancels the 2λW that backward() adds
      },
    };
    const report = check([20, 12, 10], false, dropL2, lambda);
    expect(report.tensors.filter((t) => t.tensor === 'W').every((t) => !t.passed)).toBe(true);
    expect(report.tensors.filter((t) => t.tensor === 'b').every((t) => t.passed)).toBe(true);
  });
});
