// `sweeplab sweep FILE | --preset ID`: validates a sweep, expands it into runs (a search: its
// trials are queued as the engine proposes them), stores them in the run store of the Sweeplab
// home and runs them on the worker pool with a progress bar per running run plus an overall
// one; then prints the sweep's runs. Ctrl-C stops cleanly (exit 130; `sweeplab resume`
// continues). Listing and reporting are other commands.
import type { Command } from 'commander';
import { expandSweep } from '../../shared/sweep/expand.ts';
import { checkRedisFlags } from '../redis-options.ts';
import { ConfigError } from '../../shared/errors.ts';
import { getSweepPreset, sweepPresetIds } from '../../shared/sweep-presets.ts';
import { isSearchSweep } from '../../shared/search-schema.ts';
import type { AnySweepSpec } from '../../shared/search-schema.ts';
import { integerArg } from '../arguments.ts';
import { addFetchOption, dataOrFetch } from '../data-on-demand.ts';
import type { FetchOption } from '../data-on-demand.ts';
import { renderRunTable } from '../run-table.ts';
import { addQueueOptions, EXIT_INTERRUPTED, openStore, runQueue } from '../run-queue.ts';
import type { QueueOptions } from '../run-queue.ts';
import { loadAnySweepFile } from '../sweep-file.ts';

interface SweepOptions extends QueueOptions, FetchOption {
  preset?: string;
  priority?: number;
}

export function registerSweepCommand(program: Command): void {
  addFetchOption(addQueueOptions(program.command('sweep')
    .description('run a sweep (a file, or a preset) on the worker pool and store every run')
    .argument('[file]', 'a sweep file in YAML or JSON (fields: see the README)')
    .option('--preset <id>', `a sweep preset (${sweepPresetIds().join(', ')})`)
    .option('--priority <n>', "run before queued runs of lower priority (default: the file's, else 0)", integerArg(-1_000_000, 1_000_000))))
    .action(runSweepCommand);
}

async function runSweepCommand(file: string | undefined, options: SweepOptions): Promise<void> {
  const spec = await resolveSpec(file, options);
  const points = isSearchSweep(spec) ? [] : expandSweep(spec);
  // A bad --data (or --redis) fails before anything is stored.
  const source = await dataOrFetch(options.data, options.fetch !== false, (line) => process.stderr.write(`${line}
`));
  checkRedisFlags(options);
  const store = openStore(options);
  try {
    const sweepId = store.createSweep({
      name: spec.name, spec, dataSource: source.path, priority: options.priority ?? spec.priority,
      parentId: typeof spec.parent?.id === 'number' ? spec.parent.id : undefined, runs: points,
    });
    const what = isSearchSweep(spec)
      ? `a TPE search of ${spec.search.trials} trials (${spec.search.startup} at random first, seed ${spec.search.seed})`
      : `${points.length} run(s)`;
    process.stderr.write(`Sweep #${sweepId} ${spec.name}: ${what}${spec.scheduler ? `, stopped early by ASHA on ${spec.scheduler.metric}` : ''}, stored in ${store.file}\n`);
    const { interrupted } = await runQueue(store, source, { workers: options.workers, sweepId, redis: options.redis, insecure: options.insecure });
    process.stdout.write(`${renderRunTable(store.listRuns({ sweepId }))}\n`);
    const counts = store.counts(sweepId);
    process.stdout.write(`Sweep #${sweepId}: ${counts.completed} completed, ${counts.diverged} diverged, ${counts.failed} failed, ${counts.cancelled} cancelled, ${counts.pruned} pruned, ${counts.queued + counts.running} left.\n`);
    if (interrupted) process.exitCode = EXIT_INTERRUPTED;
  } finally {
    store.close();
  }
}

async function resolveSpec(file: string | undefined, options: SweepOptions): Promise<AnySweepSpec> {
  if (file !== undefined && options.preset !== undefined) throw new ConfigError('give either a sweep file or --preset, not both');
  if (file !== undefined) return loadAnySweepFile(file);
  if (options.preset !== undefined) return getSweepPreset(options.preset);
  throw new ConfigError(`say what to sweep: a sweep FILE or --preset ID (presets: ${sweepPresetIds().join(', ')})`);
}
