// The confusion matrix of stored weights: hand-checked on a tiny network, and on a network
// trained on the real CIFAR-10 slice its diagonal gives exactly the trainer's final test
// accuracy — from the weights alone, on a test set built without the training images.
import { describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../../src/core/config.ts';
import { networkSpecOf } from '../../src/core/config.ts';
import { confusionMatrix, evalNetwork, overallAccuracy, perClassAccuracy } from '../../src/core/confusion.ts';
import { referenceKernels } from '../../src/core/kernels/index.ts';
import { train } from '../../src/core/trainer.ts';
import { loadDataset, loadTestSet } from '../../src/main/data/load.ts';
import { FIXTURE_SOURCE, tinyConfig } from '../helpers/engine-fixture.ts';

describe('confusionMatrix', () => {
  it('counts argmax predictions against labels, rows true and columns predicted', () => {
    // One affine layer D=2 → C=3, W = identity-ish: the prediction is the larger input, or class 2 when both are < 0.
    const spec: NetworkSpec = { layers: [2, 3], batchNorm: false, init: { kind: 'he' }, bnAlpha: 0.9, bnEpsilon: 1e-8 };
    const params = new Float64Array([1, 0, 0, 1, 0, 0, /* b */ 0, 0, 0.5]); // W (3, 2) then b (3)
    const network = evalNetwork(spec, 'float64', params, new Float64Array(0), referenceKernels);
    const x = new Float64Array([2, 1, /**/ 1, 3, /**/ -1, -1, /**/ 0.1, 0.2, /**/ 0.7, 0.1]);
    const y = new Uint8Array([0, 1, 2, 2, 0]);
    // Predictions: 0, 1, 2, 2 (0.2 < 0.5), 0 (0.7 > 0.5).
    const c = confusionMatrix(network, { x, y, n: 5, d: 2 });
    expect(Array.from(c.counts)).toEqual([2, 0, 0, /**/ 0, 1, 0, /**/ 0, 0, 2]);
    expect(overallAccuracy(c)).toBe(1);
    expect(perClassAccuracy(c)).toEqual([1, 1, 1]);
  });

  it('gives a class with no images a null accuracy and refuses weights of another shape', () => {
    const spec: NetworkSpec = { layers: [1, 2], batchNorm: false, init: { kind: 'he' }, bnAlpha: 0.9, bnEpsilon: 1e-8 };
    const network = evalNetwork(spec, 'float64', new Float64Array([1, -1, 0, 0]), new Float64Array(0), referenceKernels);
    const c = confusionMatrix(network, { x: new Float64Array([1, 2]), y: new Uint8Array([1, 1]), n: 2, d: 1 });
    expect(Array.from(c.counts)).toEqual([0, 0, 2, 0]);
    expect(perClassAccuracy(c)).toEqual([null, 0]);
    expect(() => evalNetwork(spec, 'float64', new Float64Array(3), new Float64Array(0))).toThrow(/do not fit 1-2/);
  });

  it('matches the trainer\'s final test accuracy on the real slice, BN and Float32 wasm kernels', async () => {
    const config = tinyConfig();
    const data = await loadDataset(FIXTURE_SOURCE, config.split, config.precision);
    const outcome = train(config, data);
    if (outcome.status !== 'completed') throw new Error(`training ${outcome.status}`);
    const { test, classNames } = await loadTestSet(FIXTURE_SOURCE, config.split, config.precision);
    expect(classNames).toEqual(data.classNames);
    expect(Array.from(test.x!)).toEqual(Array.from(data.test.x!)); // same normalisation without the training set
    const spec = networkSpecOf(config, test.d, 10);
    const c = confusionMatrix(evalNetwork(spec, config.precision, outcome.model.params, outcome.model.running), test);
    expect(c.n).toBe(100);
    expect(c.counts.reduce((a, b) => a + b, 0)).toBe(100);
    expect(overallAccuracy(c)).toBe(outcome.final.test.accuracy);
    expect(overallAccuracy(c)).toBeGreaterThan(0.1); // it learnt something, so the matrix is not one column
  });
});
