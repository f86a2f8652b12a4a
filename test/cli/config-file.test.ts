// Config files on disk (YAML, JSON, syntax errors with line:column), the shipped examples, and
// command-line overrides. Files go to a fresh temp dir per run.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOverrides, loadConfigFile, parseConfig } from '../../src/cli/config-file.ts';
import { ConfigError } from '../../src/shared/errors.ts';
import { getPreset } from '../../src/shared/presets.ts';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'sweeplab-config-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function write(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function failureOf(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

const YAML_RUN = `# a comment
network:
  hidden: [50, 50]
  batchNorm: true
  init: { sigma: 1e-3 }
lambda: 0.005
schedule: { stepSize: 2250, cycles: 2, etaMin: 1e-5 }
split: 45k/5k
`;

describe('loadConfigFile', () => {
  it.each(['run.yaml', 'run.yml', 'run.conf', 'RUN.YAML'])('reads YAML from %s, shorthands and 1e-5 numbers included', async (name) => {
    const config = await loadConfigFile(await write(name, YAML_RUN));
    expect(config).toEqual({ ...getPreset('sigma-1e-3-bn').config, name: undefined });
  });

  it('reads JSON', async () => {
    const path = await write('run.json', JSON.stringify({ network: { hidden: [] }, lambda: 0, schedule: { stepSize: 1, cycles: 1 }, split: 'a2' }));
    const config = await loadConfigFile(path);
    expect([config.network.hidden, config.split, config.seed]).toEqual([[], { kind: 'a2' }, 12345]);
  });

  it('names the file and every bad field', async () => {
    const path = await write('bad.yaml', 'network:\n  hidden: [50, 0]\nlamda: 0.1\nschedule: { stepSize: 10, cycles: 1 }\n');
    expect((await failureOf(loadConfigFile(path))).message.split('\n')).toEqual([
      `${path}: network.hidden[1]: must be a positive integer (got 0)`,
      `${path}: lambda: is required`,
      `${path}: lamda: unknown key (allowed here: name, network, lambda, schedule, batchSize, recordsPerCycle, split, seed, precision)`,
    ]);
  });

  it('reports YAML syntax errors with line and column', async () => {
    const path = await write('syntax.yaml', 'network:\n  hidden: [50, 50\nlambda: 0.1\n');
    expect((await failureOf(loadConfigFile(path))).message).toMatch(new RegExp(`^${escape(path)}:3:1: YAML syntax error: Flow sequence`));
  });

  it('rejects a duplicated key instead of keeping the last one', async () => {
    const path = await write('dup.yaml', 'lambda: 0.1\nlambda: 0.2\n');
    expect((await failureOf(loadConfigFile(path))).message).toBe(`${path}:2:1: YAML syntax error: Map keys must be unique`);
  });

  it('reports JSON syntax errors with line and column', async () => {
    const path = await write('syntax.json', '{\n  "lambda": 0.1,\n}\n');
    expect((await failureOf(loadConfigFile(path))).message).toMatch(new RegExp(`^${escape(path)}:3:1: JSON syntax error: `));
  });

  it('reports an empty file as a config that is not a mapping', async () => {
    const path = await write('empty.yaml', '');
    expect((await failureOf(loadConfigFile(path))).message).toBe(`${path}: must be an object of settings (got null)`);
  });

  it('reports a missing file as bad_config naming the path', async () => {
    const path = join(dir, 'missing.yaml');
    const error = await failureOf(loadConfigFile(path));
    expect([error.code, error.message]).toEqual(['bad_config', `${path}: cannot read the config file (ENOENT)`]);
  });
});

describe('shipped examples', () => {
  const examples = new URL('../../resources/examples/', import.meta.url);

  it('include one YAML and one JSON file, and both load', async () => {
    const names = (await readdir(examples)).filter((name) => !/\.(sweep|search)\./.test(name)).sort(); // *.sweep.*, *.search.*: sweep files
    expect(names.map((name) => name.split('.').pop())).toEqual(expect.arrayContaining(['json', 'yaml']));
    for (const name of names) await expect(loadConfigFile(new URL(name, examples).pathname)).resolves.toBeTypeOf('object');
  });

  it('spell out the presets they are named after', async () => {
    expect(await loadConfigFile(new URL('ex3-bn-3layer-best.yaml', examples).pathname)).toEqual(getPreset('ex3-bn-3layer-best').config);
    expect(await loadConfigFile(new URL('sigma-1e-3-nobn.json', examples).pathname)).toEqual(getPreset('sigma-1e-3-nobn').config);
  });
});

describe('parseConfig', () => {
  it('prefixes messages with the given origin', () => {
    expect(() => parseConfig({ network: { hidden: [1] }, lambda: 0 }, 'payload')).toThrow('payload: schedule: is required');
  });
});

describe('applyOverrides', () => {
  const preset = getPreset('ex3-bn-3layer-best').config;

  it('replaces only the given fields and leaves the (frozen) input alone', () => {
    const config = applyOverrides(preset, { seed: 7, cycles: 1, trainLimit: 1000, precision: 'float64', lambda: undefined });
    expect(config).toEqual({
      ...preset,
      seed: 7,
      precision: 'float64',
      schedule: { ...preset.schedule, cycles: 1 },
      split: { ...preset.split, trainLimit: 1000 },
    });
    expect(preset.seed).toBe(12345);
    expect(Object.isFrozen(config.network)).toBe(false);
  });

  it('returns an equal config when nothing is overridden', () => {
    expect(applyOverrides(preset, {})).toEqual(preset);
  });

  it('validates the result, naming the overridden field', () => {
    expect(() => applyOverrides(preset, { seed: -1 })).toThrow('command line: seed: must be an integer in [0, 2^53 - 1] (got -1)');
    expect(() => applyOverrides(preset, { trainLimit: 50_000 }, '--train-limit')).toThrow('--train-limit: split.trainLimit: must be <= 45000');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
