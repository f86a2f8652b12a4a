// `sweeplab runs [--sweep ID] [--status S] [--sort METRIC]`: the runs of the store as a table
// (or --json). Sorting by a metric puts runs without it (unfinished, diverged) last.
import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import { RUN_STATUSES, SORT_KEYS } from '../../main/store/run-store.ts';
import type { RunStatus, SortKey } from '../../main/store/run-store.ts';
import { integerArg } from '../arguments.ts';
import { renderRunTable } from '../run-table.ts';
import { addHomeOption, withStore } from '../run-queue.ts';
import type { HomeOptions } from '../run-queue.ts';

/** The ranking metrics of src/shared/sweep/report.ts, as `--sort` also accepts them. */
const METRIC_ALIASES: Record<string, SortKey> = {
  'final.val.accuracy': 'val', 'final.test.accuracy': 'test', 'final.train.accuracy': 'train',
  'best.val.accuracy': 'best-val', 'final.val.cost': 'val-cost',
};

export function sortKeyArg(text: string): SortKey {
  const key = METRIC_ALIASES[text] ?? text;
  if (!Object.hasOwn(SORT_KEYS, key)) {
    throw new InvalidArgumentError(`expected one of ${[...Object.keys(SORT_KEYS), ...Object.keys(METRIC_ALIASES)].join(', ')}.`);
  }
  return key as SortKey;
}

interface RunsOptions extends HomeOptions {
  sweep?: number;
  status?: RunStatus;
  sort?: SortKey;
  json?: boolean;
}

export function registerRunsCommand(program: Command): void {
  addHomeOption(program.command('runs')
    .description('list the stored runs')
    .option('--sweep <id>', 'only the runs of this sweep', integerArg(1))
    .addOption(new Option('--status <status>', 'only runs in this state').choices(RUN_STATUSES))
    .option('--sort <metric>', 'val, test, train, best-val (accuracies, best first), val-cost, lambda, time or id (default)', sortKeyArg)
    .option('--json', 'print { runs: [...] } (configs, final metrics, errors; no curves)'))
    .action((options: RunsOptions) => {
      withStore(options, true, (store) => {
        const runs = store.listRuns({ sweepId: options.sweep, status: options.status, sort: options.sort });
        process.stdout.write(options.json ? `${JSON.stringify({ runs })}\n` : `${renderRunTable(runs)}\n`);
      });
    });
}
