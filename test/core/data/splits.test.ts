// Splits and normalisation (src/core/data/splits.ts): which rows land in train/val/test for
// "a2", "holdout" and trainLimit, and that normalisation uses training statistics only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CIFAR_BATCH_FILES, CIFAR_CLASS_NAMES, CIFAR_PIXELS, decodeCifarBatch, type CifarBatch, type CifarBatchFile,
} from '../../../src/core/data/cifar-binary.ts';
import { DataError } from '../../../src/core/data/data-error.ts';
import { batchFilesFor, buildDataset, type CifarBatches } from '../../../src/core/data/splits.ts';
import { loadDataset, loadTrainingSample } from '../../../src/main/data/load.ts';
import { FIXTURE_DATA_DIR } from '../../helpers/fixture-data.ts';

const D = CIFAR_PIXELS;

/** A batch whose image i has every pixel = values[i] and label i mod 10. */
function flatBatch(values: number[]): CifarBatch {
  const images = new Uint8Array(values.length * D);
  values.forEach((v, i) => images.fill(v, i * D, (i + 1) * D));
  return { images, labels: Uint8Array.from(values, (_, i) => i % 10), n: values.length };
}

/** Six batches; image i of batch b has pixel value 10·b + i (b = 0..4 train, 5 test) and label i. */
function sixBatches(perBatch: number): CifarBatches {
  const batches: Partial<Record<CifarBatchFile, CifarBatch>> = {};
  CIFAR_BATCH_FILES.forEach((file, b) => { batches[file] = flatBatch(Array.from({ length: perBatch }, (_, i) => 10 * b + i)); });
  return { batches };
}

const firstPixels = (x: ArrayLike<number>, n: number): number[] => Array.from({ length: n }, (_, i) => x[i * D]);

describe('buildDataset', () => {
  it('normalises with the training mean and population std, applied unchanged to val and test', () => {
    // Feature 0 on train: 10 and 30 → mean 20, std 10 (pixel units; /255 cancels).
    const train = flatBatch([10, 30]);
    train.images[D + 5] = 0; // feature 5 is constant 10 on image 0 and 0 on image 1: mean 5, std 5
    const source: CifarBatches = { batches: { 'data_batch_1.bin': train, 'data_batch_2.bin': flatBatch([40]), 'test_batch.bin': flatBatch([0, 20]) } };
    const ds = buildDataset(source, { kind: 'a2' }, 'float64');
    expect(Array.from(ds.train.x!.subarray(0, 1))).toEqual([-1]);
    expect(ds.train.x![D]).toBe(1);
    expect(ds.val.x![0]).toBe(2);
    expect(firstPixels(ds.test.x!, 2)).toEqual([-2, 0]);
    expect([ds.train.x![5], ds.train.x![D + 5], ds.test.x![D + 5]]).toEqual([1, -1, 3]);
    expect(ds.train.x!).toBeInstanceOf(Float64Array);
    expect([ds.train.n, ds.val.n, ds.test.n, ds.train.d]).toEqual([2, 1, 2, D]);
    expect([ds.train.x!.length, ds.val.x!.length, ds.test.x!.length]).toEqual([2 * D, D, 2 * D]);
  });

  it('centres a feature that is constant on train without dividing by zero', () => {
    const source: CifarBatches = { batches: { 'data_batch_1.bin': flatBatch([51]), 'data_batch_2.bin': flatBatch([102]), 'test_batch.bin': flatBatch([0]) } };
    const ds = buildDataset(source, { kind: 'a2' }, 'float64');
    // std 0 counts as 1 on the [0, 1] scale: x = p/255 − 0.2.
    expect([ds.train.x![0], ds.val.x![0], ds.test.x![0]]).toEqual([0, 0.2, -0.2]);
  });

  it('"a2" takes data_batch_1 / data_batch_2 / test_batch, and float32 on request', () => {
    const ds = buildDataset(sixBatches(3), { kind: 'a2' }, 'float32');
    expect(ds.train.x!).toBeInstanceOf(Float32Array);
    expect(ds.classNames).toEqual(CIFAR_CLASS_NAMES);
    // raw values: train 0,1,2 (mean 1, std √(2/3)); val 10,11,12; test 50,51,52. Float32 is
    // normalised in single precision with the statistics rounded to single: f32((p − 1)·f32(1/s)).
    const inv = Math.fround(1 / Math.sqrt(2 / 3));
    expect(firstPixels(ds.val.x!, 3)).toEqual([9 * inv, 10 * inv, 11 * inv].map(Math.fround));
    expect(firstPixels(ds.test.x!, 1)).toEqual([Math.fround(49 * inv)]);
    // The training set keeps its bytes beside x (for the WebAssembly gather); the others do not.
    expect(Array.from(ds.train.raw!.pixels.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(ds.train.raw!.pixels.subarray(2 * D, 2 * D + 1))).toEqual([2]);
    expect([ds.train.raw!.mean[0], ds.train.raw!.invStd[0]]).toEqual([1, inv]);
    expect([ds.val.raw, ds.test.raw]).toEqual([undefined, undefined]);
    expect(batchFilesFor({ kind: 'a2' })).toEqual(['data_batch_1.bin', 'data_batch_2.bin', 'test_batch.bin']);
  });

  it('"holdout" trains on all five batches minus the last `validation` images, across batch boundaries', () => {
    const ds = buildDataset(sixBatches(4), { kind: 'holdout', validation: 6 }, 'float64');
    expect([ds.train.n, ds.val.n, ds.test.n]).toEqual([14, 6, 4]);
    // labels are the index within the batch: train = b1..b3 whole + b4[0,1]; val = b4[2,3] + b5
    expect(Array.from(ds.train.y)).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1]);
    expect(Array.from(ds.val.y)).toEqual([2, 3, 0, 1, 2, 3]);
    const train = [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23, 30, 31];
    const mean = train.reduce((a, b) => a + b) / train.length;
    const std = Math.sqrt(train.reduce((a, b) => a + (b - mean) ** 2, 0) / train.length);
    const val = [32, 33, 40, 41, 42, 43];
    firstPixels(ds.val.x!, 6).forEach((x, i) => expect(x).toBeCloseTo((val[i] - mean) / std, 12));
  });

  it('trainLimit keeps the first N training images and takes the statistics from them alone', () => {
    const ds = buildDataset(sixBatches(4), { kind: 'holdout', validation: 4, trainLimit: 6 }, 'float64');
    expect(ds.train.n).toBe(6);
    expect(Array.from(ds.train.y)).toEqual([0, 1, 2, 3, 0, 1]);
    expect(ds.val.n).toBe(4);
    // train values 0,1,2,3,10,11: mean 4.5
    const mean = 4.5;
    const std = Math.sqrt([0, 1, 2, 3, 10, 11].reduce((a, b) => a + (b - mean) ** 2, 0) / 6);
    expect(ds.train.x![0]).toBeCloseTo(-mean / std, 12);
    const a2 = buildDataset(sixBatches(4), { kind: 'a2', trainLimit: 2 }, 'float64');
    expect([a2.train.n, a2.val.n, a2.test.n]).toEqual([2, 4, 4]);
  });

  it('rejects a validation or trainLimit the data cannot satisfy', () => {
    expect(() => buildDataset(sixBatches(2), { kind: 'holdout', validation: 10 }, 'float64'))
      .toThrow(DataError.about('data_batch_1..5.bin', 'holdout validation 10 leaves no training images: the five batches hold 10 images'));
    expect(() => buildDataset(sixBatches(2), { kind: 'a2', trainLimit: 3 }, 'float64'))
      .toThrow('training split: trainLimit 3 is more than the 2 training images available');
    expect(() => buildDataset(sixBatches(2), { kind: 'holdout', validation: 0 }, 'float64')).toThrow(RangeError);
    expect(() => buildDataset(sixBatches(2), { kind: 'a2', trainLimit: 1.5 }, 'float64')).toThrow(RangeError);
  });
});

describe('buildDataset on the real CIFAR-10 slice', () => {
  const decoded: CifarBatches = { batches: {} };
  for (const file of CIFAR_BATCH_FILES) decoded.batches[file] = decodeCifarBatch(readFileSync(path.join(FIXTURE_DATA_DIR, file)), file);

  it('matches the documented formula ((p/255) − mean) / std computed naively, feature by feature', () => {
    const ds = buildDataset(decoded, { kind: 'holdout', validation: 50 }, 'float64');
    expect([ds.train.n, ds.val.n, ds.test.n]).toEqual([450, 50, 100]);
    const raw = (file: CifarBatchFile, i: number, j: number): number => decoded.batches[file]!.images[i * D + j] / 255;
    for (const j of [0, 1023, 1024, 2047, 3071]) {
      const column = CIFAR_BATCH_FILES.slice(0, 5).flatMap((f) => Array.from({ length: 100 }, (_, i) => raw(f, i, j))).slice(0, 450);
      const mean = column.reduce((a, b) => a + b) / column.length;
      const std = Math.sqrt(column.reduce((a, b) => a + (b - mean) ** 2, 0) / column.length);
      expect(ds.train.x![449 * D + j]).toBeCloseTo((raw('data_batch_5.bin', 49, j) - mean) / std, 12);
      expect(ds.val.x![49 * D + j]).toBeCloseTo((raw('data_batch_5.bin', 99, j) - mean) / std, 12);
      expect(ds.test.x![7 * D + j]).toBeCloseTo((raw('test_batch.bin', 7, j) - mean) / std, 12);
    }
    expect(Array.from(ds.test.y.subarray(0, 10))).toEqual(Array.from(decoded.batches['test_batch.bin']!.labels.subarray(0, 10)));
  });

  it('gives training features mean 0 and std 1, and val/test not exactly so', () => {
    const ds = buildDataset(decoded, { kind: 'a2' }, 'float64');
    let worstMean = 0, worstStd = 0, valMean = 0;
    for (let j = 0; j < D; j++) {
      let s = 0, q = 0;
      for (let i = 0; i < ds.train.n; i++) { const v = ds.train.x![i * D + j]; s += v; q += v * v; }
      worstMean = Math.max(worstMean, Math.abs(s / ds.train.n));
      worstStd = Math.max(worstStd, Math.abs(Math.sqrt(q / ds.train.n) - 1));
      for (let i = 0; i < ds.val.n; i++) valMean += ds.val.x![i * D + j];
    }
    expect(worstMean).toBeLessThan(1e-12);
    expect(worstStd).toBeLessThan(1e-12);
    expect(Math.abs(valMean / (D * ds.val.n))).toBeGreaterThan(1e-3);
  });
});

describe('buildTrainingSample', () => {
  it('gives the first training rows normalised exactly as the full dataset does', async () => {
    const full = await loadDataset(FIXTURE_DATA_DIR, { kind: 'a2' }, 'float64');
    const sample = await loadTrainingSample(FIXTURE_DATA_DIR, { kind: 'a2' }, 7, 'float64');
    expect(sample.n).toBe(7);
    expect(sample.x).toEqual(full.train.x!.subarray(0, 7 * 3072));
    expect(sample.y).toEqual(full.train.y.subarray(0, 7));
    await expect(loadTrainingSample(FIXTURE_DATA_DIR, { kind: 'a2' }, 101, 'float64')).rejects.toThrow(/asked for 101 images, the training split has 100/);
  });
});
