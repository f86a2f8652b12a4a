// `sweeplab train` run as a user runs it, on the committed CIFAR-10 slice with tiny configs:
// the human table, the --json object, seeds, bit-exactness of the CLI's sliced run against one
// core call, divergence (exit 1) and Ctrl-C (exit 130).
import { describe, expect, it } from 'vitest';
import type { TrainConfig } from '../../../src/core/config.ts';
import type { FinalMetrics, RecordPoint } from '../../../src/core/metrics.ts';
import { train } from '../../../src/core/trainer.ts';
import { loadDataset } from '../../../src/main/data/load.ts';
import { enableRelaxedSimd } from '../../../workers/runtime/relaxed-simd.ts';
import { parseTrainConfig } from '../../../src/shared/config-schema.ts';
import { FIXTURE_DATA_DIR } from '../../helpers/fixture-data.ts';
import { runCli, startCli, tempFile } from '../../helpers/run-cli.ts';

// The kernels of the engine's workers, which the CLI switches on too: the direct train() below
// matches the CLI's run to the bit only if both use them (plain and fused multiply-adds round differently).
enableRelaxedSimd();

interface TrainJson {
  config: TrainConfig;
  curves: RecordPoint[];
  final?: FinalMetrics;
  status: string;
  steps: number;
  wallSeconds: number;
  error?: { code: string; message: string; step: number };
}

const tinyYaml = (schedule: string) => `network:
  hidden: [10]
lambda: 0.01
schedule: ${schedule}
batchSize: 20
split: a2
`;
const TINY = tempFile('tiny.yaml', tinyYaml('{ stepSize: 5, cycles: 1 }'));

const trainJson = async (...args: string[]): Promise<TrainJson> => {
  const { code, stdout, stderr } = await runCli(['train', ...args, '--data', FIXTURE_DATA_DIR, '--json']);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as TrainJson;
};

describe('sweeplab train', () => {
  it('trains a tiny config and prints train/val/test accuracy, cost and loss as a table', async () => {
    const { code, stdout, stderr } = await runCli(['train', '--config', TINY, '--data', FIXTURE_DATA_DIR]);
    // No terminal, so no bar: one log line per recorded point (recordsPerCycle + 1 here).
    expect(stderr).toMatch(/^(step \d+\/\d+ \| epoch [^\n]* \| val [\d.]+% [^\n]*\n)+$/);
    expect(stderr.split('\n').filter(Boolean)[0]).toMatch(/^step 0\//);
    expect(code).toBe(0);
    expect(stdout).toContain('2-layer [10], no BN');
    expect(stdout).toContain('100 train / 100 val / 100 test images');
    for (const set of ['train', 'val', 'test']) expect(stdout).toMatch(new RegExp(`│ ${set}\\s+│\\s+\\d+\\.\\d\\d% │\\s+\\d+\\.\\d{4} │\\s+\\d+\\.\\d{4} │`));
    expect(stdout).toMatch(/Wall time: \d+\.\d s for 10 steps/);
  });

  it('prints only one JSON object with --json: effective config, curves, final, status, steps, wall time', async () => {
    const run = await trainJson('--config', TINY, '--seed', '7', '--precision', 'float64');
    expect(Object.keys(run).sort()).toEqual(['config', 'curves', 'final', 'status', 'steps', 'wallSeconds']);
    expect(run.status).toBe('completed');
    expect(run.steps).toBe(10);
    expect(run.config).toMatchObject({ seed: 7, precision: 'float64', network: { hidden: [10] }, batchSize: 20 });
    expect(run.curves.map((p) => p.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Fractions of 100 images each, above chance's floor; and the run's last record is its final train/val.
    for (const set of ['train', 'val', 'test'] as const) {
      const accuracy = run.final![set].accuracy;
      expect(accuracy, set).toBeGreaterThan(0.05);
      expect(accuracy, set).toBeLessThanOrEqual(1);
      expect(Math.round(accuracy * 100), set).toBeCloseTo(accuracy * 100, 9);
    }
    expect(run.curves.at(-1)).toMatchObject({ train: run.final!.train, val: run.final!.val });
    // Seed 7 in float64 on the committed slice: a regression value, not a quality bar.
    expect(run.final!.train.accuracy).toBe(0.34);
    expect(run.final!.test.accuracy).toBe(0.14);
    expect(run.final!.test.cost).toBeCloseTo(6.4808, 3);
    expect(run.curves[0].val.loss).toBeCloseTo(2.9222, 3);
    expect(run.wallSeconds).toBeGreaterThan(0);
    expect(run).not.toHaveProperty('reference');
  });

  it('prints the same final figures in its table as in its JSON', async () => {
    const [human, run] = await Promise.all([
      runCli(['train', '--config', TINY, '--seed', '7', '--data', FIXTURE_DATA_DIR]),
      trainJson('--config', TINY, '--seed', '7'),
    ]);
    for (const set of ['train', 'val', 'test'] as const) {
      const row = new RegExp(`│ ${set}\\s+│\\s+([\\d.]+)% │\\s+([\\d.]+) │\\s+([\\d.]+) │`).exec(human.stdout);
      const { accuracy, cost, loss } = run.final![set];
      expect(row?.slice(1), set).toEqual([(100 * accuracy).toFixed(2), cost.toFixed(4), loss.toFixed(4)]);
    }
  });

  it('is reproducible: the same --seed gives identical results, another seed different ones', async () => {
    const [a, b, c] = await Promise.all([trainJson('--config', TINY, '--seed', '1'), trainJson('--config', TINY, '--seed', '1'), trainJson('--config', TINY, '--seed', '2')]);
    expect(b.final).toEqual(a.final);
    expect(b.curves).toEqual(a.curves);
    expect(c.final).not.toEqual(a.final);
  });

  it('gives bit-identical results to one core train() call although the CLI runs in interruptible slices', async () => {
    // ~300 steps take a few of the CLI's 100 ms slices.
    const yaml = tinyYaml('{ stepSize: 150, cycles: 1 }');
    const run = await trainJson('--config', tempFile('slices.yaml', yaml));
    const config = parseTrainConfig((await import('yaml')).parse(yaml), 'test');
    const direct = train(config, await loadDataset(FIXTURE_DATA_DIR, config.split, config.precision));
    expect(direct.status).toBe('completed');
    expect(run.final).toEqual(direct.status === 'completed' ? direct.final : undefined);
    expect(run.curves).toEqual(direct.curves);
  });

  it('gives bit-identical results on 1 and 3 threads (--threads), and says how many it used', async () => {
    // 50 units: the first layer's calls are large enough to be shared out.
    const wide = tempFile('wide.yaml', tinyYaml('{ stepSize: 25, cycles: 1 }').replace('hidden: [10]', 'hidden: [50]'));
    const [one, three] = await Promise.all([trainJson('--config', wide, '--threads', '1'), trainJson('--config', wide, '--threads', '3')]);
    expect(three.final).toEqual(one.final);
    expect(three.curves).toEqual(one.curves);
    const human = await runCli(['train', '--config', wide, '--threads', '3', '--data', FIXTURE_DATA_DIR]);
    expect(human.stdout).toMatch(/float32, 3 threads\n/);
    const bad = await runCli(['train', '--config', wide, '--threads', '0', '--data', FIXTURE_DATA_DIR]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/'--threads <n>' argument '0' is invalid/);
  });

  it('reports divergence as one line and exit code 1, and still prints the JSON object with the error', async () => {
    const config = tempFile('diverge.yaml', tinyYaml('{ stepSize: 50, cycles: 1, etaMin: 1000, etaMax: 100000 }'));
    const human = await runCli(['train', '--config', config, '--data', FIXTURE_DATA_DIR]);
    expect(human.code).toBe(1);
    expect(withoutLog(human.stderr)).toMatch(/^sweeplab: diverged at step \d+: .*NaN\n$/);
    const json = await runCli(['train', '--config', config, '--data', FIXTURE_DATA_DIR, '--json']);
    expect(json.code).toBe(1);
    const run = JSON.parse(json.stdout) as TrainJson;
    expect(run.status).toBe('diverged');
    expect(run.error).toMatchObject({ code: 'diverged', step: run.steps });
    expect(run).not.toHaveProperty('final');
  });

  it('stops on Ctrl-C (SIGINT) between steps, says so, and exits with 130', async () => {
    // 50,000 steps: about a minute, unless interrupted.
    const config = tempFile('long.yaml', tinyYaml('{ stepSize: 25000, cycles: 1 }'));
    const cli = startCli(['train', '--config', config, '--data', FIXTURE_DATA_DIR]);
    try {
      await cli.stdoutHas('Data: '); // printed right before the first step
      await new Promise((resolve) => setTimeout(resolve, 300));
      cli.child.kill('SIGINT');
      const { code, stderr } = await cli.result;
      expect(withoutLog(stderr)).toMatch(/^sweeplab: aborted by Ctrl-C at step \d+ of 50000\n$/);
      expect(code).toBe(130);
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    }
  });
});

/** stderr without the per-record progress lines the CLI logs when stderr is not a terminal. */
function withoutLog(stderr: string): string {
  return stderr.replace(/^step \d+\/\d+ \|.*\n/gm, '');
}
