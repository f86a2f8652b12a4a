// Expected failures of the CLI end as one `sweeplab: …` line naming the problem and exit code
// 1, never a stack trace: unknown preset, a config with a misspelt field, missing data.
import { describe, expect, it } from 'vitest';
import { presetIds } from '../../src/shared/presets.ts';
import { FIXTURE_DATA_DIR } from '../helpers/fixture-data.ts';
import { runCli, tempFile } from '../helpers/run-cli.ts';

const expectOneLineFailure = (result: { code: number | null; stdout: string; stderr: string }) => {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^sweeplab: /);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack frames
};

describe('sweeplab: bad input', () => {
  it('names an unknown preset and lists every valid id', async () => {
    const result = await runCli(['train', '--preset', 'ex3-bn-3layr', '--data', FIXTURE_DATA_DIR]);
    expectOneLineFailure(result);
    expect(result.stderr.split('\n')).toHaveLength(2); // one line and its newline
    expect(result.stderr).toContain('unknown preset "ex3-bn-3layr"');
    for (const id of presetIds()) expect(result.stderr).toContain(id);
  });

  it('names a misspelt field of a config file, with the file', async () => {
    const config = tempFile('typo.yaml', 'network:\n  hidden: [10]\nlamda: 0.01\nschedule: { stepSize: 5, cycles: 1 }\nsplit: a2\n');
    const result = await runCli(['train', '--config', config, '--data', FIXTURE_DATA_DIR]);
    expectOneLineFailure(result);
    expect(result.stderr).toContain(`${config}: lamda: unknown key`);
  });

  it('asks for --preset or --config when given neither', async () => {
    const result = await runCli(['train', '--data', FIXTURE_DATA_DIR]);
    expectOneLineFailure(result);
    expect(result.stderr).toContain('--preset ID or --config FILE');
  });

  it.each([
    ['train', '--preset', 'ex2.1-a2'],
    ['gradcheck', '--layers', '3072,10,10'],
  ])('names a missing data folder (%s)', async (...command) => {
    const missing = '/nonexistent/sweeplab-test/cifar';
    const result = await runCli([...command, '--data', missing]);
    expectOneLineFailure(result);
    expect(result.stderr).toContain(`sweeplab: ${missing}: no such file or folder`);
  });

  it('refuses a batch larger than the training split the data gives', async () => {
    const config = tempFile('batch.yaml', 'network:\n  hidden: [10]\nlambda: 0\nschedule: { stepSize: 5, cycles: 1 }\nbatchSize: 200\nsplit: a2\n');
    const result = await runCli(['train', '--config', config, '--data', FIXTURE_DATA_DIR]);
    expectOneLineFailure(result);
    expect(result.stderr).toContain('batchSize 200 is more than the 100 training images');
  });

  it('reports a bad flag value in one line naming the flag', async () => {
    const result = await runCli(['train', '--preset', 'ex2.1-a2', '--seed', 'abc', '--data', FIXTURE_DATA_DIR]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^sweeplab: option '--seed <n>' argument 'abc' is invalid\. expected an integer >= 0\.\n/);
  });

  it('names a home it cannot create, and what to do', async () => {
    const file = tempFile('not-a-folder', 'a file where the home should go');
    const result = await runCli(['sweep', '--preset', 'smoke', '--home', `${file}/home`, '--data', FIXTURE_DATA_DIR]);
    expectOneLineFailure(result);
    expect(result.stderr).toContain(`sweeplab: ${file}/home: cannot create the Sweeplab home here (ENOTDIR`);
    expect(result.stderr).toContain('pass --home DIR or set $SWEEPLAB_HOME to a folder you can write');
  });
});
