// The engine tests' smallest run config, on its own: it reads no file, so the component tests
// (in happy-dom, where the fixture folder's file URL does not resolve) can use it too.
import type { TrainConfig } from '../../src/core/config.ts';

/** A 3072-16-10 BN net on the a2 split of the slice (100 train / 100 val / 100 test images). */
export function tinyConfig(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return {
    name: 'tiny',
    network: { hidden: [16], batchNorm: true, init: { kind: 'he' }, bnAlpha: 0.9, bnEpsilon: 1e-8 },
    lambda: 0.001,
    schedule: { etaMin: 1e-5, etaMax: 1e-1, stepSize: 20, cycles: 1 },
    batchSize: 10,
    recordsPerCycle: 4,
    split: { kind: 'a2' },
    seed: 1,
    precision: 'float32',
    ...overrides,
  };
}
