// `sweeplab refine SWEEP [--top K] [--count N] [--metric M]`: coarse → fine. Ranks the
// sweep's finished runs by the metric (default: final val accuracy), builds the child sweep
// over the range the top K points span (src/shared/sweep/refine.ts; a search's child is a search
// over narrowed ranges, search-refine.ts) and queues it, linked to its parent. `--run` runs it
// right away; otherwise `sweeplab resume` does.
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { expandSweep } from '../../shared/sweep/expand.ts';
import { refineAnySweep } from '../../shared/sweep/search-refine.ts';
import { DEFAULT_METRIC, isRankMetric, metricOf, RANK_METRICS } from '../../shared/sweep/report.ts';
import type { RankMetric } from '../../shared/sweep/report.ts';
import { ConfigError } from '../../shared/errors.ts';
import { isSearchSweep, parseAnySweepSpec } from '../../shared/search-schema.ts';
import { integerArg } from '../arguments.ts';
import { renderRunTable } from '../run-table.ts';
import { checkRedisFlags } from '../redis-options.ts';
import { addQueueOptions, dataSourceFor, EXIT_INTERRUPTED, openStore, runQueue } from '../run-queue.ts';
import type { QueueOptions } from '../run-queue.ts';
import { runResults } from './report.ts';

interface RefineOptions extends QueueOptions {
  top?: number;
  count?: number;
  metric?: RankMetric;
  run?: boolean;
}

function metricArg(text: string): RankMetric {
  if (!isRankMetric(text)) throw new InvalidArgumentError(`expected one of ${RANK_METRICS.join(', ')}.`);
  return text;
}

export function registerRefineCommand(program: Command): void {
  addQueueOptions(program.command('refine')
    .description('queue a finer sweep over the range where the top runs of a sweep lie')
    .argument('<sweep>', 'a finished sweep id', integerArg(1))
    .option('--top <k>', 'how many of the best points the child spans (default 3)', integerArg(1))
    .option('--count <n>', "values per numeric axis (default: the parent's)", integerArg(1))
    .option('--metric <metric>', `what "best" means: ${RANK_METRICS.join(', ')} (default ${DEFAULT_METRIC})`, metricArg)
    .option('--run', 'run the child sweep now (else `sweeplab resume` runs it)'))
    .action(runRefine);
}

async function runRefine(sweepId: number, options: RefineOptions): Promise<void> {
  checkRedisFlags(options); // before the child sweep is stored
  const store = openStore(options);
  try {
    const parent = store.getSweep(sweepId);
    if (!parent) throw new ConfigError(`no sweep ${sweepId} in ${store.file}`);
    const parentSpec = parseAnySweepSpec(parent.spec, `sweep #${sweepId} (stored)`);
    const metric = options.metric ?? DEFAULT_METRIC;
    const results = runResults(store, sweepId).map((run) => ({ point: run.point, value: metricOf(run, metric) ?? Number.NaN }));
    const child = refineAnySweep(parentSpec, results, { top: options.top, count: options.count, metric });
    child.parent = { ...child.parent!, id: sweepId };
    const points = isSearchSweep(child) ? [] : expandSweep(child);
    const childId = store.createSweep({ name: child.name, spec: child, parentId: sweepId, dataSource: parent.dataSource ?? undefined, priority: child.priority, runs: points });
    const queued = isSearchSweep(child) ? `a search of ${child.search.trials} trials` : `${points.length} run(s) queued`;
    process.stdout.write(`Sweep #${childId} ${child.name}: ${queued}, refined from #${sweepId} around its top ${options.top ?? 3} by ${metric}.\n`);
    for (const axis of child.axes) process.stdout.write(`  ${JSON.stringify(axis)}\n`);
    if (!options.run) {
      process.stdout.write('Run them with `sweeplab resume`.\n');
      return;
    }
    const source = await dataSourceFor(store, options.data, childId);
    const { interrupted } = await runQueue(store, source, { workers: options.workers, sweepId: childId, redis: options.redis, insecure: options.insecure });
    process.stdout.write(`${renderRunTable(store.listRuns({ sweepId: childId }))}\n`);
    if (interrupted) process.exitCode = EXIT_INTERRUPTED;
  } finally {
    store.close();
  }
}
