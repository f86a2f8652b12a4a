// A remote worker: takes run jobs from the coordinator's BullMQ queue and trains them on its own
// Piscina pool (workers/train.ts, one shared decoded dataset per process), exactly as the local
// engine does, sending every point, checkpoint and result back on the results queue. It never
// touches a run store. Refuses a run made for other data; on close its running runs checkpoint
// and go back to the queue for another worker. The CLI around it: src/cli/commands/worker.ts.
import { randomUUID } from 'node:crypto';
import { MessageChannel } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { Queue, WaitingError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { toAppError } from '../../shared/errors.ts';
import { decodeBody, encodeBody, REMOTE_PROTOCOL_VERSION, runJobSchema } from '../../shared/remote-protocol.ts';
import type { DatasetIdentity, RemoteMessageInput, RunJob } from '../../shared/remote-protocol.ts';
import { CONTROL, CONTROL_WORDS } from '../../shared/worker-protocol.ts';
import type { TrainResult, TrainTask, WorkerMessage } from '../../shared/worker-protocol.ts';
import type { DataSource } from '../data/source.ts';
import { SharedDatasets } from '../engine/datasets.ts';
import { createTrainPool, threadsPerRun } from '../engine/pool.ts';
import type { TrainPool } from '../engine/pool.ts';
import { datasetIdentityOf, datasetMismatch } from './dataset-identity.ts';
import type { RedisTarget } from './redis-connection.ts';
import { controlKey, fromBase64, queueOptions, RESULT_JOB_OPTIONS, RESULTS_QUEUE, RUNS_QUEUE, toBase64, workerOptions } from './remote-queues.ts';

export interface RemoteWorkerOptions {
  target: RedisTarget;
  source: DataSource;
  threads: number;
  /** Threads the runs share (threadBudget); default `threads`. */
  threadBudget?: number;
  /** At most one checkpoint per this many ms of a run's training (and one when stopped); default 0. */
  checkpointMinMs?: number;
  /** name@host, as the coordinator shows it. */
  id: string;
  /** Another worker entry (tests); default workers/train.ts. */
  workerFile?: URL | string;
}

/** What the worker tells its CLI (or the coordinator it runs inside). */
export type RemoteWorkerEvent =
  | { kind: 'run-started'; runId: number; label: string; fromStep: number; totalSteps: number }
  | { kind: 'heartbeat'; runId: number; step: number; totalSteps: number }
  | { kind: 'run-ended'; runId: number; label: string; outcome: string }
  | { kind: 'refused'; runId: number; label: string; reason: string }
  | { kind: 'problem'; message: string };

interface ActiveRun {
  jobId: string;
  control: Int32Array;
}

const CONTROL_POLL_MS = 500;

export class RemoteWorker {
  private identity: Promise<DatasetIdentity> | undefined;
  private pool: TrainPool | undefined;
  private datasets: SharedDatasets;
  private results: Queue | undefined;
  private worker: Worker | undefined;
  private redis: Redis | undefined;
  private poller: NodeJS.Timeout | undefined;
  private readonly active = new Map<number, ActiveRun>();
  private closing: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: RemoteWorkerOptions, private readonly tell: (event: RemoteWorkerEvent) => void = () => {}) {
    this.datasets = new SharedDatasets(options.source);
  }

  /** Hashes the local data (a run's identity is checked against it), then starts taking runs. */
  async start(): Promise<void> {
    const { target, threads } = this.options;
    this.identity = datasetIdentityOf(this.options.source);
    await this.identity; // a missing file fails here, before any run is taken
    this.pool = createTrainPool(threads, this.options.workerFile);
    this.results = new Queue(RESULTS_QUEUE, queueOptions(target));
    this.redis = new Redis(target.options);
    let lastProblem = '';
    const report = (error: Error) => {
      // ioredis reports every failed reconnection; one line per kind of trouble is enough.
      if (error.message !== lastProblem) this.tell({ kind: 'problem', message: `Redis at ${target.display}: ${error.message}; retrying` });
      lastProblem = error.message;
    };
    this.results.on('error', report);
    this.redis.on('error', report);
    this.worker = new Worker(RUNS_QUEUE, (job, token) => this.process(job, token), workerOptions(target, threads, this.options.id));
    this.worker.on('error', report);
    this.poller = setInterval(() => void this.pollControls(), CONTROL_POLL_MS);
  }

  /** Running runs checkpoint and go back to the queue; then everything is closed. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    this.stopping = true;
    for (const run of this.active.values()) Atomics.store(run.control, 0, CONTROL.requeue);
    await this.worker?.close();
    clearInterval(this.poller);
    await this.pool?.destroy();
    await this.results?.close();
    this.redis?.disconnect();
  }

  private async pollControls(): Promise<void> {
    if (this.active.size === 0 || !this.redis) return;
    const runs = [...this.active.values()];
    try {
      const asked = await this.redis.mget(runs.map((run) => controlKey(run.jobId)));
      runs.forEach((run, i) => {
        if (asked[i] === 'cancel') Atomics.store(run.control, 0, CONTROL.cancel);
        else if (asked[i] === 'requeue') Atomics.store(run.control, 0, CONTROL.requeue);
        else if (asked[i] === 'prune') Atomics.store(run.control, 0, CONTROL.prune);
      });
    } catch {
      // Redis away: the run goes on; the connection's own retries report it.
    }
  }

  private async process(job: Job, token: string | undefined): Promise<void> {
    const data = job.data as { body?: unknown };
    const run = decodeBody(data.body, runJobSchema, `run job ${job.id}`);
    const jobId = job.id!;
    const chain = { last: Promise.resolve() as Promise<unknown> };
    const take = randomUUID();
    let seq = 0;
    const send = (message: RemoteMessageInput) => {
      const body = encodeBody({ v: REMOTE_PROTOCOL_VERSION, jobId, runId: run.runId, attempt: run.attempt, worker: this.options.id, take, seq: seq++, message });
      chain.last = chain.last.then(() => this.results!.add('message', { body }, RESULT_JOB_OPTIONS));
      chain.last.catch((error: Error) => this.tell({ kind: 'problem', message: `could not send run ${run.runId}'s ${message.kind}: ${error.message}` }));
      return chain.last;
    };
    const mismatch = datasetMismatch(await this.identity!, run.dataset, `worker ${this.options.id}`);
    if (mismatch) {
      this.tell({ kind: 'refused', runId: run.runId, label: run.label, reason: mismatch });
      send({ kind: 'result', result: { kind: 'failed', error: { code: 'bad_data', message: mismatch } } });
      await chain.last;
      return;
    }
    const result = await this.train(job, run, send);
    await chain.last; // every message before the result reaches Redis before the job ends
    if (result.kind === 'stopped' && result.reason === 'requeue' && this.stopping) {
      // This worker is going away, not the coordinator: the run continues elsewhere from the
      // checkpoint just written into the job.
      send({ kind: 'released' });
      await chain.last;
      await job.moveToWait(token);
      throw new WaitingError();
    }
    send(resultMessage(result));
    await chain.last;
  }

  private async train(job: Job, run: RunJob, send: (message: RemoteMessageInput) => Promise<unknown>): Promise<TrainResult> {
    const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS.count));
    this.active.set(run.runId, { jobId: job.id!, control });
    this.shareCores();
    const { port1, port2 } = new MessageChannel();
    let sawEnd!: () => void;
    const ended = new Promise<void>((resolve) => { sawEnd = resolve; });
    let checkpoint = run.checkpoint;
    port1.on('message', (message: WorkerMessage) => {
      switch (message.kind) {
        case 'started':
          this.tell({ kind: 'run-started', runId: run.runId, label: run.label, fromStep: message.fromStep, totalSteps: message.totalSteps });
          send({ kind: 'started', fromStep: message.fromStep, totalSteps: message.totalSteps, stepsPerEpoch: message.stepsPerEpoch });
          return;
        case 'heartbeat':
          this.tell({ kind: 'heartbeat', runId: run.runId, step: message.progress.step, totalSteps: message.progress.totalSteps });
          send({ kind: 'heartbeat', progress: message.progress });
          return;
        case 'record':
          send({ kind: 'record', point: message.point });
          return;
        case 'checkpoint': {
          const sent = (checkpoint = toBase64(message.state));
          // The job carries the newest checkpoint, so whoever takes it next continues from there;
          // only once it and every point before it are in Redis, or a worker that died in between
          // would leave a checkpoint ahead of the points the coordinator has.
          void send({ kind: 'checkpoint', step: message.step, state: sent })
            .then(() => job.updateData({ body: encodeBody({ ...run, checkpoint: sent }) }))
            .catch(() => {});
          return;
        }
        case 'end':
          sawEnd();
      }
    });
    try {
      if (this.stopping) return { kind: 'stopped', runId: run.runId, steps: 0, reason: 'requeue' };
      const dataset = await this.datasets.get(run.config.split, run.config.precision);
      const task: TrainTask<MessagePort> = {
        kind: 'train', runId: run.runId, config: run.config, dataset, checkpoint: checkpoint === undefined ? undefined : fromBase64(checkpoint),
        control: control.buffer as SharedArrayBuffer, port: port2, heartbeatMs: run.heartbeatMs, checkpointEverySteps: run.checkpointEverySteps,
        checkpointMinMs: this.options.checkpointMinMs,
      };
      const result = await this.pool!.run(task, { transferList: [port2] });
      await ended;
      this.tell({ kind: 'run-ended', runId: run.runId, label: run.label, outcome: outcomeText(result, this.stopping) });
      return result;
    } catch (thrown) {
      const error = toAppError(thrown);
      this.tell({ kind: 'run-ended', runId: run.runId, label: run.label, outcome: `failed: ${error.message}` });
      return { kind: 'failed', runId: run.runId, error };
    } finally {
      port1.close();
      this.active.delete(run.runId);
      this.shareCores();
    }
  }

  /** The thread budget to the runs of this process, as the local engine does (Lab.shareCores). */
  private shareCores(): void {
    const each = threadsPerRun(this.options.threadBudget ?? this.options.threads, this.active.size);
    for (const run of this.active.values()) Atomics.store(run.control, CONTROL_WORDS.threads, each);
  }
}

function resultMessage(result: TrainResult): RemoteMessageInput {
  switch (result.kind) {
    case 'completed': {
      const { precision, layers, params, running } = result.weights;
      return { kind: 'result', result: { kind: 'completed', steps: result.steps, final: result.final, weights: { precision, layers, params: toBase64(params), running: toBase64(running) } } };
    }
    case 'pruned': {
      const { precision, layers, params, running } = result.weights;
      return { kind: 'result', result: { kind: 'pruned', steps: result.steps, weights: { precision, layers, params: toBase64(params), running: toBase64(running) } } };
    }
    case 'diverged':
      return { kind: 'result', result: { kind: 'diverged', steps: result.steps, error: { code: result.error.code, message: result.error.message, step: result.error.step } } };
    case 'stopped':
      return { kind: 'result', result: { kind: 'stopped', steps: result.steps, reason: result.reason } };
    case 'failed':
      return { kind: 'result', result: { kind: 'failed', error: { code: result.error.code, message: result.error.message } } };
  }
}

function outcomeText(result: TrainResult, stopping: boolean): string {
  switch (result.kind) {
    case 'completed': return `completed, val ${(result.final.val.accuracy * 100).toFixed(2)}%`;
    case 'diverged': return `diverged at step ${result.error.step}`;
    case 'pruned': return `pruned at step ${result.steps}`;
    case 'stopped': return result.reason === 'cancel' ? 'cancelled' : stopping ? 'checkpointed, back in the queue' : 'stopped by the coordinator';
    case 'failed': return `failed: ${result.error.message}`;
  }
}
