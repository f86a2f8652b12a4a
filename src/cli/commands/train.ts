// `sweeplab train`: one run of a preset or a config file on the CIFAR-10 data, with a progress
// bar, final accuracies beside the preset's reference figures, or one JSON object on stdout.
// Exit codes: 0 done, 1 bad input or diverged, 130 stopped by Ctrl-C. Not a sweep and not a
// store: results are printed, never saved (the app's Store does that).
import os from 'node:os';
import { Option } from 'commander';
import type { Command } from 'commander';
import type { TrainConfig } from '../../core/config.ts';
import type { TrainOutcome } from '../../core/metrics.ts';
import { createWasmKernels } from '../../core/kernels/wasm/simd-kernels.ts';
import { MAX_HELPERS } from '../../core/kernels/wasm/team.ts';
import { createTrainer } from '../../core/trainer.ts';
import { loadDataset } from '../../main/data/load.ts';
import { describeOrigin } from '../../main/data/source.ts';
import { ConfigError } from '../../shared/errors.ts';
import { epochsOf, getPreset, presetIds } from '../../shared/presets.ts';
import type { ReferenceFigures } from '../../shared/presets.ts';
import { DATA_OPTION_HELP, integerArg } from '../arguments.ts';
import { applyOverrides, loadConfigFile } from '../config-file.ts';
import { addFetchOption, dataOrFetch } from '../data-on-demand.ts';
import type { FetchOption } from '../data-on-demand.ts';
import { duration } from '../format.ts';
import { runInterruptibly } from '../interruptible-run.ts';
import { trainingProgress } from '../progress.ts';
import { describeConfig, describeSplitSizes, renderFinal } from '../train-summary.ts';
import { createKernelTeam } from '../../../workers/runtime/kernel-team.ts';

interface TrainOptions extends FetchOption {
  preset?: string;
  config?: string;
  data?: string;
  seed?: number;
  precision?: 'float32' | 'float64';
  threads?: number;
  json?: boolean;
}

/** What `--json` prints: the effective config and everything the run measured. */
interface TrainJson {
  config: TrainConfig;
  status: TrainOutcome['status'];
  steps: number;
  wallSeconds: number;
  curves: TrainOutcome['curves'];
  final?: Extract<TrainOutcome, { status: 'completed' }>['final'];
  error?: Extract<TrainOutcome, { error: unknown }>['error'];
  reference?: ReferenceFigures;
}

export const EXIT_INTERRUPTED = 130;

export function registerTrainCommand(program: Command): void {
  const command = program.command('train')
    .description('train one network from a preset or a config file and report its final accuracies')
    .option('--preset <id>', 'a reference experiment (see `sweeplab presets`)')
    .option('--config <file>', 'a run config in YAML or JSON (fields: see the README)')
    .option('--data <dir>', DATA_OPTION_HELP)
    .option('--seed <n>', "replace the config's seed (initial weights and shuffling)", integerArg(0))
    .addOption(new Option('--precision <type>', "replace the config's floating-point precision").choices(['float32', 'float64']))
    .option('--threads <n>', 'threads the run is shared out over (Float32 runs; the results are the same for any count) [default: every core]', integerArg(1, MAX_HELPERS + 1))
    .option('--json', 'print one JSON object { config, curves, final, status, steps, wallSeconds, reference? } on stdout, nothing else');
  addFetchOption(command).action(runTrain);
}

async function runTrain(options: TrainOptions): Promise<void> {
  const { config, reference, caveat } = await resolveConfig(options);
  // In --json mode stdout carries the object only; the words go to stderr.
  const say = (line: string) => (options.json ? process.stderr : process.stdout).write(`${line}\n`);

  const source = await dataOrFetch(options.data, options.fetch !== false, say);
  const loadStart = Date.now();
  // Float64 runs use the reference kernels, which are not shared out.
  const threads = config.precision === 'float32' ? options.threads ?? os.availableParallelism() : 1;
  // In shared memory, the helper threads gather their rows of each batch themselves.
  const data = await loadDataset(source, config.split, config.precision, { trainAsBytes: true, shared: threads > 1 });
  const loadSeconds = (Date.now() - loadStart) / 1000;
  if (config.batchSize > data.train.n) {
    // Only the loaded data knows its size (a trainLimit, a partial copy of CIFAR-10).
    throw new ConfigError(`batchSize ${config.batchSize} is more than the ${data.train.n} training images of this split (${source.path})`);
  }
  const team = threads > 1 ? createKernelTeam(threads) : undefined;
  const { trainer, state } = createTrainer(config, data, team && createWasmKernels(undefined, team));
  const epochs = epochsOf(config, data.train.n);
  say(`Training ${describeConfig(config, trainer.totalSteps, epochs)}, ${threads} thread${threads === 1 ? '' : 's'}`);
  say(`Data: ${source.path} (${describeOrigin(source.origin)}), ${describeSplitSizes(data)}, loaded in ${duration(loadSeconds)}`);

  const bar = trainingProgress(trainer.totalSteps, epochs);
  const start = Date.now();
  let outcome: TrainOutcome;
  try {
    outcome = await runInterruptibly(trainer, state, { onStep: bar.onStep, onRecord: bar.onRecord });
  } finally {
    bar.stop();
    await team?.close();
  }
  const wallSeconds = (Date.now() - start) / 1000;

  if (options.json) {
    const json: TrainJson = {
      config, status: outcome.status, steps: outcome.steps, wallSeconds, curves: outcome.curves,
      ...(outcome.status === 'completed' ? { final: outcome.final } : { error: outcome.error }),
      ...(reference ? { reference } : {}),
    };
    process.stdout.write(`${JSON.stringify(json)}\n`);
  }
  switch (outcome.status) {
    case 'completed':
      if (!options.json) {
        say(renderFinal(outcome.final, reference));
        if (caveat) say(`Note: ${caveat}`);
        say(`Wall time: ${duration(wallSeconds)} for ${outcome.steps} steps (${epochs.toFixed(1)} epochs).`);
      }
      return;
    case 'diverged':
      process.stderr.write(`sweeplab: diverged at step ${outcome.error.step}: ${outcome.error.message.replace(/ at step \d+$/, '')}\n`);
      process.exitCode = 1;
      return;
    case 'aborted':
      process.stderr.write(`sweeplab: aborted by Ctrl-C at step ${outcome.steps} of ${trainer.totalSteps}\n`);
      process.exitCode = EXIT_INTERRUPTED;
      return;
  }
}

interface ResolvedConfig {
  config: TrainConfig;
  reference?: ReferenceFigures;
  caveat?: string;
}

async function resolveConfig(options: TrainOptions): Promise<ResolvedConfig> {
  if (options.preset !== undefined && options.config !== undefined) {
    throw new ConfigError('give either --preset or --config, not both');
  }
  const overrides = { seed: options.seed, precision: options.precision };
  if (options.config !== undefined) {
    return { config: applyOverrides(await loadConfigFile(options.config), overrides) };
  }
  if (options.preset === undefined) {
    throw new ConfigError(`say what to train: --preset ID or --config FILE (presets: ${presetIds().join(', ')})`);
  }
  const preset = getPreset(options.preset);
  return { config: applyOverrides(preset.config, overrides), reference: preset.reference, caveat: preset.caveat };
}
