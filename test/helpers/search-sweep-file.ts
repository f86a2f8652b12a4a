// A small TPE search with ASHA on the fixture slice, written to a temporary YAML file: the
// search that the CLI and remote-worker tests run (7 trials, pruning from step 5).
import { tempFile } from './run-cli.ts';

export const searchSweepFile = (stepSizes = '[10, 20]'): string => tempFile('search.yaml', [
  'name: tpe-asha',
  'base:',
  '  network: { hidden: [16], batchNorm: true }',
  '  lambda: 0',
  '  schedule: { stepSize: 20, cycles: 1 }',
  '  batchSize: 10',
  '  recordsPerCycle: 8',
  '  split: a2',
  'search: { kind: tpe, trials: 7, startup: 3, seed: 5 }',
  'scheduler: { kind: asha, metric: val.accuracy, minSteps: 5, reduction: 2 }',
  'axes:',
  '  - { path: lambda, logUniform: { min: 1.0e-5, max: 1.0e-1 } }',
  '  - { path: schedule.etaMax, logUniform: { min: 1.0e-2, max: 3.0e-1 } }',
  `  - { path: schedule.stepSize, values: ${stepSizes} }`,
  '',
].join('\n'));
