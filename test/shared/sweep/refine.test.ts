// Coarse → fine on fake results: the reference coarse λ table gives the fine region
// [1e-5, 0.02857]; log axes stay log; repeats are averaged; a degenerate range widens to the
// neighbouring grid values; non-numeric axes keep the top values; costs rank low-first.
import { describe, expect, it } from 'vitest';
import { expandSweep, rangeValues } from '../../../src/shared/sweep/expand.ts';
import { refineSweep } from '../../../src/shared/sweep/refine.ts';
import { ConfigError } from '../../../src/shared/errors.ts';
import { getSweepPreset } from '../../../src/shared/sweep-presets.ts';
import { parseSweepSpec } from '../../../src/shared/sweep-schema.ts';

/** EXPERIMENTS.md's coarse λ table: λ as printed, final val (%). */
const COARSE = [[0.00001, 51.76], [0.01429, 51.56], [0.02857, 50.62], [0.04286, 49.62], [0.05714, 48.42], [0.07143, 47.90], [0.08571, 47.50], [0.1, 46.38]];
const truncate5 = (x: number) => Math.floor(x * 1e5 + 1e-9) / 1e5;

describe('refineSweep', () => {
  const coarse = getSweepPreset('lambda-coarse');

  it('the reference coarse results give eight λ in [1e-5, 0.02857], the fine search of EXPERIMENTS.md', () => {
    const fine = refineSweep(coarse, COARSE.map(([lambda, val]) => ({ point: { lambda }, value: val / 100 })));
    expect(fine.axes).toEqual([{ path: 'lambda', uniform: { min: 1e-5, max: 0.02857, count: 8, sample: 'even' } }]);
    expect(fine).toMatchObject({ name: 'lambda-coarse-fine', base: coarse.base, repeats: 1, priority: 0, parent: { name: 'lambda-coarse', metric: 'final.val.accuracy', top: 3 } });
    // The fine grid's second value is the report's best λ, 0.0041.
    expect(expandSweep(fine)[1].config.lambda.toFixed(4)).toBe('0.0041');
  });

  it('gives the same from the coarse sweep\'s own expanded points (the engine\'s path)', () => {
    const runs = expandSweep(coarse);
    const fine = refineSweep(coarse, runs.map((run, i) => ({ point: run.point, value: COARSE[i][1] })));
    const range = (fine.axes[0] as { uniform: { min: number; max: number } }).uniform;
    expect([range.min, truncate5(range.max)]).toEqual([1e-5, 0.02857]);
  });

  it('keeps a log-uniform axis log-uniform, over the span of the top k', () => {
    const parent = getSweepPreset('lambda-coarse-log');
    const lambdas = rangeValues({ min: 1e-5, max: 1e-1, count: 8, sample: 'even' }, 'log');
    const value = (l: number) => -Math.abs(Math.log10(l) + 3); // best near 1e-3
    const fine = refineSweep(parent, lambdas.map((lambda) => ({ point: { lambda }, value: value(lambda) })), { top: 2, count: 5 });
    const sorted = [...lambdas].sort((a, b) => value(b) - value(a));
    expect(fine.axes).toEqual([{ path: 'lambda', logUniform: { min: Math.min(sorted[0], sorted[1]), max: Math.max(sorted[0], sorted[1]), count: 5, sample: 'even' } }]);
  });

  it('averages repeats before taking the top k, so k counts points', () => {
    const parent = parseSweepSpec({ name: 'p', base: 'ex3-bn-3layer', axes: [{ path: 'lambda', uniform: { min: 0, max: 0.4, count: 5 } }], repeats: 2 }, 't');
    // λ = 0.1 has the single best run but the worse mean; 0.2 and 0.3 are the best on average.
    const results = [
      { point: { lambda: 0 }, value: 0.1 }, { point: { lambda: 0 }, value: 0.1 },
      { point: { lambda: 0.1 }, value: 0.9 }, { point: { lambda: 0.1 }, value: 0.1 },
      { point: { lambda: 0.2 }, value: 0.6 }, { point: { lambda: 0.2 }, value: 0.6 },
      { point: { lambda: 0.30000000000000004 }, value: 0.55 }, { point: { lambda: 0.30000000000000004 }, value: 0.55 },
      { point: { lambda: 0.4 }, value: 0.2 }, { point: { lambda: 0.4 }, value: Number.NaN },
    ];
    const fine = refineSweep(parent, results, { top: 2 });
    expect(fine.axes).toEqual([{ path: 'lambda', uniform: { min: 0.2, max: 0.30000000000000004, count: 5, sample: 'even' } }]);
    expect(fine.repeats).toBe(2);
  });

  it('widens a degenerate range to the neighbouring grid values, clamped at the ends', () => {
    const results = expandSweep(coarse).map((run, i) => ({ point: run.point, value: i === 3 ? 99 : COARSE[i][1] }));
    const top1 = refineSweep(coarse, results, { top: 1 });
    // The best λ is the grid's 0.04286…; its neighbours on the grid are 0.02857… and 0.05714….
    const range = (top1.axes[0] as { uniform: { min: number; max: number } }).uniform;
    expect([truncate5(range.min), truncate5(range.max)]).toEqual([0.02857, 0.05714]);
    const atEnd = refineSweep(getSweepPreset('lambda-coarse'), [{ point: { lambda: 1e-5 }, value: 1 }], { top: 1 });
    expect((atEnd.axes[0] as { uniform: { min: number; max: number } }).uniform).toMatchObject({ min: 1e-5, max: expect.closeTo(0.0142943, 6) });
  });

  it('keeps the top values of non-numeric axes, refines numeric lists (integers stay integers) and fixes one-value axes', () => {
    const parent = parseSweepSpec({ name: 'grid', base: 'ex3-bn-3layer', axes: [
      { path: 'network.batchNorm', values: [false, true] },
      { path: 'schedule.stepSize', values: [500, 1000, 2000] },
      { path: 'network.init.sigma', values: [1e-1, 1e-3, 1e-4] },
      { path: 'network.hidden', values: [[50], [50, 50], [100]] },
      { path: 'lambda', values: [0.005] },
    ] }, 't');
    const runs = expandSweep(parent);
    const score = (p: Record<string, unknown>) => (p['network.batchNorm'] ? 1 : 0) + (p['schedule.stepSize'] === 1000 ? 1 : 0) + ((p['network.init.sigma'] as number) > 1e-4 ? 1 : 0) + (JSON.stringify(p['network.hidden']) === '[50]' ? 0 : 0.5);
    const fine = refineSweep(parent, runs.map((run) => ({ point: run.point, value: score(run.point) })), { top: 4, count: 4 });
    expect(fine.axes).toEqual([
      { path: 'network.batchNorm', values: [true] },
      { path: 'schedule.stepSize', values: [500, 1000, 1500, 2000] }, // all top at 1000: its neighbours
      { path: 'network.init.sigma', logUniform: { min: 1e-3, max: 1e-1, count: 4, sample: 'even' } },
      { path: 'network.hidden', values: [[50, 50], [100]] },
      { path: 'lambda', values: [0.005] },
    ]);
    // The 36 points with n_s 500 or 1000 on top: integers spread over [500, 1000].
    const spread = refineSweep(parent, runs.map((run) => ({ point: run.point, value: run.point['schedule.stepSize'] === 2000 ? 0 : 1 })), { top: 36, count: 4 });
    expect(spread.axes[1]).toEqual({ path: 'schedule.stepSize', values: [500, 667, 833, 1000] });
    expect(spread.axes[0]).toEqual({ path: 'network.batchNorm', values: [false, true] });
  });

  it('keeps zip tuples of the top points and random sampling with its seed', () => {
    const parent = parseSweepSpec({ name: 'z', base: 'ex3-bn-3layer', axes: [
      { path: 'lambda', uniform: { min: 0, max: 0.1, count: 4, sample: 'random', seed: 5 } },
      { zip: [{ path: 'schedule.stepSize', values: [900, 2250, 4500] }, { path: 'schedule.cycles', values: [5, 2, 1] }] },
    ] }, 't');
    const runs = expandSweep(parent);
    const fine = refineSweep(parent, runs.map((run) => ({ point: run.point, value: run.point['schedule.cycles'] === 1 ? 0 : (run.point.lambda as number) })), { top: 2 });
    // Both top points have the largest drawn λ: the range widens to the draw below it.
    const drawn = rangeValues({ min: 0, max: 0.1, count: 4, sample: 'random', seed: 5 }, 'linear');
    expect(fine.axes).toEqual([
      { path: 'lambda', uniform: { min: drawn[2], max: drawn[3], count: 4, sample: 'random', seed: 5 } },
      { zip: [{ path: 'schedule.stepSize', values: [900, 2250] }, { path: 'schedule.cycles', values: [5, 2] }] },
    ]);
  });

  it('ranks costs low-first, and names refinements of refinements', () => {
    const results = COARSE.map(([lambda, val]) => ({ point: { lambda }, value: val }));
    const byCost = refineSweep(coarse, results, { metric: 'final.val.cost' });
    expect(byCost.axes[0]).toMatchObject({ uniform: { min: 0.07143, max: 0.1 } });
    expect(byCost.parent).toEqual({ name: 'lambda-coarse', metric: 'final.val.cost', top: 3 });
    const again = refineSweep(refineSweep(coarse, results), results);
    expect(again.name).toBe('lambda-coarse-fine-2');
    expect(refineSweep(again, results).name).toBe('lambda-coarse-fine-3');
  });

  it('refuses no usable results, a bad top or count, and results from another sweep', () => {
    expect(() => refineSweep(coarse, [{ point: { lambda: 0.1 }, value: Number.NaN }])).toThrow(ConfigError);
    expect(() => refineSweep(coarse, [])).toThrow('sweep lambda-coarse has no finished run with a value for final.val.accuracy to refine around');
    expect(() => refineSweep(coarse, [{ point: { lambda: 0.1 }, value: 1 }], { top: 0 })).toThrow('top must be an integer >= 1 (got 0)');
    expect(() => refineSweep(coarse, [{ point: { lambda: 0.1 }, value: 1 }], { count: 0 })).toThrow('count must be an integer >= 1 (got 0)');
    expect(() => refineSweep(coarse, [{ point: { seed: 1 }, value: 1 }])).toThrow('the results have no value for axis lambda');
  });
});
