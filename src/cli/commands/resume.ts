// `sweeplab resume`: continues the queue of a Sweeplab home — runs a killed process left
// running restart from their last checkpoints, queued runs start — with the same progress
// display as `sweep`. `--retry` first puts failed runs back in the queue.
import type { Command } from 'commander';
import { supplySearches } from '../../main/engine/search-driver.ts';
import { renderRunTable } from '../run-table.ts';
import { addQueueOptions, dataSourceFor, EXIT_INTERRUPTED, openStore, runQueue } from '../run-queue.ts';
import type { QueueOptions } from '../run-queue.ts';

interface ResumeOptions extends QueueOptions {
  retry?: boolean;
}

export function registerResumeCommand(program: Command): void {
  addQueueOptions(program.command('resume')
    .description('continue interrupted and queued runs (interrupted ones from their last checkpoint)')
    .option('--retry', 'first put failed runs back in the queue (they start over)'))
    .action(runResume);
}

async function runResume(options: ResumeOptions): Promise<void> {
  const store = openStore(options);
  try {
    if (options.retry) process.stderr.write(`Retrying ${store.retry({})} failed run(s).\n`);
    const interrupted = store.recoverInterrupted();
    // A search killed between a run's end and its next trial gets that trial now.
    supplySearches(store, options.workers ?? 1);
    const queued = store.listRuns({ status: 'queued' });
    if (queued.length === 0) {
      process.stdout.write('Nothing to resume: no queued or interrupted runs.\n');
      return;
    }
    if (interrupted.requeued > 0) process.stderr.write(`${interrupted.requeued} run(s) were interrupted; they continue from their last checkpoints.\n`);
    const source = await dataSourceFor(store, options.data);
    const outcome = await runQueue(store, source, { workers: options.workers, redis: options.redis, insecure: options.insecure });
    const ids = new Set(queued.map((r) => r.id));
    process.stdout.write(`${renderRunTable(store.listRuns().filter((r) => ids.has(r.id)))}\n`);
    if (outcome.interrupted) process.exitCode = EXIT_INTERRUPTED;
  } finally {
    store.close();
  }
}
