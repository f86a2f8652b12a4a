// `sweeplab gradcheck`: analytic against numerical gradients on the first training images,
// reported per layer and tensor, exit code 0 only when every tensor passes. Argument handling
// and printing only: the check itself is src/core/gradcheck.ts, the images come from src/main/data.
import { Option } from 'commander';
import type { Command } from 'commander';
import type { NetworkSpec } from '../../core/config.ts';
import { CIFAR_CLASSES, CIFAR_DIMS } from '../../core/config.ts';
import type { LabeledSet } from '../../core/dataset.ts';
import { createCheckModel, gradientCheck } from '../../core/gradcheck.ts';
import type { GradCheckReport, GradCheckRule, TensorCheck } from '../../core/gradcheck.ts';
import { createRng } from '../../core/rng.ts';
import { loadTrainingSample } from '../../main/data/load.ts';
import { describeOrigin, resolveDataSource } from '../../main/data/source.ts';
import { CONFIG_DEFAULTS } from '../../shared/config-schema.ts';
import { ConfigError } from '../../shared/errors.ts';
import { DATA_OPTION_HELP, integerArg, layersArg, numberArg } from '../arguments.ts';
import { layerList, renderTable, scientific, setting } from '../format.ts';
import { countProgress } from '../progress.ts';

interface GradcheckOptions {
  layers: number[];
  bn?: boolean;
  samples: number;
  dims?: number;
  lambda: number;
  h: number;
  seed: number;
  data?: string;
  json?: boolean;
}

export function registerGradcheckCommand(program: Command): void {
  program.command('gradcheck')
    .description('check analytic gradients against centered differences on real training images, tensor by tensor (Float64)')
    .requiredOption('--layers <widths>', 'layer widths, input first and the 10 classes last, e.g. 3072,50,50,10', layersArg)
    .option('--bn', 'batch normalization on every hidden layer')
    .option('--samples <n>', 'how many training images (the first n of data_batch_1) make the batch', integerArg(1), 10)
    .option('--dims <n>', 'keep only the first n input features of each image; the input width becomes n', integerArg(1, CIFAR_DIMS))
    .option('--lambda <value>', 'L2 regularization factor λ in the cost', numberArg(false), 0)
    .addOption(new Option('--h <value>', 'step of the centered differences').argParser(numberArg(true)).default(1e-5, '1e-5'))
    .option('--seed <n>', 'seed of the random initial parameters', integerArg(0), CONFIG_DEFAULTS.seed)
    .option('--data <dir>', DATA_OPTION_HELP)
    .option('--json', 'print the report as one JSON object on stdout, nothing else')
    .action(runGradcheck);
}

async function runGradcheck(options: GradcheckOptions): Promise<void> {
  const layers = inputLayers(options.layers, options.dims);
  const source = await resolveDataSource(options.data);
  // Normalised exactly as for training on the "a2" split (data_batch_1's mean and std).
  const sample = await loadTrainingSample(source, { kind: 'a2' }, options.samples, 'float64');
  const { inp, labels } = firstImages(sample, options.samples, layers[0]);
  const spec: NetworkSpec = {
    layers, batchNorm: options.bn === true, init: { kind: 'he' },
    bnAlpha: CONFIG_DEFAULTS.bnAlpha, bnEpsilon: CONFIG_DEFAULTS.bnEpsilon,
  };
  const model = createCheckModel(spec, createRng(options.seed));
  if (!options.json) {
    print(`Gradient check of ${layerList(layers)}${options.bn ? ' with batch norm' : ', no batch norm'}: ` +
      `first ${options.samples} images of data_batch_1.bin${layers[0] < CIFAR_DIMS ? `, first ${layers[0]} features` : ''}, ` +
      `h ${setting(options.h)}, λ ${setting(options.lambda)}, seed ${options.seed}, Float64`);
    print(`Data: ${source.path} (${describeOrigin(source.origin)})`);
  }
  const bar = countProgress('numerical gradients', 'parameters');
  let report: GradCheckReport;
  try {
    report = gradientCheck(model, inp, labels, options.samples, { h: options.h, lambda: options.lambda, onProgress: bar.update });
  } finally {
    bar.stop();
  }
  if (options.json) {
    print(JSON.stringify(report));
  } else {
    print(renderReport(report));
  }
  process.exitCode = report.passed ? 0 : 1;
}

/** The network's widths with the input width the data will have; checks what the data cannot fit. */
function inputLayers(layers: number[], dims: number | undefined): number[] {
  const classes = layers[layers.length - 1];
  if (classes !== CIFAR_CLASSES) {
    throw new ConfigError(`--layers must end with ${CIFAR_CLASSES}, the CIFAR-10 classes (got ${layerList(layers)})`);
  }
  if (dims === undefined) {
    if (layers[0] !== CIFAR_DIMS) {
      throw new ConfigError(`--layers starts with ${layers[0]}, but an image has ${CIFAR_DIMS} features; add --dims ${layers[0]} to keep only the first ${layers[0]}`);
    }
    return layers;
  }
  if (layers[0] !== dims && layers[0] !== CIFAR_DIMS) {
    throw new ConfigError(`--layers starts with ${layers[0]}, but --dims is ${dims}: start the layers with ${dims} (or ${CIFAR_DIMS})`);
  }
  return [dims, ...layers.slice(1)];
}

/** The first N rows of `set`, each cut to its first D features: inp (N, D) and labels (N). */
function firstImages(set: LabeledSet, N: number, D: number): { inp: Float64Array; labels: Uint8Array } {
  const inp = new Float64Array(N * D);
  for (let i = 0; i < N; i++) inp.set(set.x.subarray(i * set.d, i * set.d + D), i * D);
  return { inp, labels: set.y.slice(0, N) };
}

const TENSOR_LABELS: Record<TensorCheck['tensor'], string> = { W: 'W', b: 'b', gamma: 'γ', beta: 'β' };

function renderReport(report: GradCheckReport): string {
  const table = renderTable([
    { head: 'layer', align: 'right' },
    { head: 'tensor' },
    { head: 'size', align: 'right' },
    { head: 'max\n|a−n|', align: 'right' },
    { head: 'norm-wise\nrel. error', align: 'right' },
    { head: 'max entry rel.\nerror (info)', align: 'right' },
    { head: 'failing\nentries', align: 'right' },
    { head: 'result' },
  ], report.tensors.map((t) => [
    String(t.layer),
    TENSOR_LABELS[t.tensor],
    t.size.toLocaleString('en-US'),
    scientific(t.maxAbsDiff),
    t.normRelError === null ? 'zero gradient' : scientific(t.normRelError),
    scientific(t.maxEntryRelError),
    t.failingEntries.toLocaleString('en-US'),
    t.passed ? 'PASS' : 'FAIL',
  ]));
  const failed = report.tensors.filter((t) => !t.passed).map((t) => `${TENSOR_LABELS[t.tensor]}${t.layer}`);
  const verdict = failed.length === 0
    ? `PASS: all ${report.tensors.length} tensors pass.`
    : `FAIL: ${failed.length} of ${report.tensors.length} tensors fail (${failed.join(', ')}).`;
  return [table, describeRule(report.rule), verdict].join('\n');
}

function describeRule(rule: GradCheckRule): string {
  return `Rule: every entry |a − n| ≤ ${setting(rule.atol)} + ${setting(rule.rtol)}·|n|, and every tensor ‖a − n‖ / max(1e-12, ‖a‖ + ‖n‖) ≤ ${setting(rule.normTol)};\n` +
    `a zero gradient (RMS of a and n both < ${setting(rule.zeroRms)}) is held to the entry rule only. Max entry rel. error is for information.`;
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}
