// The sweep presets: they parse, expand to the studies of EXPERIMENTS.md, and unknown ids are
// refused with the valid ones listed. The smoke sweep is checked for size, not trained here.
import { describe, expect, it } from 'vitest';
import { expandSweep } from '../../src/shared/sweep/expand.ts';
import { ConfigError } from '../../src/shared/errors.ts';
import { getPreset } from '../../src/shared/presets.ts';
import { getSweepPreset, sweepPresetIds, sweepPresetList } from '../../src/shared/sweep-presets.ts';

describe('sweep presets', () => {
  it('all parse and expand, with a description each', () => {
    expect(sweepPresetIds()).toEqual(['lambda-coarse', 'lambda-coarse-log', 'sigma-sensitivity', 'smoke']);
    for (const { id, description } of sweepPresetList()) {
      expect(description.length).toBeGreaterThan(10);
      expect(getSweepPreset(id).name).toBe(id);
    }
  });

  it('lambda-coarse: 8 λ on the 3-layer BN study setup, evenly spaced as in the reference table', () => {
    const runs = expandSweep(getSweepPreset('lambda-coarse'));
    const { lambda: _lambda, name: _name, ...setup } = getPreset('ex3-bn-3layer').config;
    expect(runs).toHaveLength(8);
    for (const run of runs) expect(run.config).toMatchObject(setup);
    expect(runs.map((run) => run.config.lambda)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => (i === 7 ? 0.1 : expect.closeTo(1e-5 + (i * (0.1 - 1e-5)) / 7, 15))));
    expect(runs.map((run) => run.seed)).toEqual(Array(8).fill(12345));
  });

  it('lambda-coarse-log: the same 8 runs with λ spread over four decades', () => {
    const lambdas = expandSweep(getSweepPreset('lambda-coarse-log')).map((run) => run.config.lambda);
    expect(lambdas[0]).toBe(1e-5);
    expect(lambdas[7]).toBe(1e-1);
    expect(lambdas[1] / lambdas[0]).toBeCloseTo(10 ** (4 / 7), 12);
  });

  it('sigma-sensitivity: σ ∈ {1e-1, 1e-3, 1e-4} × BN off/on × 5 seeds, matching the σ run presets', () => {
    const runs = expandSweep(getSweepPreset('sigma-sensitivity'));
    expect(runs).toHaveLength(30);
    expect(new Set(runs.map((run) => run.seed)).size).toBe(5);
    for (const run of runs.filter((r) => r.repeat === 0)) {
      const id = `sigma-${run.point['network.init.sigma'] === 0.1 ? '1e-1' : run.point['network.init.sigma'] === 0.001 ? '1e-3' : '1e-4'}-${run.config.network.batchNorm ? 'bn' : 'nobn'}`;
      expect({ ...run.config, name: id }).toEqual(getPreset(id).config);
    }
  });

  it('smoke: 4 tiny runs on 100 a2 training images', () => {
    const runs = expandSweep(getSweepPreset('smoke'));
    expect(runs.map((run) => run.config.lambda)).toEqual([0, 1e-3, 1e-2, 1e-1]);
    expect(runs[0].config).toMatchObject({ network: { hidden: [10] }, batchSize: 20, split: { kind: 'a2', trainLimit: 100 }, schedule: { stepSize: 5, cycles: 1 } });
  });

  it('carry the reference tables of EXPERIMENTS.md, row for row with their runs', () => {
    const list = Object.fromEntries(sweepPresetList().map((info) => [info.id, info.reference]));
    expect([list['lambda-coarse-log'], list.smoke]).toEqual([undefined, undefined]);
    const lambda = list['lambda-coarse'];
    if (lambda?.kind !== 'lambda') throw new Error('lambda-coarse needs a λ reference table');
    const truncate5 = (x: number) => Math.floor(x * 1e5 + 1e-9) / 1e5;
    expect(lambda.rows.map((row) => row.lambda)).toEqual(expandSweep(getSweepPreset('lambda-coarse')).map((run) => truncate5(run.config.lambda)));
    expect(lambda.rows[0]).toEqual({ lambda: 0.00001, finalVal: 51.76, top5Val: 51.72, finalTrain: 62.16 });
    const sigma = list['sigma-sensitivity'];
    expect(sigma?.kind === 'sigma-bn' && sigma.rows.map((row) => [row.sigma, row.noBn, row.bn])).toEqual([[0.1, 53.52, 53.68], [0.001, 51.35, 53.42], [0.0001, 10, 53.4]]);
    // Each σ row is the test figure of the matching run preset.
    for (const row of sigma?.kind === 'sigma-bn' ? sigma.rows : []) {
      const tag = row.sigma === 0.1 ? '1e-1' : row.sigma === 0.001 ? '1e-3' : '1e-4';
      expect([getPreset(`sigma-${tag}-nobn`).reference?.test, getPreset(`sigma-${tag}-bn`).reference?.test]).toEqual([row.noBn, row.bn]);
    }
  });

  it('returns a fresh spec each time', () => {
    getSweepPreset('smoke').base.network.hidden.push(3);
    expect(getSweepPreset('smoke').base.network.hidden).toEqual([10]);
  });

  it('refuses an unknown id, listing the valid ones', () => {
    expect(() => getSweepPreset('lambda')).toThrow(ConfigError);
    expect(() => getSweepPreset('lambda')).toThrow('unknown sweep preset "lambda"; valid ids: lambda-coarse, lambda-coarse-log, sigma-sensitivity, smoke');
  });
});
