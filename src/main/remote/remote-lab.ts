// A Lab whose runs train on remote workers: the coordinator's half (RemoteExecutor) plus, when
// this machine lends threads too (`--workers N` with N > 0), a RemoteWorker in this process
// taking from the same queue, so local and remote threads share one queue and one protocol.
// Used by the CLI's queue commands, `replicate` and the app (serve) alike.
import os from 'node:os';
import type { DataSource } from '../data/source.ts';
import { Lab } from '../engine/lab.ts';
import type { LabOptions } from '../engine/lab.ts';
import type { RunStore } from '../store/run-store.ts';
import { datasetIdentityOf } from './dataset-identity.ts';
import { parseRedisUrl } from './redis-connection.ts';
import { RemoteExecutor } from './remote-executor.ts';
import { RemoteWorker } from './remote-worker.ts';
import type { RemoteWorkerEvent } from './remote-worker.ts';

export interface RemoteLabOptions {
  store: RunStore;
  source: DataSource;
  redisUrl: string;
  insecure?: boolean;
  /** Threads this process trains on itself (0: remote workers only). */
  localThreads: number;
  say: (line: string) => void;
  onLocalWorker?: (event: RemoteWorkerEvent) => void;
  workerFile?: LabOptions['workerFile'];
  checkpointEverySteps?: number;
  /** Gives up waiting for an unreachable Redis (the wait otherwise lasts until it answers). */
  signal?: AbortSignal;
}

export interface RemoteLab {
  /** Closing it also stops the local worker (its runs checkpoint and go back to the queue). */
  lab: Lab;
  /** Where the queue lives, without the password. */
  display: string;
}

export async function openRemoteLab(options: RemoteLabOptions): Promise<RemoteLab> {
  const target = parseRedisUrl(options.redisUrl, { insecure: options.insecure });
  const identity = await datasetIdentityOf(options.source);
  const executor = await RemoteExecutor.open({
    target, store: options.store, identity, say: options.say, checkpointEverySteps: options.checkpointEverySteps, signal: options.signal,
  });
  const lab = new Lab({ store: options.store, data: options.source, executor });
  if (options.localThreads > 0) {
    const local = new RemoteWorker({
      target, source: options.source, threads: options.localThreads, id: `coordinator@${os.hostname()}`, workerFile: options.workerFile,
    }, options.onLocalWorker);
    await local.start();
    executor.closeWith(local);
  }
  return { lab, display: target.display };
}
