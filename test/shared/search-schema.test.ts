// Search sweep files and the `scheduler` key: defaults, round trips of the stored form, and
// every bad input named by field (unknown scheduler or search key or kind, a metric that is
// never recorded, real numbers listed where TPE needs a range, a range or config problem).
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/shared/errors.ts';
import { isSearchSweep, parseAnySweepSpec } from '../../src/shared/search-schema.ts';

const base = { network: { hidden: [10] }, lambda: 0, schedule: { stepSize: 5, cycles: 1 } };
const search = { kind: 'tpe', trials: 24, startup: 8, seed: 1 };
const axes = [
  { path: 'lambda', logUniform: { min: 1e-5, max: 1e-1 } },
  { path: 'schedule.etaMax', logUniform: { min: 1e-2, max: 3e-1 } },
  { path: 'schedule.stepSize', values: [450, 900, 2250] },
];

function messagesOf(value: unknown): string[] {
  try {
    parseAnySweepSpec(value, 'search.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message.split('\n');
  }
  throw new Error('expected a ConfigError');
}

describe('search sweeps', () => {
  it('parse with their defaults, and the stored form parses to the same spec', () => {
    const spec = parseAnySweepSpec({ name: 's', base, search: { kind: 'tpe', trials: 6 }, axes }, 'search.yaml');
    expect(isSearchSweep(spec)).toBe(true);
    expect(spec).toMatchObject({ search: { kind: 'tpe', trials: 6, startup: 6, seed: 0, metric: 'final.val.accuracy' }, priority: 0 });
    expect(parseAnySweepSpec(JSON.parse(JSON.stringify(spec)), 'stored')).toEqual(spec);
  });

  it('take an integer range, on a log scale too', () => {
    const spec = parseAnySweepSpec({ name: 's', base, search, axes: [{ path: 'schedule.stepSize', integer: { min: 100, max: 1000, log: true } }] }, 'x');
    expect(spec.axes).toEqual([{ path: 'schedule.stepSize', integer: { min: 100, max: 1000, log: true } }]);
  });

  it('refuse real numbers listed as values, naming the axis', () => {
    expect(messagesOf({ name: 's', base, search, axes: [{ path: 'lambda', values: [1e-5, 1e-3, 0.1] }] })).toEqual([
      'search.yaml: axes[0].values: lists real numbers, but search: tpe takes a list of values as categories; give the field a range instead: uniform: { min, max } or logUniform: { min, max }',
    ]);
  });

  it('refuse an unknown search key or kind, and startup above trials', () => {
    expect(messagesOf({ name: 's', base, search: { ...search, trails: 3 }, axes })).toEqual([
      'search.yaml: search.trails: unknown key (allowed here: kind, trials, startup, seed, metric)',
    ]);
    expect(messagesOf({ name: 's', base, search: { kind: 'random', trials: 3 }, axes })).toEqual([
      'search.yaml: search.kind: must be "tpe" (the only search) (got "random")',
    ]);
    expect(messagesOf({ name: 's', base, search: { kind: 'tpe', trials: 3, startup: 5 }, axes })).toEqual([
      'search.yaml: search.startup: must be <= trials (3) (got 5)',
    ]);
  });

  it('refuse grid-only forms: a count, a zip, repeats', () => {
    expect(messagesOf({ name: 's', base, search, axes: [{ path: 'lambda', uniform: { min: 0, max: 1, count: 4 } }] })).toEqual([
      'search.yaml: axes[0].uniform.count: unknown key (allowed here: min, max)',
    ]);
    expect(messagesOf({ name: 's', base, search, axes: [{ zip: [] }] })[0]).toMatch(/^search\.yaml: axes\[0\]: must be an object with path and one of uniform, logUniform, integer or values/);
    expect(messagesOf({ name: 's', base, search, axes, repeats: 2 })[0]).toMatch(/^search\.yaml: repeats: unknown key/);
  });

  it('check each range and each category against the run config', () => {
    expect(messagesOf({ name: 's', base, search, axes: [
      { path: 'lambda', uniform: { min: -1, max: 1 } },
      { path: 'schedule.etaMax', logUniform: { min: 0, max: 1 } },
      { path: 'network.batchNorm', values: [true, 'maybe'] },
      { path: 'lamda', uniform: { min: 0, max: 1 } },
    ] })).toEqual([
      'search.yaml: axes[1].logUniform.min: must be > 0 on a log scale (got 0)',
    ]);
    const problems = messagesOf({ name: 's', base, search, axes: [
      { path: 'lambda', uniform: { min: -1, max: 1 } },
      { path: 'network.batchNorm', values: [true, 'maybe'] },
      { path: 'lamda', uniform: { min: 0, max: 1 } },
    ] });
    expect(problems[0]).toMatch(/^search\.yaml: axes\[0\]\.uniform: gives lambda = -1, which must be a number >= 0/);
    expect(problems[1]).toMatch(/^search\.yaml: axes\[1\]\.values\[1\]: /);
    expect(problems[2]).toMatch(/^search\.yaml: axes\[2\]\.path: "lamda" is not a run-config field/);
  });
});

describe('scheduler', () => {
  const grid = { name: 'g', base, axes: [{ path: 'lambda', values: [0, 0.1] }] };

  it('parses on a grid sweep with its defaults', () => {
    const spec = parseAnySweepSpec({ ...grid, scheduler: { kind: 'asha', minSteps: 450 } }, 'x');
    expect(spec.scheduler).toEqual({ kind: 'asha', metric: 'val.accuracy', minSteps: 450, reduction: 3 });
  });

  it('refuses an unknown key or kind and a metric that is never recorded', () => {
    expect(messagesOf({ ...grid, scheduler: { kind: 'asha', minSteps: 450, patience: 3 } })).toEqual([
      'search.yaml: scheduler.patience: unknown key (allowed here: kind, metric, minSteps, reduction)',
    ]);
    expect(messagesOf({ ...grid, scheduler: { kind: 'hyperband', minSteps: 450 } })).toEqual([
      'search.yaml: scheduler.kind: must be "asha" (the only scheduler) (got "hyperband")',
    ]);
    expect(messagesOf({ ...grid, scheduler: { kind: 'asha', minSteps: 450, metric: 'test.accuracy' } })).toEqual([
      'search.yaml: scheduler.metric: "test.accuracy" is never recorded; recorded metrics: val.accuracy, val.cost, val.loss, train.accuracy, train.cost, train.loss',
    ]);
    expect(messagesOf({ name: 's', base, search, axes, scheduler: { kind: 'asha', minSteps: 0, reduction: 1 } })).toEqual([
      'search.yaml: scheduler.minSteps: must be an integer >= 1 (got 0)',
      'search.yaml: scheduler.reduction: must be an integer in [2, 1000] (got 1)',
    ]);
  });
});
