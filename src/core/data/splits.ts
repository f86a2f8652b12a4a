// Builds the trainer's Dataset from decoded CIFAR-10 batches: picks the rows of each split
// ("a2" or "holdout", optional trainLimit) and normalises them with the training split's
// per-feature mean and std. Pure; reading files is src/main/data's job.
import type { Precision, SplitSpec } from '../config.ts';
import type { Dataset, FloatArray, LabeledSet } from '../dataset.ts';
import {
  CIFAR_CLASS_NAMES, CIFAR_PIXELS, CIFAR_TEST_FILE, CIFAR_TRAIN_FILES,
  type CifarBatch, type CifarBatchFile,
} from './cifar-binary.ts';
import { addByteMoments, normaliseBytes } from './byte-rows.ts';
import { DataError } from './data-error.ts';

/** Decoded batches by file name; only the files `batchFilesFor(split)` lists are needed. */
export interface CifarBatches {
  batches: Partial<Record<CifarBatchFile, CifarBatch>>;
  /** From batches.meta.txt when present; defaults to the standard ten names. */
  classNames?: readonly string[];
}

/** A run of consecutive rows [from, to) of one batch. */
interface RowRange { batch: CifarBatch; from: number; to: number }

/** Per-feature statistics in pixel units (0..255): x = (p − mean) / std = (p/255 − mean/255) / (std/255). */
interface FeatureStats { mean: Float64Array; invStd: Float64Array }

export function batchFilesFor(split: SplitSpec): CifarBatchFile[] {
  switch (split.kind) {
    case 'a2': return ['data_batch_1.bin', 'data_batch_2.bin', CIFAR_TEST_FILE];
    case 'holdout': return [...CIFAR_TRAIN_FILES, CIFAR_TEST_FILE];
    default: return assertNever(split);
  }
}

export interface BuildOptions {
  /**
   * Put every array of the result in a SharedArrayBuffer, so the worker pool can hand the
   * one decoded copy to every worker instead of copying it per worker.
   */
  shared?: boolean;
  /**
   * Keep a Float32 training set as its bytes only (`raw`, no `x`): the kernels normalise the rows
   * they read, so the set takes a quarter of the memory and no time to normalise up front.
   */
  trainAsBytes?: boolean;
}

export function buildDataset(source: CifarBatches, split: SplitSpec, precision: Precision, options: BuildOptions = {}): Dataset {
  const { train, val, test } = splitRows(source, split);
  const stats = featureStats(train);
  const shared = options.shared ?? false;
  return {
    train: normalisedSet(train, stats, precision, shared, true, options.trainAsBytes ?? false),
    val: normalisedSet(val, stats, precision, shared),
    test: normalisedSet(test, stats, precision, shared),
    classNames: source.classNames ?? CIFAR_CLASS_NAMES,
  };
}

/**
 * The first `count` training images only, normalised exactly as in `buildDataset` (statistics
 * of the whole training split): what a gradient check needs, without materialising every set.
 */
export function buildTrainingSample(source: CifarBatches, split: SplitSpec, count: number, precision: Precision): LabeledSet {
  const { train } = splitRows(source, split);
  const available = countRows(train);
  if (count > available) throw DataError.about('training split', `asked for ${count} images, the training split has ${available}`);
  return normalisedSet(limitRows(train, count), featureStats(train), precision);
}

/**
 * The test set only, normalised exactly as in `buildDataset` (statistics of the whole training
 * split): what evaluating stored weights needs, without materialising the training set.
 */
export function buildTestSet(source: CifarBatches, split: SplitSpec, precision: Precision): LabeledSet {
  const { train, test } = splitRows(source, split);
  return normalisedSet(test, featureStats(train), precision);
}

function splitRows(source: CifarBatches, split: SplitSpec): { train: RowRange[]; val: RowRange[]; test: RowRange[] } {
  const need = (file: CifarBatchFile): CifarBatch => {
    const batch = source.batches[file];
    if (!batch) throw new Error(`buildDataset: ${file} was not decoded (the loader must read batchFilesFor(split))`);
    return batch;
  };
  let train: RowRange[];
  let val: RowRange[];
  switch (split.kind) {
    case 'a2': {
      train = [whole(need('data_batch_1.bin'))];
      val = [whole(need('data_batch_2.bin'))];
      break;
    }
    case 'holdout': {
      const all = CIFAR_TRAIN_FILES.map(need);
      const total = all.reduce((sum, b) => sum + b.n, 0);
      const v = split.validation;
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`holdout validation must be a positive integer, got ${v}`);
      if (v >= total) {
        throw DataError.about('data_batch_1..5.bin',
          `holdout validation ${v} leaves no training images: the five batches hold ${total} images`);
      }
      train = takeRows(all, 0, total - v);
      val = takeRows(all, total - v, total);
      break;
    }
    default: return assertNever(split);
  }
  if (split.trainLimit !== undefined) train = limitRows(train, split.trainLimit);
  return { train, val, test: [whole(need(CIFAR_TEST_FILE))] };
}

function whole(batch: CifarBatch): RowRange {
  return { batch, from: 0, to: batch.n };
}

/** Rows [from, to) of the concatenation of `batches`, as ranges of the batches themselves (no copy). */
function takeRows(batches: CifarBatch[], from: number, to: number): RowRange[] {
  const ranges: RowRange[] = [];
  let offset = 0;
  for (const batch of batches) {
    const lo = Math.max(from, offset);
    const hi = Math.min(to, offset + batch.n);
    if (lo < hi) ranges.push({ batch, from: lo - offset, to: hi - offset });
    offset += batch.n;
  }
  return ranges;
}

function countRows(ranges: RowRange[]): number {
  return ranges.reduce((sum, r) => sum + (r.to - r.from), 0);
}

function limitRows(ranges: RowRange[], limit: number): RowRange[] {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`trainLimit must be a positive integer, got ${limit}`);
  const available = countRows(ranges);
  if (limit > available) {
    throw DataError.about('training split', `trainLimit ${limit} is more than the ${available} training images available`);
  }
  const kept: RowRange[] = [];
  let left = limit;
  for (const r of ranges) {
    if (left === 0) break;
    const take = Math.min(left, r.to - r.from);
    kept.push({ batch: r.batch, from: r.from, to: r.from + take });
    left -= take;
  }
  return kept;
}

/**
 * One pass over the training rows (exact sums, see addByteMoments). Population std (ddof 0,
 * numpy's default): var = (n·Σp² − (Σp)²) / n², exact in double for integer pixels. A feature
 * that is constant over the training split (possible with a tiny trainLimit) is only centred:
 * its std counts as 1 on the [0, 1] scale (255 pixel units), so it maps to 0 on train rather
 * than NaN.
 */
function featureStats(train: RowRange[]): FeatureStats {
  const d = CIFAR_PIXELS;
  const sum = new Float64Array(d);
  const sumSq = new Float64Array(d);
  for (const { batch, from, to } of train) addByteMoments(sum, sumSq, batch.images, from, to, d);
  const n = countRows(train);
  const mean = new Float64Array(d);
  const invStd = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    mean[j] = sum[j] / n;
    const variance = Math.max(0, n * sumSq[j] - sum[j] * sum[j]) / (n * n);
    invStd[j] = variance > 0 ? 1 / Math.sqrt(variance) : 1 / 255;
  }
  return { mean, invStd };
}

/**
 * The rows normalised with the training statistics. Float64: (p − mean)·invStd in double.
 * Float32: in single precision from the statistics rounded to single, f32(f32(p − mean)·invStd)
 * — what the WebAssembly gather computes from the bytes, so `withPixels` (the training set) can
 * keep the bytes beside x and a batch built from either is the same to the bit.
 */
function normalisedSet(ranges: RowRange[], stats: FeatureStats, precision: Precision, shared = false, withPixels = false, bytesOnly = false): LabeledSet {
  const d = CIFAR_PIXELS;
  const n = countRows(ranges);
  const single = precision === 'float32';
  const keepFloats = !(single && withPixels && bytesOnly);
  const x = keepFloats ? allocate(precision, n * d, shared) : null; // (n, d)
  const y = bytes(n, shared); // (n)
  const mean = single ? Float32Array.from(stats.mean) : stats.mean;
  const invStd = single ? Float32Array.from(stats.invStd) : stats.invStd;
  const pixels = single && withPixels ? bytes(n * d, shared) : null;
  let out = 0;
  for (const { batch, from, to } of ranges) {
    const images = batch.images;
    y.set(batch.labels.subarray(from, to), out);
    pixels?.set(images.subarray(from * d, to * d), out * d);
    if (x instanceof Float32Array) normaliseBytes(x, out, images, from, to, mean as Float32Array, invStd as Float32Array, d);
    else if (x) {
      for (let i = from, dst = out * d; i < to; i++, dst += d) {
        const row = i * d;
        for (let j = 0; j < d; j++) x[dst + j] = (images[row + j] - mean[j]) * invStd[j];
      }
    }
    out += to - from;
  }
  const set: LabeledSet = { y, n, d };
  if (x) set.x = x;
  if (pixels) set.raw = { pixels, mean: mean as Float32Array, invStd: invStd as Float32Array };
  return set;
}

function bytes(length: number, shared: boolean): Uint8Array {
  return shared ? new Uint8Array(new SharedArrayBuffer(length)) : new Uint8Array(length);
}

function allocate(precision: Precision, length: number, shared = false): FloatArray {
  switch (precision) {
    case 'float32': return shared ? new Float32Array(new SharedArrayBuffer(4 * length)) : new Float32Array(length);
    case 'float64': return shared ? new Float64Array(new SharedArrayBuffer(8 * length)) : new Float64Array(length);
    default: return assertNever(precision);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
