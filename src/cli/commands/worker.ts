// `sweeplab worker --redis URL [--workers N] [--data DIR] [--name NAME]`: lends this machine's
// cores to a coordinator (`sweeplab sweep --redis URL …` elsewhere): takes runs from its queue
// and trains them on a pool of worker threads with this machine's copy of CIFAR-10. Runs until
// Ctrl-C (or SIGTERM); running runs then checkpoint and go back to the queue for another worker.
import os from 'node:os';
import type { Command } from 'commander';
import { resolveDataSource } from '../../main/data/source.ts';
import { defaultWorkerCount, threadBudget } from '../../main/engine/pool.ts';
import { parseRedisUrl, waitForRedis } from '../../main/remote/redis-connection.ts';
import { RemoteWorker } from '../../main/remote/remote-worker.ts';
import { DATA_OPTION_HELP, integerArg } from '../arguments.ts';
import { REDIS_OPTION_HELP, INSECURE_OPTION_HELP } from '../redis-options.ts';
import { workerProgress } from '../worker-progress.ts';

interface WorkerFlags {
  redis: string;
  workers?: number;
  data?: string;
  name?: string;
  insecure?: boolean;
  checkpointEvery: number;
}

export function registerWorkerCommand(program: Command): void {
  program.command('worker')
    .description("train runs from a coordinator's queue (sweep/resume/serve --redis) on this machine")
    .requiredOption('--redis <url>', REDIS_OPTION_HELP)
    .option('--workers <n>', 'worker threads (default: cores − 1, at least 1)', integerArg(1, 256))
    .option('--data <dir>', DATA_OPTION_HELP)
    .option('--name <name>', 'how the coordinator shows this worker, as NAME@host (default: the process id)')
    .option('--insecure', INSECURE_OPTION_HELP)
    .option('--checkpoint-every <seconds>', 'at most one checkpoint of a run per this many seconds: a killed worker loses about that much of each run (Ctrl-C loses nothing)', integerArg(0, 86_400), 10)
    .action(runWorker);
}

async function runWorker(flags: WorkerFlags): Promise<void> {
  const target = parseRedisUrl(flags.redis, { insecure: flags.insecure });
  const source = await resolveDataSource(flags.data);
  const id = `${flags.name ?? `worker${process.pid}`}@${os.hostname()}`;
  const threads = flags.workers ?? defaultWorkerCount();
  const progress = workerProgress();
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (!(await waitForRedis(target, (line) => progress.log(`sweeplab worker: ${line}`), stop.signal))) return;
    const worker = new RemoteWorker({ target, source, threads, threadBudget: threadBudget(flags.workers), checkpointMinMs: 1000 * flags.checkpointEvery, id }, progress.onEvent);
    await worker.start();
    progress.log(`Worker ${id}: ${threads} thread(s), data: ${source.path}; taking runs from ${target.display}. Ctrl-C stops.`);
    if (!stop.signal.aborted) await new Promise((resolve) => stop.signal.addEventListener('abort', resolve));
    progress.log('sweeplab worker: stopping — running runs checkpoint and go back to the queue');
    await worker.close();
  } finally {
    progress.stop();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
