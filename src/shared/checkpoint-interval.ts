// How many update steps a running run goes between two checkpoints. A checkpoint holds the
// whole run state (parameters, BN averages, order, PRNG, points so far: ~0.6 MB for a
// 3072-50-10 net in Float32), written by the main process into the store. Once per epoch is
// cheap on CIFAR-10's 450-step epochs, but a small slice has epochs of a few steps: 16 runs
// with 5-step epochs posted ~1,600 checkpoints (~1 GB), the main thread spent half its time in
// SQLite and every message to the app waited. So one epoch, but never fewer than MIN_STEPS.
export const MIN_STEPS_BETWEEN_CHECKPOINTS = 100;

/** Steps between checkpoints: `override` when given (tests), else one epoch, but not fewer than the minimum. */
export function checkpointInterval(stepsPerEpoch: number, override?: number): number {
  return Math.max(1, override ?? Math.max(stepsPerEpoch, MIN_STEPS_BETWEEN_CHECKPOINTS));
}
