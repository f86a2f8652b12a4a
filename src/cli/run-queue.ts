// What `sweep`, `resume` and `refine --run` share: open the store of a Sweeplab home, run the
// queued runs (all, or one sweep's) on a Lab with progress on stderr, and stop cleanly on
// Ctrl-C (running runs checkpoint and go back to the queue; `sweeplab resume` continues).
import type { Command } from 'commander';
import { Lab } from '../main/engine/lab.ts';
import { openRemoteLab } from '../main/remote/remote-lab.ts';
import { SearchDriver, supplySearches } from '../main/engine/search-driver.ts';
import { resolveDataSource } from '../main/data/source.ts';
import type { DataSource } from '../main/data/source.ts';
import { appVersion, resolveHome } from '../main/home.ts';
import { RunStore } from '../main/store/run-store.ts';
import { DATA_OPTION_HELP, integerArg } from './arguments.ts';
import { defaultWorkerCount } from '../main/engine/pool.ts';
import { addRedisOptions, checkRedisFlags } from './redis-options.ts';
import type { RedisFlags } from './redis-options.ts';
import { workerProgress } from './worker-progress.ts';
import { sweepProgress } from './sweep-progress.ts';

export const EXIT_INTERRUPTED = 130;
export const HOME_OPTION_HELP = 'the Sweeplab home holding the run store (default: $SWEEPLAB_HOME, else the per-user app-data folder)';

export interface HomeOptions {
  home?: string;
}

export interface QueueOptions extends HomeOptions, RedisFlags {
  workers?: number;
  data?: string;
}

export function addHomeOption(command: Command): Command {
  return command.option('--home <dir>', HOME_OPTION_HELP);
}

export function addQueueOptions(command: Command): Command {
  return addRedisOptions(addHomeOption(command)
    .option('--workers <n>', 'worker threads (default: cores − 1, at least 1; 0 with --redis: remote workers only)', integerArg(0, 256))
    .option('--data <dir>', DATA_OPTION_HELP));
}

export function openStore(options: HomeOptions, readonly = false): RunStore {
  return RunStore.open(resolveHome(options.home), appVersion(), { readonly });
}

/** Opens the home's store for one synchronous command body and always closes it. */
export function withStore<T>(options: HomeOptions, readonly: boolean, use: (store: RunStore) => T): T {
  const store = openStore(options, readonly);
  try {
    return use(store);
  } finally {
    store.close();
  }
}

/** `--data`, else the data folder the sweep was started with, else the usual resolution. */
export async function dataSourceFor(store: RunStore, flag: string | undefined, sweepId?: number): Promise<DataSource> {
  if (flag) return resolveDataSource(flag);
  const next = sweepId === undefined ? store.nextQueued() : undefined;
  const stored = store.getSweep(sweepId ?? next?.sweepId ?? -1)?.dataSource;
  return resolveDataSource(stored ?? undefined);
}

export interface QueueOutcome {
  interrupted: boolean;
}

/** Runs every queued run in scope to the end (or Ctrl-C) and closes the pool; the store stays open. */
export async function runQueue(store: RunStore, source: DataSource, options: { workers?: number; sweepId?: number } & RedisFlags): Promise<QueueOutcome> {
  const { lab, where } = await openQueueLab(store, source, options);
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    process.stderr.write('\nsweeplab: stopping — running runs checkpoint and go back to the queue (`sweeplab resume` continues them)\n');
    void lab.close();
  };
  process.once('SIGINT', onSigint);
  const recovered = store.recoverInterrupted();
  if (recovered.requeued > 0 && options.sweepId !== undefined) {
    process.stderr.write(`${recovered.requeued} run(s) of earlier sweeps were interrupted; \`sweeplab resume\` continues them from their checkpoints.\n`);
  }
  const scope = { sweepId: options.sweepId };
  supplySearches(store, lab.workers, options.sweepId);
  const todo = store.listRuns({ sweepId: options.sweepId, status: 'queued' });
  const all = options.sweepId === undefined ? todo.length : store.listRuns({ sweepId: options.sweepId }).length;
  const search = options.sweepId === undefined ? undefined : new SearchDriver(store).specOf(options.sweepId);
  process.stderr.write(`Running ${todo.length} run(s)${search ? ` of ${search.search.trials} trials` : ''} ${where}; data: ${source.path}\n`);
  const progress = sweepProgress(todo, all - todo.length, search?.search.trials);
  const unsubscribe = lab.subscribe(progress.onEvent);
  try {
    lab.start(scope);
    await lab.whenIdle();
    await lab.close();
  } finally {
    unsubscribe();
    progress.stop();
    process.removeListener('SIGINT', onSigint);
  }
  return { interrupted };
}

/** The Lab of a queue command: this machine's pool, or with --redis a coordinator of remote workers. */
async function openQueueLab(store: RunStore, source: DataSource, options: { workers?: number } & RedisFlags) {
  checkRedisFlags(options);
  if (options.redis === undefined) {
    const lab = new Lab({ store, data: source, workers: options.workers });
    return { lab, where: `on ${lab.workers} worker(s)` };
  }
  const localThreads = options.workers ?? defaultWorkerCount();
  const local = workerProgress(false);
  const remote = await openRemoteLab({
    store, source, redisUrl: options.redis, insecure: options.insecure, localThreads,
    say: (line) => process.stderr.write(`sweeplab: ${line}\n`), onLocalWorker: (event) => { if (event.kind === 'refused' || event.kind === 'problem') local.onEvent(event); },
  });
  const here = localThreads > 0 ? ` and ${localThreads} thread(s) here` : ' only';
  return { lab: remote.lab, where: `on remote workers through ${remote.display}${here}` };
}
