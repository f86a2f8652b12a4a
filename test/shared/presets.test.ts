// The preset catalogue against EXPERIMENTS.md: every row present with its setup and reference
// figures, every preset valid under the schema, epoch counts as the study states them.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { SplitSpec } from '../../src/core/config.ts';
import { parseTrainConfig, trainSizeOf } from '../../src/shared/config-schema.ts';
import { ConfigError } from '../../src/shared/errors.ts';
import { epochsOf, getPreset, isPresetId, presetIds, PRESETS } from '../../src/shared/presets.ts';
import type { PresetId } from '../../src/shared/presets.ts';

const NINE = [50, 30, 20, 20, 10, 10, 10, 10];
const A2: SplitSpec = { kind: 'a2' };
const H45: SplitSpec = { kind: 'holdout', validation: 5000 };
const he = { kind: 'he' } as const;
const normal = (sigma: number) => ({ kind: 'normal', sigma }) as const;

// id, hidden, BN, init, λ, n_s, cycles, split, reference — transcribed from EXPERIMENTS.md.
const TABLE = [
  ['ex2.1-a2', [50], false, he, 0.01, 800, 3, A2, { train: 77.98, val: 44.55, test: 45.38 }],
  ['ex2.2-3layer', [50, 50], false, he, 0.005, 2250, 2, H45, { train: 60.99, val: 53.96, test: 52.57 }],
  ['ex2.3-9layer', NINE, false, he, 0.005, 2250, 2, H45, { train: 43.23, val: 38.06, test: 38.35 }],
  ['ex3-bn-3layer', [50, 50], true, he, 0.005, 2250, 2, H45, { train: 59.32, val: 52.02, test: 52.46 }],
  ['ex3-bn-3layer-best', [50, 50], true, he, 0.0041, 2250, 3, H45, { train: 64.10, val: 54.92, test: 53.68 }],
  ['ex3-bn-9layer-best', NINE, true, he, 0.0041, 2250, 3, H45, { train: 60.86, val: 53.16, test: 52.45 }],
  ['sigma-1e-1-bn', [50, 50], true, normal(1e-1), 0.005, 2250, 2, H45, { test: 53.68 }],
  ['sigma-1e-1-nobn', [50, 50], false, normal(1e-1), 0.005, 2250, 2, H45, { test: 53.52 }],
  ['sigma-1e-3-bn', [50, 50], true, normal(1e-3), 0.005, 2250, 2, H45, { test: 53.42 }],
  ['sigma-1e-3-nobn', [50, 50], false, normal(1e-3), 0.005, 2250, 2, H45, { test: 51.35 }],
  ['sigma-1e-4-bn', [50, 50], true, normal(1e-4), 0.005, 2250, 2, H45, { test: 53.40 }],
  ['sigma-1e-4-nobn', [50, 50], false, normal(1e-4), 0.005, 2250, 2, H45, { test: 10.00 }],
  ['sanity-overfit-100', [50, 50], true, he, 0, 100, 2, { kind: 'a2', trainLimit: 100 }, undefined],
] as const;

describe('PRESETS', () => {
  it('holds every experiment of EXPERIMENTS.md, in its order, under a literal id type', () => {
    expect(presetIds()).toEqual(TABLE.map((row) => row[0]));
    expect(Object.keys(PRESETS)).toEqual(presetIds());
    expectTypeOf<PresetId>().toEqualTypeOf<(typeof TABLE)[number][0]>();
  });

  it.each(TABLE)('%s matches its row', (id, hidden, batchNorm, init, lambda, stepSize, cycles, split, reference) => {
    const preset = getPreset(id);
    expect(preset.id).toBe(id);
    expect(preset.description.length).toBeGreaterThan(10);
    expect(preset.description).not.toContain('\n');
    expect(preset.reference).toEqual(reference);
    expect(preset.config).toEqual({
      name: id,
      network: { hidden, batchNorm, init, bnAlpha: 0.9, bnEpsilon: 1e-8 },
      lambda,
      schedule: { etaMin: 1e-5, etaMax: 1e-1, stepSize, cycles },
      batchSize: 100,
      recordsPerCycle: 10,
      split,
      seed: 12345,
      precision: 'float32',
    });
  });

  it.each(presetIds())('%s passes the schema unchanged', (id) => {
    expect(parseTrainConfig(PRESETS[id].config, `preset ${id}`)).toEqual(PRESETS[id].config);
  });

  it('flags the rows a verified implementation does not reproduce', () => {
    expect(presetIds().filter((id) => getPreset(id).caveat)).toEqual(['ex2.1-a2', 'ex2.3-9layer', 'sigma-1e-3-nobn']);
  });

  it('is frozen, so a caller cannot change a reference experiment for everyone', () => {
    expect(() => { (PRESETS['ex2.1-a2'].config as { lambda: number }).lambda = 1; }).toThrow(TypeError);
    expect(() => { PRESETS['ex2.1-a2'].config.network.hidden.push(1); }).toThrow(TypeError);
    expect(PRESETS['ex2.1-a2'].config.lambda).toBe(0.01);
  });

  it('rejects an unknown id with a ConfigError that lists the valid ones', () => {
    expect(isPresetId('ex2.2-3layer')).toBe(true);
    expect(isPresetId('toString')).toBe(false);
    expect(() => getPreset('toString')).toThrow(ConfigError);
    try {
      getPreset('ex3-bn');
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).code).toBe('bad_config');
      expect((error as ConfigError).message).toBe(`unknown preset "ex3-bn"; valid ids: ${presetIds().join(', ')}`);
    }
  });
});

describe('epochsOf', () => {
  it.each([
    ['ex2.1-a2', 10_000, 48],
    ['ex2.2-3layer', 45_000, 20],
    ['ex2.3-9layer', 45_000, 20],
    ['ex3-bn-3layer', 45_000, 20],
    ['ex3-bn-3layer-best', 45_000, 30],
    ['ex3-bn-9layer-best', 45_000, 30],
    ['sanity-overfit-100', 100, 400],
  ] as const)('%s trains %i images for %i epochs, as EXPERIMENTS.md states', (id, trainSize, epochs) => {
    const { config } = getPreset(id);
    expect(trainSizeOf(config.split)).toBe(trainSize);
    expect(epochsOf(config, trainSize)).toBe(epochs);
  });

  it('gives fractional epochs when updates do not fill whole epochs', () => {
    expect(epochsOf(getPreset('ex2.2-3layer').config, 40_000)).toBe(22.5);
  });
});
