// The set of kernels a model step calls, as one swappable object: the plain TypeScript
// reference set below, and (speed issue) faster sets tested against it. Tests also swap in
// a deliberately wrong kernel to prove the gradient check catches it.
import { linearBackward, linearForward, linearForwardColumn } from './linear.ts';
import { batchnormBackward, batchnormForwardEval, batchnormForwardTrain } from './batchnorm.ts';
import { reluBackward, reluForward } from './activation.ts';
import { crossEntropySum, softmaxCrossEntropyBackward, softmaxForward } from './softmax-cross-entropy.ts';

export interface Kernels {
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
}

export const referenceKernels: Kernels = {
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
};
