// Validation refuses a run that cannot run, naming the field: widths past 4096, more than 32
// layers, a batch larger than the split's training images, a run whose parameters and scratch
// memory pass 2 GB (the estimate in the message); in a sweep, the same per point, and the run
// count per sweep is bounded.
import { describe, expect, it } from 'vitest';
import { parseTrainConfig } from '../../src/shared/config-schema.ts';
import { MAX_RUN_BYTES, runMemoryBytes } from '../../src/shared/run-memory.ts';
import { parseSweepSpec } from '../../src/shared/sweep-schema.ts';

const base = { network: { hidden: [50] }, lambda: 0, schedule: { stepSize: 5, cycles: 1 } };
const messageOf = (config: unknown) => {
  try {
    parseTrainConfig(config, 'run');
  } catch (err) {
    return (err as Error).message;
  }
  return 'ok';
};

describe('run limits', () => {
  it('a width past 4096, by index', () => {
    expect(messageOf({ ...base, network: { hidden: [50, 100_000_000] } })).toBe('run: network.hidden[1]: must be at most 4096 (got 100000000)');
    expect(messageOf({ ...base, network: { hidden: [4096] } })).toBe('ok');
  });

  it('more than 32 layers', () => {
    expect(messageOf({ ...base, network: { hidden: Array(32).fill(10) } })).toBe('run: network.hidden: must list at most 31 widths: a network of at most 32 layers (got 32)');
    expect(messageOf({ ...base, network: { hidden: Array(31).fill(10) } })).toBe('ok');
  });

  it('a batch larger than the training images of the split', () => {
    expect(messageOf({ ...base, batchSize: 10_001, split: 'a2' })).toBe('run: batchSize: must be <= 10000, the training images of this split (got 10001)');
    expect(messageOf({ ...base, batchSize: 101, split: { kind: 'a2', trainLimit: 100 } })).toBe('run: batchSize: must be <= 100, the training images of this split (got 101)');
    expect(messageOf({ ...base, batchSize: 45_000 })).toBe('ok');
  });

  it('more than 2 GB of parameters and scratch, with the estimate', () => {
    expect(messageOf({ ...base, network: { hidden: Array(31).fill(4096) } })).toBe(
      'run: network.hidden: needs about 7.0 GB for parameters and scratch memory with batchSize 100 (float32); a run may use at most 2.0 GB: use fewer or narrower layers or a smaller batch');
    expect(messageOf({ ...base, batchSize: 45_000, network: { hidden: [4096] }, precision: 'float64' })).toMatch(/^run: network\.hidden: needs about 8\.\d GB .*batchSize 45000 \(float64\)/);
  });

  it('sizes the default network as the core lays it out', () => {
    // [3072, 50, 10]: W1 153600 + b1 50 + W2 500 + b2 10 parameters; 500-row workspace of 5 (N, M) buffers per layer.
    const bytes = runMemoryBytes({ network: { hidden: [50], batchNorm: false, init: { kind: 'he' }, bnAlpha: 0.9, bnEpsilon: 1e-8 }, batchSize: 100, precision: 'float32' });
    expect(bytes).toBeGreaterThan(4 * (3 * 154_160 + 100 * 3072 + 5 * 500 * 60));
    expect(bytes).toBeLessThan(MAX_RUN_BYTES / 500);
  });

  it('a sweep names the axis value that breaks a limit, and bounds its run count', () => {
    const sweep = (axes: unknown[], repeats = 1) => {
      try {
        parseSweepSpec({ name: 's', base, axes, repeats }, 'sweep');
      } catch (err) {
        return (err as Error).message;
      }
      return 'ok';
    };
    expect(sweep([{ path: 'network.hidden', values: [[50], [5000]] }])).toBe('sweep: axes[0].values[1][0]: must be at most 4096 (got 5000)');
    expect(sweep([{ path: 'batchSize', values: [100, 60_000] }])).toBe('sweep: axes[0].values[1]: must be <= 45000, the training images of this split (got 60000)');
    expect(sweep([{ path: 'seed', values: Array.from({ length: 101 }, (_, i) => i) }], 100)).toBe('sweep: axes: expands to 10100 runs (points × repeats); at most 10000');
  });
});
