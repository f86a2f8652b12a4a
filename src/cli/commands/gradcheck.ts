// `sweeplab gradcheck`: analytic against numerical gradients on the first training images,
// reported per layer and tensor, exit code 0 only when every tensor passes. Argument handling
// and printing only: the check itself is src/core/gradcheck.ts, the images come from src/main/data.
import { Option } from 'commander';
import type { Command } from 'commander';
import type { NetworkSpec } from '../../core/config.ts';
import { CIFAR_CLASSES, CIFAR_DIMS } from '../../core/config.ts';
import { checkBatch, createCheckModel, gradientCheck } from '../../core/gradcheck.ts';
import type { GradCheckReport } from '../../core/gradcheck.ts';
import { createRng } from '../../core/rng.ts';
import { loadTrainingSample } from '../../main/data/load.ts';
import { describeOrigin, resolveDataSource } from '../../main/data/source.ts';
import { CONFIG_DEFAULTS } from '../../shared/config-schema.ts';
import { ConfigError } from '../../shared/errors.ts';
import { describeRule, GRADCHECK_COLUMNS, tensorCells, verdict } from '../../shared/gradcheck-text.ts';
import { DATA_OPTION_HELP, integerArg, layersArg, numberArg } from '../arguments.ts';
import { layerList, renderTable, setting } from '../format.ts';
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
  const { inp, labels } = checkBatch(sample, options.samples, layers[0]);
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

/** The table of the shared cells (headers wrapped to keep it narrow), the rule and the verdict. */
function renderReport(report: GradCheckReport): string {
  const wrapped: Record<string, string> = { 'max |a−n|': 'max\n|a−n|', 'norm-wise rel. error': 'norm-wise\nrel. error', 'max entry rel. error (info)': 'max entry rel.\nerror (info)', 'failing entries': 'failing\nentries' };
  const left = new Set(['tensor', 'result']);
  const table = renderTable(GRADCHECK_COLUMNS.map((head) => ({ head: wrapped[head] ?? head, align: left.has(head) ? 'left' as const : 'right' as const })),
    report.tensors.map(tensorCells));
  return [table, describeRule(report.rule), verdict(report)].join('\n');
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}
