// The run-config schema: defaults, shorthands, every range rule (with the field named in the
// message), strictness, and that its output type is exactly TrainConfig.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { TrainConfig } from '../../src/core/config.ts';
import { parseTrainConfig, trainSizeOf } from '../../src/shared/config-schema.ts';
import type { trainConfigSchema } from '../../src/shared/config-schema.ts';
import { ConfigError } from '../../src/shared/errors.ts';

const minimal = () => ({ network: { hidden: [50, 50] }, lambda: 0.005, schedule: { stepSize: 2250, cycles: 2 } });

function withField(path: (string | number)[], value: unknown): Record<string, unknown> {
  const root: Record<string, unknown> = structuredClone(minimal());
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    node[key] ??= typeof path[path.indexOf(key) + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
  return root;
}

function messageOf(value: unknown): string {
  try {
    parseTrainConfig(value, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('trainConfigSchema', () => {
  it('produces a TrainConfig with the study defaults around the required fields', () => {
    // Type-level half, checked by `npm run typecheck`. toEqualTypeOf mis-handles unions nested
    // in objects, so both directions are checked; the exact-equality guard is in the schema file.
    expectTypeOf<z.output<typeof trainConfigSchema>>().toExtend<TrainConfig>();
    expectTypeOf<TrainConfig>().toExtend<z.output<typeof trainConfigSchema>>();
    expect(parseTrainConfig(minimal(), 'test')).toEqual({
      network: { hidden: [50, 50], batchNorm: false, init: { kind: 'he' }, bnAlpha: 0.9, bnEpsilon: 1e-8 },
      lambda: 0.005,
      schedule: { etaMin: 1e-5, etaMax: 1e-1, stepSize: 2250, cycles: 2 },
      batchSize: 100,
      recordsPerCycle: 10,
      split: { kind: 'holdout', validation: 5000 },
      seed: 12345,
      precision: 'float32',
    } satisfies TrainConfig);
  });

  it('returns fresh objects, so one parsed config cannot change another through a shared default', () => {
    const a = parseTrainConfig(minimal(), 'a');
    const b = parseTrainConfig(minimal(), 'b');
    (a.network.init as { kind: string }).kind = 'changed';
    (a.split as { validation: number }).validation = 1;
    expect(b.network.init).toEqual({ kind: 'he' });
    expect(b.split).toEqual({ kind: 'holdout', validation: 5000 });
  });

  it('accepts boundary values: an empty hidden list, λ 0, α 0, etaMin = etaMax, seed 0 and 2^53 − 1', () => {
    const config = parseTrainConfig({
      network: { hidden: [], bnAlpha: 0 }, lambda: 0, schedule: { stepSize: 1, cycles: 1, etaMin: 0.01, etaMax: 0.01 }, seed: 0,
    }, 'test');
    expect([config.network.hidden, config.lambda, config.network.bnAlpha, config.seed]).toEqual([[], 0, 0, 0]);
    expect(parseTrainConfig(withField(['seed'], Number.MAX_SAFE_INTEGER), 'test').seed).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('shorthands', () => {
  it.each([
    ['a2', { kind: 'a2' }],
    ['45k/5k', { kind: 'holdout', validation: 5000 }],
    ['49k/1k', { kind: 'holdout', validation: 1000 }],
    [{ kind: 'a2', trainLimit: 100 }, { kind: 'a2', trainLimit: 100 }],
    [{ kind: 'holdout', validation: 1000, trainLimit: 2000 }, { kind: 'holdout', validation: 1000, trainLimit: 2000 }],
  ])('split %j', (split, expected) => {
    expect(parseTrainConfig(withField(['split'], split), 'test').split).toEqual(expected);
  });

  it.each([
    ['he', { kind: 'he' }],
    [{ kind: 'he' }, { kind: 'he' }],
    [{ sigma: 0.001 }, { kind: 'normal', sigma: 0.001 }],
    [{ kind: 'normal', sigma: 0.1 }, { kind: 'normal', sigma: 0.1 }],
  ])('init %j', (init, expected) => {
    expect(parseTrainConfig(withField(['network', 'init'], init), 'test').network.init).toEqual(expected);
  });

  it.each(['40k/5k', '45k', 'A2 default', 45000])('rejects the split %j, listing the accepted forms', (split) => {
    expect(messageOf(withField(['split'], split))).toMatch(/^test\.yaml: split: must be "a2", "<train>k\/<val>k" summing to 50k/);
  });

  it('rejects an unknown init or split kind at the kind field', () => {
    expect(messageOf(withField(['network', 'init'], { kind: 'xavier' }))).toBe('test.yaml: network.init.kind: must be "he" or "normal" (got "xavier")');
    expect(messageOf(withField(['network', 'init'], 'xavier'))).toMatch(/^test\.yaml: network\.init: must be "he", \{ sigma: <number> \}/);
    expect(messageOf(withField(['split'], { kind: 'kfold' }))).toBe('test.yaml: split.kind: must be "a2" or "holdout" (got "kfold")');
  });
});

describe('range rules name the field', () => {
  it.each<[(string | number)[], unknown, string]>([
    [['network', 'hidden', 1], 0, 'network.hidden[1]: must be a positive integer (got 0)'],
    [['network', 'hidden', 1], -2, 'network.hidden[1]: must be a positive integer (got -2)'],
    [['network', 'hidden', 0], 1.5, 'network.hidden[0]: must be a positive integer (got 1.5)'],
    [['network', 'hidden', 0], '50', 'network.hidden[0]: must be a positive integer (got "50")'],
    [['network', 'hidden'], 50, 'network.hidden: must be a list of widths'],
    [['network', 'batchNorm'], 'yes', 'network.batchNorm: must be true or false'],
    [['network', 'bnAlpha'], 1, 'network.bnAlpha: must be a number in [0, 1)'],
    [['network', 'bnAlpha'], -0.1, 'network.bnAlpha: must be a number in [0, 1)'],
    [['network', 'bnEpsilon'], 0, 'network.bnEpsilon: must be a number > 0'],
    [['network', 'init'], { sigma: 0 }, 'network.init.sigma: must be a number > 0'],
    [['network', 'init'], { kind: 'normal', sigma: -1 }, 'network.init.sigma: must be a number > 0'],
    [['network', 'init'], { kind: 'normal' }, 'network.init.sigma: is required'],
    [['lambda'], -0.1, 'lambda: must be a number >= 0'],
    [['lambda'], Infinity, 'lambda: must be a number >= 0 (got Infinity)'],
    [['lambda'], Number.NaN, 'lambda: must be a number >= 0 (got NaN)'],
    [['lambda'], '0.1', 'lambda: must be a number >= 0'],
    [['schedule', 'etaMin'], 0, 'schedule.etaMin: must be a number > 0'],
    [['schedule', 'etaMax'], -1, 'schedule.etaMax: must be a number > 0'],
    [['schedule', 'etaMin'], 0.5, 'schedule.etaMin: must be <= etaMax (0.1) (got 0.5)'],
    [['schedule', 'stepSize'], 0, 'schedule.stepSize: must be an integer >= 1'],
    [['schedule', 'stepSize'], 2250.5, 'schedule.stepSize: must be an integer >= 1'],
    [['schedule', 'cycles'], 0, 'schedule.cycles: must be an integer >= 1'],
    [['schedule', 'cycles'], 2.5, 'schedule.cycles: must be an integer >= 1'],
    [['batchSize'], 0, 'batchSize: must be an integer >= 1'],
    [['batchSize'], 99.5, 'batchSize: must be an integer >= 1'],
    [['recordsPerCycle'], 0, 'recordsPerCycle: must be an integer >= 1'],
    [['split'], { kind: 'holdout', validation: 0 }, 'split.validation: must be an integer in [1, 49999]'],
    [['split'], { kind: 'holdout', validation: 2.5 }, 'split.validation: must be an integer in [1, 49999]'],
    [['split'], { kind: 'holdout', validation: 50000 }, 'split.validation: must be an integer in [1, 49999]'],
    [['split'], { kind: 'holdout' }, 'split.validation: is required'],
    [['split'], { kind: 'a2', trainLimit: 0 }, 'split.trainLimit: must be an integer >= 1'],
    [['split'], { kind: 'a2', trainLimit: 10001 }, 'split.trainLimit: must be <= 10000, the training images this split has'],
    [['split'], { kind: 'holdout', validation: 5000, trainLimit: 45001 }, 'split.trainLimit: must be <= 45000'],
    [['seed'], -1, 'seed: must be an integer in [0, 2^53 - 1]'],
    [['seed'], 1.5, 'seed: must be an integer in [0, 2^53 - 1]'],
    [['seed'], 2 ** 53, 'seed: must be an integer in [0, 2^53 - 1]'],
    [['precision'], 'float16', 'precision: must be "float32" or "float64" (got "float16")'],
    [['name'], '', 'name: must be a non-empty string'],
  ])('%j = %j', (path, value, expected) => {
    const message = messageOf(withField(path, value));
    expect(message).toContain(`test.yaml: ${expected}`);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('says which required fields are missing', () => {
    expect(messageOf({}).split('\n')).toEqual(['test.yaml: network: is required', 'test.yaml: lambda: is required', 'test.yaml: schedule: is required']);
    expect(messageOf({ network: {}, lambda: 0, schedule: {} }).split('\n')).toEqual([
      'test.yaml: network.hidden: is required', 'test.yaml: schedule.stepSize: is required', 'test.yaml: schedule.cycles: is required',
    ]);
  });

  it('rejects a value that is not a mapping at all', () => {
    for (const value of [null, 'ex3-bn-3layer', [1, 2]]) {
      expect(messageOf(value)).toMatch(/^test\.yaml: must be an object of settings \(got /);
    }
  });

  it('lists every problem at once and records them in details', () => {
    try {
      parseTrainConfig({ network: { hidden: [50, 0] }, lambda: -1, schedule: { stepSize: 0, cycles: 1 } }, 'run.json');
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).message.split('\n')).toEqual([
        'run.json: network.hidden[1]: must be a positive integer (got 0)',
        'run.json: lambda: must be a number >= 0 (got -1)',
        'run.json: schedule.stepSize: must be an integer >= 1 (got 0)',
      ]);
      expect((error as ConfigError).code).toBe('bad_config');
      expect((error as ConfigError).details).toMatchObject({ origin: 'run.json', issues: [{ path: 'network.hidden[1]' }, { path: 'lambda' }, { path: 'schedule.stepSize' }] });
    }
  });
});

describe('unknown keys', () => {
  it.each<[(string | number)[], string]>([
    [['lamda'], 'lamda: unknown key (allowed here: name, network, lambda, schedule, batchSize, recordsPerCycle, split, seed, precision)'],
    [['network', 'hiden'], 'network.hiden: unknown key (allowed here: hidden, batchNorm, init, bnAlpha, bnEpsilon)'],
    [['schedule', 'eta_max'], 'schedule.eta_max: unknown key (allowed here: etaMin, etaMax, stepSize, cycles)'],
    [['split'], 'split.trainlimit: unknown key (allowed here: kind, validation, trainLimit)'],
    [['network', 'init'], 'network.init.mean: unknown key (allowed here: kind, sigma)'],
  ])('rejects %j', (path, expected) => {
    const value = path[0] === 'split' ? withField(['split'], { kind: 'holdout', validation: 5000, trainlimit: 100 })
      : path[1] === 'init' ? withField(['network', 'init'], { sigma: 0.1, mean: 0 })
        : withField(path, 1);
    expect(messageOf(value)).toBe(`test.yaml: ${expected}`);
  });
});

describe('trainSizeOf', () => {
  it('counts the training images of each split after trainLimit', () => {
    expect(trainSizeOf({ kind: 'a2' })).toBe(10_000);
    expect(trainSizeOf({ kind: 'a2', trainLimit: 100 })).toBe(100);
    expect(trainSizeOf({ kind: 'holdout', validation: 5000 })).toBe(45_000);
    expect(trainSizeOf({ kind: 'holdout', validation: 1000, trainLimit: 2000 })).toBe(2000);
  });
});
