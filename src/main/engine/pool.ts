// The Piscina pool that runs training tasks: a fixed number of worker threads (default:
// cores − 1, at least 1), each taking one run at a time. Workers written in TypeScript
// (workers/train.ts, run through tsx) get tsx's loader in their execArgv; a built .js worker
// needs nothing. What to run and when is the queue's job (lab.ts), not the pool's.
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Piscina from 'piscina';
import type { TrainResult, TrainTask } from '../../shared/worker-protocol.ts';
import { workerEntry } from '../app-layout.ts';

export const DEFAULT_WORKER_FILE = workerEntry('train');

export function defaultWorkerCount(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

export type TrainPool = Piscina<TrainTask, TrainResult>;

/**
 * Threads each of `running` runs may share its kernel calls over: `budget` split evenly, at
 * least one each. The budget is the worker count the user chose, or every core by default.
 */
export function threadsPerRun(budget: number, running: number): number {
  return Math.max(1, Math.floor(budget / Math.max(1, running)));
}

/** The threads a pool's runs share: the worker count the user gave, else every core. */
export function threadBudget(chosenWorkers: number | undefined): number {
  return chosenWorkers ?? os.availableParallelism();
}

/** Node flags a worker file needs: tsx's loader for a .ts file (tsx-run CLI, tests), none for built .js. */
export function workerExecArgv(file: string): string[] {
  // An absolute URL, so the worker finds tsx whatever the current directory is.
  return /\.[cm]?ts$/.test(file) ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
}

export function createTrainPool(workers: number, workerFile: URL | string = DEFAULT_WORKER_FILE): TrainPool {
  const file = typeof workerFile === 'string' ? workerFile : fileURLToPath(workerFile);
  const execArgv = workerExecArgv(file);
  return new Piscina<TrainTask, TrainResult>({
    filename: pathToFileURL(file).href,
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: 1,
    idleTimeout: 60_000,
    execArgv,
  });
}
