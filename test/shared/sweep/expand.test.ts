// Sweep expansion: grid size and order, zip, seeds per repeat, evenly spaced and log values
// (the EXPERIMENTS.md λ column), seeded random draws, labels, and that every run's config is a
// full valid TrainConfig. Pure functions only: nothing here trains.
import { describe, expect, it } from 'vitest';
import { expandSweep, gridSize, rangeValues, repeatSeed } from '../../../src/shared/sweep/expand.ts';
import { parseTrainConfig } from '../../../src/shared/config-schema.ts';
import { getPreset } from '../../../src/shared/presets.ts';
import { parseSweepSpec } from '../../../src/shared/sweep-schema.ts';

const base = { network: { hidden: [10] }, lambda: 0, schedule: { stepSize: 5, cycles: 1 }, split: 'a2', seed: 100 };
const spec = (fields: Record<string, unknown>) => parseSweepSpec({ name: 's', base, ...fields }, 'test');

/** The reference table's λ column, as printed in EXPERIMENTS.md. */
const REFERENCE_LAMBDAS = ['0.00001', '0.01429', '0.02857', '0.04286', '0.05714', '0.07143', '0.08571', '0.10000'];
const truncate5 = (x: number) => (Math.floor(x * 1e5 + 1e-9) / 1e5).toFixed(5);

describe('axis values', () => {
  it('evenly spaced λ in [1e-5, 1e-1] reproduce the reference table to 5 decimals (the table truncates)', () => {
    const values = rangeValues({ min: 1e-5, max: 1e-1, count: 8, sample: 'even' }, 'linear');
    expect(values.map(truncate5)).toEqual(REFERENCE_LAMBDAS);
    // Rounding would print 0.02858, 0.05715, 0.08572: the report's digits are truncated.
    expect(values.map((v) => v.toFixed(5))).toEqual(['0.00001', '0.01429', '0.02858', '0.04286', '0.05715', '0.07143', '0.08572', '0.10000']);
    expect(values[1] - values[0]).toBeCloseTo((0.1 - 1e-5) / 7, 15);
  });

  it('log-uniform values have exact endpoints and equal ratios', () => {
    const values = rangeValues({ min: 1e-5, max: 1e-1, count: 5, sample: 'even' }, 'log');
    expect(values[0]).toBe(1e-5);
    expect(values[4]).toBe(1e-1);
    values.slice(1).forEach((v, i) => expect(v / values[i]).toBeCloseTo(10, 12));
    expect(rangeValues({ min: 3e-4, max: 7e-2, count: 8, sample: 'even' }, 'log')).toEqual(expect.arrayContaining([3e-4, 7e-2]));
  });

  it('count 1 gives min (numpy linspace), and min = max gives that value', () => {
    expect(rangeValues({ min: 0.2, max: 0.5, count: 1, sample: 'even' }, 'linear')).toEqual([0.2]);
    expect(rangeValues({ min: 0.2, max: 0.2, count: 3, sample: 'even' }, 'log')).toEqual([0.2, 0.2, 0.2]);
  });

  it('random draws are deterministic per seed, sorted, inside the range, and differ between seeds', () => {
    const draw = (seed: number, scale: 'linear' | 'log') => rangeValues({ min: 1e-5, max: 1e-1, count: 6, sample: 'random', seed }, scale);
    expect(draw(7, 'log')).toEqual(draw(7, 'log'));
    expect(draw(7, 'log')).not.toEqual(draw(8, 'log'));
    for (const scale of ['linear', 'log'] as const) {
      const values = draw(7, scale);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(values.every((v) => v >= 1e-5 && v <= 1e-1)).toBe(true);
    }
    // Log draws spread over the decades; linear draws of this range almost never go below 1e-3.
    expect(draw(7, 'log').filter((v) => v < 1e-3).length).toBeGreaterThan(0);
  });

  it('a random axis expands to the same runs every time', () => {
    const random = { axes: [{ path: 'lambda', logUniform: { min: 1e-4, max: 1e-2, count: 4, sample: 'random', seed: 3 } }] };
    expect(expandSweep(spec(random)).map((run) => run.config.lambda)).toEqual(expandSweep(spec(random)).map((run) => run.config.lambda));
  });
});

describe('expandSweep', () => {
  it('crosses every axis, first axis slowest, repeats outermost', () => {
    const runs = expandSweep(spec({
      axes: [{ path: 'lambda', values: [0.1, 0.2, 0.3] }, { path: 'network.batchNorm', values: [false, true] }],
      repeats: 2,
    }));
    expect(runs).toHaveLength(12);
    expect(runs.map((run) => run.index)).toEqual([...Array(12).keys()]);
    expect(runs.slice(0, 6).map((run) => [run.point.lambda, run.point['network.batchNorm']])).toEqual([
      [0.1, false], [0.1, true], [0.2, false], [0.2, true], [0.3, false], [0.3, true],
    ]);
    expect(runs.map((run) => run.repeat)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    expect(runs.map((run) => run.pointIndex)).toEqual([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5]);
    expect(runs[7].point).toEqual(runs[1].point);
    expect(runs.map((run) => [run.config.lambda, run.config.network.batchNorm])).toEqual(runs.map((run) => [run.point.lambda, run.point['network.batchNorm']]));
  });

  it('grid size is the product of the axes, zip groups counting once', () => {
    const axes = [
      { path: 'lambda', uniform: { min: 0, max: 1, count: 4 } },
      { zip: [{ path: 'schedule.stepSize', values: [5, 10, 20] }, { path: 'schedule.cycles', values: [4, 2, 1] }] },
      { path: 'network.hidden', values: [[10], [10, 10]] },
    ];
    const parsed = spec({ axes, repeats: 3 });
    expect(gridSize(parsed.axes)).toBe(4 * 3 * 2);
    const runs = expandSweep(parsed);
    expect(runs).toHaveLength(4 * 3 * 2 * 3);
    expect(new Set(runs.map((run) => `${run.config.schedule.stepSize}x${run.config.schedule.cycles}`))).toEqual(new Set(['5x4', '10x2', '20x1']));
  });

  it('no axes: the base alone, once per repeat', () => {
    const runs = expandSweep(spec({ repeats: 3 }));
    expect(runs.map((run) => [run.point, run.label])).toEqual([[{}, 'seed 1/3'], [{}, 'seed 2/3'], [{}, 'seed 3/3']]);
  });

  it('repeat 0 keeps the base seed; later repeats get distinct seeds derived from it', () => {
    const runs = expandSweep(spec({ axes: [{ path: 'lambda', values: [0, 0.1] }], repeats: 4 }));
    expect(runs.filter((run) => run.repeat === 0).map((run) => run.seed)).toEqual([100, 100]);
    const seeds = [0, 1, 2, 3].map((r) => repeatSeed(100, r));
    expect(new Set(seeds).size).toBe(4);
    for (const run of runs) {
      expect(run.seed).toBe(seeds[run.repeat]);
      expect(run.config.seed).toBe(run.seed);
      expect(Number.isSafeInteger(run.seed) && run.seed >= 0).toBe(true);
    }
  });

  it('a seed axis gives each point its own base seed, and repeats of neighbouring seeds do not collide', () => {
    const runs = expandSweep(spec({ axes: [{ path: 'seed', values: [1, 2, 3] }], repeats: 3 }));
    expect(runs.slice(0, 3).map((run) => run.seed)).toEqual([1, 2, 3]);
    expect(new Set(runs.map((run) => run.seed)).size).toBe(9);
  });

  it('every config is a full valid TrainConfig, shorthands expanded', () => {
    const runs = expandSweep(spec({ axes: [
      { path: 'split', values: ['a2', '45k/5k', { kind: 'a2', trainLimit: 100 }] },
      { path: 'network.init', values: ['he', { sigma: 0.01 }] },
    ] }));
    expect(runs.map((run) => run.config.split)).toContainEqual({ kind: 'holdout', validation: 5000 });
    expect(runs.map((run) => run.config.network.init)).toContainEqual({ kind: 'normal', sigma: 0.01 });
    expect(runs[2].point).toEqual({ split: '45k/5k', 'network.init': 'he' });
    for (const run of runs) expect(parseTrainConfig(run.config, 'run')).toEqual(run.config);
  });

  it('a σ axis turns a He base into N(0, σ²) init', () => {
    const runs = expandSweep(parseSweepSpec({ name: 's', base: 'ex3-bn-3layer', axes: [{ path: 'network.init.sigma', values: [0.1, 0.001] }] }, 'test'));
    expect(runs.map((run) => run.config.network.init)).toEqual([{ kind: 'normal', sigma: 0.1 }, { kind: 'normal', sigma: 0.001 }]);
    expect({ ...runs[0].config, network: { ...runs[0].config.network, init: { kind: 'he' } }, name: 'ex3-bn-3layer' }).toEqual(getPreset('ex3-bn-3layer').config);
  });

  it('labels name the swept values briefly; config names carry them', () => {
    const runs = expandSweep(spec({ axes: [
      { path: 'lambda', uniform: { min: 1e-5, max: 0.1, count: 8 } },
      { path: 'network.batchNorm', values: [true] },
      { path: 'network.hidden', values: [[10, 10]] },
    ], repeats: 2 }));
    expect(runs[1].label).toBe('λ=0.0143 BN hidden=[10,10] seed 1/2');
    expect(runs[9].label).toBe('λ=0.0143 BN hidden=[10,10] seed 2/2');
    expect(runs[1].config.name).toBe('s λ=0.0143 BN hidden=[10,10] seed 1/2');
    expect(expandSweep(spec({ axes: [{ path: 'network.batchNorm', values: [false] }] }))[0].label).toBe('no BN');
  });

  it('does not share objects between runs or with the spec', () => {
    const parsed = spec({ axes: [{ path: 'lambda', values: [0, 1] }] });
    const runs = expandSweep(parsed);
    runs[0].config.network.hidden.push(99);
    expect(runs[1].config.network.hidden).toEqual([10]);
    expect(parsed.base.network.hidden).toEqual([10]);
  });
});
