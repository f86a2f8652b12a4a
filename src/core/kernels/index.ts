// The set of kernels a model step calls, as one swappable object: the plain TypeScript
// reference set below, and the WebAssembly SIMD set (./wasm) that the trainer uses by
// default and that test/core/kernels/simd-kernels.test.ts holds to this one. Tests also swap in a
// deliberately wrong kernel to prove the gradient check catches it.
import type { Precision } from '../config.ts';
import type { FloatArray } from '../dataset.ts';
import { linearBackward, linearForward, linearForwardColumn } from './linear.ts';
import { batchnormBackward, batchnormForwardEval, batchnormForwardTrain } from './batchnorm.ts';
import { reluBackward, reluForward } from './activation.ts';
import { crossEntropySum, softmaxCrossEntropyBackward, softmaxForward } from './softmax-cross-entropy.ts';
import { axpy, sgdStepL2, sumOfSquares } from './vector.ts';
import { gatherBatch } from './gather.ts';

/** What a run will allocate, so a kernel set can place it (and its own scratch) once. */
export interface ArenaRequest {
  /** Elements the run takes, each take rounded up to a multiple of 4 (see `arenaFloats`). */
  floats: number;
  /** Layer widths [D, m1, …, C]. */
  layers: readonly number[];
  /** Largest number of rows a kernel is called with (training batch or evaluation chunk). */
  capacity: number;
  /** Rows of a training batch, when the arena will gather batches (none for evaluation only). */
  batch?: number;
}

/** Buffers carved out of memory that `kernels` reads in place; `take` hands out each one once. */
export interface Arena {
  kernels: Kernels;
  take(length: number): FloatArray;
}

export interface Kernels {
  gatherBatch: typeof gatherBatch;
  linearForward: typeof linearForward;
  linearForwardColumn: typeof linearForwardColumn;
  linearBackward: typeof linearBackward;
  batchnormForwardTrain: typeof batchnormForwardTrain;
  batchnormForwardEval: typeof batchnormForwardEval;
  batchnormBackward: typeof batchnormBackward;
  reluForward: typeof reluForward;
  reluBackward: typeof reluBackward;
  softmaxForward: typeof softmaxForward;
  crossEntropySum: typeof crossEntropySum;
  softmaxCrossEntropyBackward: typeof softmaxCrossEntropyBackward;
  axpy: typeof axpy;
  sumOfSquares: typeof sumOfSquares;
  sgdStepL2: typeof sgdStepL2;
  /**
   * Kernels that want their buffers in a memory of their own (WebAssembly) create it here,
   * sized once for a whole run; null (or no method) means ordinary typed arrays will do.
   */
  arena?(precision: Precision, request: ArenaRequest): Arena | null;
}

/** Each take is rounded up to whole 16-byte vectors, so SIMD rows start aligned. */
export function arenaFloats(length: number): number {
  return (length + 3) & ~3;
}

export const referenceKernels: Kernels = {
  gatherBatch,
  linearForward,
  linearForwardColumn,
  linearBackward,
  batchnormForwardTrain,
  batchnormForwardEval,
  batchnormBackward,
  reluForward,
  reluBackward,
  softmaxForward,
  crossEntropySum,
  softmaxCrossEntropyBackward,
  axpy,
  sumOfSquares,
  sgdStepL2,
};
