// How far apart a running run's checkpoints are: one per epoch on CIFAR-10's long epochs, at
// least MIN_STEPS_BETWEEN_CHECKPOINTS on a small slice's short ones, and a test's override.
import { describe, expect, it } from 'vitest';
import { MIN_STEPS_BETWEEN_CHECKPOINTS, checkpointInterval } from '../../src/shared/checkpoint-interval.ts';

describe('checkpointInterval', () => {
  it('is one epoch when an epoch has at least the minimum of steps', () => {
    expect(checkpointInterval(450)).toBe(450); // 45,000 images, batch 100
    expect(checkpointInterval(MIN_STEPS_BETWEEN_CHECKPOINTS)).toBe(MIN_STEPS_BETWEEN_CHECKPOINTS);
  });

  it('is the minimum when epochs are shorter', () => {
    expect(MIN_STEPS_BETWEEN_CHECKPOINTS).toBe(100);
    expect(checkpointInterval(5)).toBe(100); // 100 images, batch 20
  });

  it('takes an override as it is (tests checkpoint every few steps), but never below one step', () => {
    expect(checkpointInterval(450, 5)).toBe(5);
    expect(checkpointInterval(5, 0)).toBe(1);
  });
});
