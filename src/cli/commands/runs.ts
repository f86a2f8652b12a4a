// `sweeplab runs [--sweep ID] [--status S] [--sort METRIC]`: the runs of the store as a table
// (or --json). Sorting by a metric puts runs without it (unfinished, diverged) last.
import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import { AnnotationStore } from '../../main/store/annotation-store.ts';
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
  tag?: string;
  json?: boolean;
}

export function registerRunsCommand(program: Command): void {
  addHomeOption(program.command('runs')
    .description('list the stored runs')
    .option('--sweep <id>', 'only the runs of this sweep', integerArg(1))
    .addOption(new Option('--status <status>', 'only runs in this state').choices(RUN_STATUSES))
    .option('--sort <metric>', 'val, test, train, best-val (accuracies, best first), val-cost, lambda, time or id (default)', sortKeyArg)
    .option('--tag <tag>', 'only the runs with this tag')
    .option('--json', 'print { runs: [...] } (configs, final metrics, errors, notes and tags; no curves)'))
    .action((options: RunsOptions) => {
      withStore(options, true, (store) => {
        const annotations = new AnnotationStore(store);
        const tagged = options.tag === undefined ? undefined : new Set(annotations.runsTagged(options.tag));
        const listed = store.listRuns({ sweepId: options.sweep, status: options.status, sort: options.sort }).filter((run) => !tagged || tagged.has(run.id));
        const runs = annotations.annotateRuns(listed);
        process.stdout.write(options.json ? `${JSON.stringify({ runs })}\n` : `${renderRunTable(runs)}\n`);
      });
    });
}
