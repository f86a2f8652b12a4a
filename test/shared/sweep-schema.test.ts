// Sweep files: the schema's defaults and forms, base on a preset, and rejection of bad files
// with the file and the field named (unknown path, bad values, count 0, min > max, log-uniform
// with min <= 0, …); loading YAML/JSON from disk; the shipped example sweep files.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSweepFile } from '../../src/cli/sweep-file.ts';
import { expandSweep } from '../../src/shared/sweep/expand.ts';
import { ConfigError } from '../../src/shared/errors.ts';
import { getPreset } from '../../src/shared/presets.ts';
import { getSweepPreset } from '../../src/shared/sweep-presets.ts';
import { parseSweepSpec } from '../../src/shared/sweep-schema.ts';

const base = { network: { hidden: [10] }, lambda: 0, schedule: { stepSize: 5, cycles: 1 } };
const lambdaAxis = { path: 'lambda', values: [0, 0.1] };

function messagesOf(value: unknown, origin = 'sweep.yaml'): string[] {
  try {
    parseSweepSpec(value, origin);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).details).toMatchObject({ origin });
    return (error as Error).message.split('\n');
  }
  throw new Error('expected a ConfigError');
}

const axesError = (axes: unknown[]) => messagesOf({ name: 's', base, axes });

describe('parseSweepSpec', () => {
  it('fills the defaults: repeats 1, priority 0, base with the run-config defaults', () => {
    const spec = parseSweepSpec({ name: 's', base, axes: [lambdaAxis] }, 'test');
    expect(spec).toEqual({
      name: 's',
      base: { ...base, network: { hidden: [10], batchNorm: false, init: { kind: 'he' }, bnAlpha: 0.9, bnEpsilon: 1e-8 },
        schedule: { ...base.schedule, etaMin: 1e-5, etaMax: 0.1 }, batchSize: 100, recordsPerCycle: 10,
        split: { kind: 'holdout', validation: 5000 }, seed: 12345, precision: 'float32' },
      axes: [lambdaAxis],
      repeats: 1,
      priority: 0,
    });
    expect(parseSweepSpec({ name: 's', base }, 'test').axes).toEqual([]);
  });

  it('gives ranges their sampling default', () => {
    const spec = parseSweepSpec({ name: 's', base, axes: [{ path: 'lambda', uniform: { min: 0, max: 1, count: 3 } }] }, 'test');
    expect(spec.axes[0]).toEqual({ path: 'lambda', uniform: { min: 0, max: 1, count: 3, sample: 'even' } });
  });

  it('builds the base on a preset: network and schedule merge key by key, other fields replace', () => {
    const preset = getPreset('ex3-bn-3layer').config;
    const spec = parseSweepSpec({ name: 's', base: { preset: 'ex3-bn-3layer', lambda: 0.01, network: { batchNorm: false }, schedule: { cycles: 3 }, split: 'a2' } }, 'test');
    expect(spec.base).toEqual({ ...preset, lambda: 0.01, network: { ...preset.network, batchNorm: false }, schedule: { ...preset.schedule, cycles: 3 }, split: { kind: 'a2' } });
    expect(parseSweepSpec({ name: 's', base: 'ex3-bn-3layer' }, 'test').base).toEqual(preset);
  });

  it('round-trips: a parsed spec (as JSON, as the engine stores it) parses to itself', () => {
    const spec = getSweepPreset('sigma-sensitivity');
    expect(parseSweepSpec(JSON.parse(JSON.stringify(spec)), 'stored')).toEqual(spec);
  });

  it('rejects an unknown preset, listing the valid ids', () => {
    expect(messagesOf({ name: 's', base: { preset: 'ex3-bn' } })[0]).toMatch(/^sweep\.yaml: base\.preset: unknown preset "ex3-bn"; valid ids: ex2\.1-a2, /);
  });

  it('reports a bad base config with its field path under base', () => {
    expect(messagesOf({ name: 's', base: { ...base, lambda: -1, network: { hidden: [10], batchnorm: true } } })).toEqual([
      'sweep.yaml: base.network.batchnorm: unknown key (allowed here: hidden, batchNorm, init, bnAlpha, bnEpsilon)',
      'sweep.yaml: base.lambda: must be a number >= 0 (got -1)',
    ]);
    expect(messagesOf({ name: 's', base: { preset: 'ex3-bn-3layer', schedule: { stepSize: 0 } } })).toEqual([
      'sweep.yaml: base.schedule.stepSize: must be an integer >= 1 (got 0)',
    ]);
  });

  it('rejects missing and unknown top-level fields', () => {
    expect(messagesOf({ axes: [], repeat: 2 })).toEqual([
      'sweep.yaml: name: is required',
      'sweep.yaml: base: must be an object of settings (got undefined)',
      'sweep.yaml: repeat: unknown key (allowed here: name, description, base, axes, repeats, priority, parent, scheduler)',
    ].map((line) => (line.includes('base:') ? expect.stringMatching(/^sweep\.yaml: base: /) : line)));
    expect(messagesOf({ name: 's', base, repeats: 0, priority: 1.5 })).toEqual([
      'sweep.yaml: repeats: must be an integer in [1, 10000] (got 0)',
      'sweep.yaml: priority: must be an integer (got 1.5)',
    ]);
    expect(messagesOf(null)).toEqual(['sweep.yaml: must be an object with name, base and axes (got null)']);
  });

  it('names an unknown path, whole or in part', () => {
    expect(axesError([{ path: 'lamda', values: [0.1] }])).toEqual([
      'sweep.yaml: axes[0].path: "lamda" is not a run-config field (allowed here: name, network, lambda, schedule, batchSize, recordsPerCycle, split, seed, precision)',
    ]);
    expect(axesError([lambdaAxis, { path: 'network.hiden', values: [[5]] }])).toEqual([
      'sweep.yaml: axes[1].path: "network.hiden" is not a run-config field (allowed here: hidden, batchNorm, init, bnAlpha, bnEpsilon)',
    ]);
    expect(axesError([{ path: 'nework.hidden', values: [[5]] }])[0]).toMatch(/^sweep\.yaml: axes\[0\]\.path: "nework" is not a run-config field/);
    expect(axesError([{ path: 'lambda.min', values: [1] }])).toEqual(['sweep.yaml: axes[0].path: lambda is a value, not a section with fields (got lambda.min)']);
    expect(axesError([{ path: 'network..hidden', values: [1] }])).toEqual([
      'sweep.yaml: axes[0].path: must be a dotted field path, e.g. lambda or network.init.sigma (got "network..hidden")',
    ]);
  });

  it('names each bad value by its index, and the field inside a structured value', () => {
    expect(axesError([{ path: 'lambda', values: [0.1, -1, 'x'] }])).toEqual([
      'sweep.yaml: axes[0].values[1]: must be a number >= 0 (got -1)',
      'sweep.yaml: axes[0].values[2]: must be a number >= 0 (got "x")',
    ]);
    expect(axesError([{ path: 'network.hidden', values: [[5], [5, 0]] }])).toEqual(['sweep.yaml: axes[0].values[1][1]: must be a positive integer (got 0)']);
    expect(axesError([{ path: 'split', values: [{ kind: 'a2', trainLimit: 20000 }] }])).toEqual([
      'sweep.yaml: axes[0].values[0].trainLimit: must be <= 10000, the training images this split has (got 20000)',
    ]);
    expect(axesError([{ path: 'network.init.sigma', values: [0.1, 0] }])).toEqual(['sweep.yaml: axes[0].values[1]: must be a number > 0 (got 0)']);
    expect(axesError([{ path: 'lambda', values: [] }])).toEqual(['sweep.yaml: axes[0].values: must list at least one value (got [])']);
  });

  it('reports a bad value once, however many points contain it', () => {
    expect(axesError([{ path: 'network.batchNorm', values: [true, 'yes'] }, { path: 'lambda', uniform: { min: 0, max: 1, count: 50 } }])).toEqual([
      'sweep.yaml: axes[0].values[1]: must be true or false (got "yes")',
    ]);
  });

  it('rejects bad ranges: count 0, min > max, log-uniform with min <= 0, a missing or stray seed', () => {
    expect(axesError([{ path: 'lambda', uniform: { min: 0, max: 1, count: 0 } }])).toEqual(['sweep.yaml: axes[0].uniform.count: must be an integer in [1, 10000] (got 0)']);
    expect(axesError([{ path: 'lambda', uniform: { min: 0.5, max: 0.1, count: 3 } }])).toEqual(['sweep.yaml: axes[0].uniform.min: must be <= max (0.1) (got 0.5)']);
    expect(axesError([{ path: 'lambda', logUniform: { min: 0, max: 0.1, count: 3 } }])).toEqual(['sweep.yaml: axes[0].logUniform.min: must be a number > 0 (log-uniform) (got 0)']);
    expect(axesError([{ path: 'lambda', logUniform: { min: -1, max: -0.1, count: 3 } }])).toEqual([
      'sweep.yaml: axes[0].logUniform.min: must be a number > 0 (log-uniform) (got -1)',
      'sweep.yaml: axes[0].logUniform.max: must be a number > 0 (log-uniform) (got -0.1)',
    ]);
    expect(axesError([{ path: 'lambda', uniform: { min: 0, max: 1, count: 2, sample: 'random' } }])).toEqual(['sweep.yaml: axes[0].uniform.seed: is required with sample: random']);
    expect(axesError([{ path: 'lambda', uniform: { min: 0, max: 1, count: 2, seed: 3 } }])).toEqual(['sweep.yaml: axes[0].uniform.seed: is only used with sample: random']);
    expect(axesError([{ path: 'lambda', uniform: { min: 0, max: 1, count: 2, step: 0.1 } }])).toEqual([
      'sweep.yaml: axes[0].uniform.step: unknown key (allowed here: min, max, count, sample, seed)',
    ]);
  });

  it('names a generated value that the field refuses', () => {
    expect(axesError([{ path: 'lambda', uniform: { min: -0.1, max: 0.1, count: 3 } }])).toEqual([
      'sweep.yaml: axes[0].uniform: gives lambda = -0.1, which must be a number >= 0 (got -0.1)',
    ]);
    expect(axesError([{ path: 'schedule.stepSize', uniform: { min: 1, max: 2, count: 3 } }])).toEqual([
      'sweep.yaml: axes[0].uniform: gives schedule.stepSize = 1.5, which must be an integer >= 1 (got 1.5)',
    ]);
  });

  it('rejects an axis of no known form, overlapping axes, and zip members of different lengths', () => {
    expect(axesError([{ path: 'lambda' }, 3])).toEqual([
      'sweep.yaml: axes[0]: must be an object with path and one of values, uniform or logUniform, or { zip: [axes] } (got {"path":"lambda"})',
      'sweep.yaml: axes[1]: must be an object with path and one of values, uniform or logUniform, or { zip: [axes] } (got 3)',
    ]);
    expect(axesError([lambdaAxis, { path: 'lambda', values: [1] }])).toEqual(['sweep.yaml: axes[1].path: lambda is also set by axes[0] (lambda)']);
    expect(axesError([{ path: 'network', values: [{ hidden: [5] }] }, { zip: [{ path: 'network.hidden', values: [[1]] }] }])).toEqual([
      'sweep.yaml: axes[1].zip[0].path: network.hidden is also set by axes[0] (network)',
    ]);
    expect(axesError([{ zip: [lambdaAxis, { path: 'seed', values: [1, 2, 3] }] }])).toEqual(['sweep.yaml: axes[0].zip: members must have the same number of values (got 2, 3)']);
  });

  it('names a combination that no single axis owns', () => {
    expect(axesError([{ path: 'schedule.etaMax', values: [0.1, 1e-6] }])).toEqual([
      'sweep.yaml: axes: the point { schedule.etaMax = 0.000001 } gives an invalid config: schedule.etaMin: must be <= etaMax (0.000001) (got 0.00001)',
    ]);
  });

  it('refuses a sweep of more than 10,000 runs before expanding it', () => {
    expect(messagesOf({ name: 's', base, axes: [{ path: 'lambda', uniform: { min: 0, max: 1, count: 10000 } }], repeats: 2 })).toEqual([
      'sweep.yaml: axes: expands to 20000 runs (points × repeats); at most 10000',
    ]);
  });
});

describe('loadSweepFile', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'sweeplab-sweep-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });
  const write = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };
  const failure = async (path: string) => {
    const error = await loadSweepFile(path).then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  };

  it('reads YAML with 1e-5 numbers and names the file in errors', async () => {
    const path = await write('s.yaml', 'name: s\nbase: ex3-bn-3layer\naxes:\n  - path: lambda\n    logUniform: { min: 1e-5, max: 1e-1, count: 3 }\n');
    expect(expandSweep(await loadSweepFile(path)).map((run) => run.config.lambda)).toEqual([1e-5, expect.closeTo(1e-3, 15), 1e-1]);
    const bad = await write('bad.yaml', 'name: s\nbase: ex3-bn-3layer\naxes:\n  - { path: lamda, values: [1] }\n');
    expect(await failure(bad)).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: axes\\[0\\]\\.path: "lamda" is not a run-config field`));
  });

  it('reads JSON, and reports syntax and read errors as the config loader does', async () => {
    const path = await write('s.json', JSON.stringify({ name: 's', base: 'ex3-bn-3layer' }));
    expect((await loadSweepFile(path)).base).toEqual(getPreset('ex3-bn-3layer').config);
    expect(await failure(await write('syntax.yaml', 'name: s\naxes: [\n'))).toMatch(/syntax\.yaml:\d+:\d+: YAML syntax error: /);
    expect(await failure(join(dir, 'missing.yaml'))).toMatch(/missing\.yaml: cannot read the sweep file \(ENOENT\)$/);
  });
});

describe('shipped example sweep files', () => {
  const examples = new URL('../../resources/examples/', import.meta.url);

  it('all load, and the preset-named ones equal their presets', async () => {
    const names = (await readdir(examples)).filter((name) => name.includes('.sweep.'));
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const name of names) expect(expandSweep(await loadSweepFile(new URL(name, examples).pathname)).length).toBeGreaterThan(0);
    expect(await loadSweepFile(new URL('lambda-coarse.sweep.yaml', examples).pathname)).toEqual(getSweepPreset('lambda-coarse'));
    expect(await loadSweepFile(new URL('sigma-sensitivity.sweep.json', examples).pathname)).toEqual(getSweepPreset('sigma-sensitivity'));
  });

  it('lambda-schedule keeps the number of updates fixed across its zip', async () => {
    const runs = expandSweep(await loadSweepFile(new URL('lambda-schedule.sweep.yaml', examples).pathname));
    expect(runs).toHaveLength(6 * 2 * 2);
    expect(new Set(runs.map((run) => 2 * run.config.schedule.stepSize * run.config.schedule.cycles))).toEqual(new Set([9000]));
  });
});
