// Helpers for the sweep CLI tests: a sweep file on the committed CIFAR slice whose runs take
// about a second each, and a read-only look into a home's run store from the test process.
import { RunStore } from '../../src/main/store/run-store.ts';
import { tempFile } from './run-cli.ts';

/** λ values (default three) of a 3072-16-10 BN net on the a2 slice (10 steps per epoch), `stepSize` steps per half cycle. */
export function sweepFile(stepSize = 100, name = 'crash-test', lambdas: readonly number[] = [0.0001, 0.001, 0.01]): string {
  return tempFile(`${name}.yaml`, [
    `name: ${name}`,
    'base:',
    '  network: { hidden: [16], batchNorm: true }',
    '  lambda: 0',
    `  schedule: { stepSize: ${stepSize}, cycles: 2 }`,
    '  batchSize: 10',
    '  recordsPerCycle: 4',
    '  split: a2',
    'axes:',
    '  - path: lambda',
    `    values: [${lambdas.join(', ')}]`,
    '',
  ].join('\n'));
}

export function readStore<T>(home: string, read: (store: RunStore) => T): T {
  const store = RunStore.open(home, 'test', { readonly: true });
  try {
    return read(store);
  } finally {
    store.close();
  }
}
