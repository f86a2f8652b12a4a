// The coordinator's side of remote training: the Lab's runs become BullMQ jobs (one per run
// attempt, carrying the run's config, its dataset identity and the latest stored checkpoint),
// and what workers send back on the results queue is validated and handed to the Lab, which
// stays the only writer of the run store. Delivery is at-least-once: a message for a job that
// is no longer awaited (a duplicate, an older attempt) is dropped, so a run is stored once.
// A job Redis lost (restarted empty) is published again from the store.
import { Queue, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { networkSpecOf } from '../../core/config.ts';
import { ConfigError } from '../../shared/errors.ts';
import { paramLayout } from '../../core/params.ts';
import { decodeBody, encodeBody, REMOTE_PROTOCOL_VERSION, remoteEnvelopeSchema, runJobId } from '../../shared/remote-protocol.ts';
import type { DatasetIdentity, RemoteEnvelope } from '../../shared/remote-protocol.ts';
import { CONTROL } from '../../shared/worker-protocol.ts';
import type { TrainResult, WorkerMessage } from '../../shared/worker-protocol.ts';
import { decodeRunState } from '../../shared/checkpoint-codec.ts';
import type { RunExecutor } from '../engine/run-executor.ts';
import { dropPointsAfter, setRunWorker } from '../store/remote-runs.ts';
import type { RunRecord, RunStore } from '../store/run-store.ts';
import { waitForRedis } from './redis-connection.ts';
import type { RedisTarget } from './redis-connection.ts';
import {
  CONTROL_KEY_TTL_S, controlKey, fromBase64, queueOptions, RESULTS_QUEUE, RUN_JOB_OPTIONS, RUNS_QUEUE, toBase64, workerOptions,
} from './remote-queues.ts';

export interface RemoteExecutorOptions {
  target: RedisTarget;
  store: RunStore;
  identity: DatasetIdentity;
  say: (line: string) => void;
  /** Runs published at once (default 64). */
  capacity?: number;
  heartbeatMs?: number;
  checkpointEverySteps?: number;
  /** Gives up waiting for an unreachable Redis. */
  signal?: AbortSignal;
}

interface Awaited {
  run: RunRecord;
  attempt: number;
  jobId: string;
  /** Times Redis lost the job (or messages of it) and it was published again under a new id. */
  republished: number;
  /** Next message number expected from each worker's taking of the job. */
  takes: Map<string, number>;
  control: Int32Array;
  onMessage: (message: WorkerMessage) => void;
  resolve: (result: TrainResult) => void;
  /** The CONTROL value passed on to the worker, and when. */
  asked: number;
  askedAt: number;
}

const CONTROL_POLL_MS = 250;
const WATCH_MS = 3_000;
/** How long a stop waits for a worker that does not answer before the run is given up on here. */
const STOP_WAIT_MS = 20_000;
const WAITING_STATES = new Set(['waiting', 'prioritized', 'delayed']);
const REMOVE_TRIES = 40;
const REMOVE_PAUSE_MS = 250;

export class RemoteExecutor implements RunExecutor {
  readonly capacity: number;
  private readonly awaited = new Map<string, Awaited>();
  private readonly timers: NodeJS.Timeout[] = [];
  /** Closed first on close: this process's own remote worker, whose runs then go back to the queue. */
  private companion: { close(): Promise<void> } | undefined;
  /** Removals of finished jobs still going on (a job is locked until its worker has moved it on). */
  private readonly removals = new Set<Promise<void>>();

  private constructor(
    private readonly options: RemoteExecutorOptions,
    private readonly queue: Queue,
    private readonly redis: Redis,
    private readonly results: Worker,
  ) {
    this.capacity = options.capacity ?? 64;
    this.timers.push(setInterval(() => void this.passControls(), CONTROL_POLL_MS));
    this.timers.push(setInterval(() => void this.republishLost(), WATCH_MS));
  }

  /** Waits for Redis (a refused password fails at once), then starts taking results. */
  static async open(options: RemoteExecutorOptions): Promise<RemoteExecutor> {
    if (!(await waitForRedis(options.target, options.say, options.signal))) {
      throw new ConfigError(`cannot reach Redis at ${options.target.display}`);
    }
    const queue = new Queue(RUNS_QUEUE, queueOptions(options.target));
    const redis = new Redis(options.target.options);
    const made: { executor?: RemoteExecutor } = {}; // the worker's processor needs the executor it is part of
    const results = new Worker(RESULTS_QUEUE, async (job) => made.executor!.take(job), workerOptions(options.target, 1, 'coordinator'));
    const executor = new RemoteExecutor(options, queue, redis, results);
    made.executor = executor;
    let lastProblem = '';
    const report = (error: Error) => {
      if (error.message !== lastProblem) options.say(`Redis at ${options.target.display}: ${error.message}`);
      lastProblem = error.message;
    };
    queue.on('error', report);
    redis.on('error', report);
    results.on('error', report);
    return executor;
  }

  execute(run: RunRecord, control: Int32Array, onMessage: (message: WorkerMessage) => void): Promise<TrainResult> {
    // The Lab has just claimed it: the claim counted this attempt.
    const attempt = this.options.store.getRun(run.id)?.attempts ?? run.attempts + 1;
    const jobId = runJobId(run.id, attempt);
    return new Promise<TrainResult>((resolve, reject) => {
      const entry: Awaited = { run, attempt, jobId, republished: 0, takes: new Map(), control, onMessage, resolve, asked: CONTROL.run, askedAt: 0 };
      this.awaited.set(jobId, entry);
      if (attempt > 1) void this.retire(runJobId(run.id, attempt - 1));
      this.publish(entry).catch((error: unknown) => {
        this.awaited.delete(jobId);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  closeWith(companion: { close(): Promise<void> }): void {
    this.companion = companion;
  }

  async close(): Promise<void> {
    await this.companion?.close();
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all(this.removals);
    await this.results.close();
    await this.queue.close();
    this.redis.disconnect();
  }

  /** Publishing an attempt again is harmless: BullMQ keeps the first job of an id. */
  private async publish(entry: Awaited): Promise<void> {
    const { run, attempt, jobId } = entry;
    const saved = this.options.store.getCheckpoint(run.id);
    const body = encodeBody({
      v: REMOTE_PROTOCOL_VERSION, runId: run.id, attempt, label: run.label, config: run.config, dataset: this.options.identity,
      checkpoint: saved && toBase64(saved.state), heartbeatMs: this.options.heartbeatMs ?? 1000,
      checkpointEverySteps: this.options.checkpointEverySteps,
    });
    await this.queue.add('train', { body }, { ...RUN_JOB_OPTIONS, jobId });
  }

  /** An older attempt of a run (a coordinator that died published it): stop it wherever it is. */
  private async retire(jobId: string): Promise<void> {
    try {
      await this.redis.set(controlKey(jobId), 'cancel', 'EX', CONTROL_KEY_TTL_S);
      await this.queue.remove(jobId);
    } catch {
      // Held by a worker: the control key stops it; what it sends is no longer awaited.
    }
  }

  /** Passes the Lab's cancel and requeue on to the job: removed if still waiting, else to its worker. */
  private async passControls(): Promise<void> {
    for (const entry of [...this.awaited.values()]) {
      const wanted = Atomics.load(entry.control, 0);
      if (wanted === CONTROL.run) continue;
      // A prune (the Lab's ASHA verdict) stops the worker's run with its weights; should it never
      // answer, the run goes back to the queue and is judged again from its checkpoint.
      const reason = wanted === CONTROL.cancel ? 'cancel' : 'requeue';
      if (entry.asked !== wanted) {
        entry.asked = wanted;
        entry.askedAt = Date.now();
        try {
          await this.redis.set(controlKey(entry.jobId), wanted === CONTROL.prune ? 'prune' : reason, 'EX', CONTROL_KEY_TTL_S);
          const state = await this.queue.getJobState(entry.jobId);
          if (WAITING_STATES.has(state) && (await this.queue.remove(entry.jobId)) === 1) {
            this.finish(entry, { kind: 'stopped', runId: entry.run.id, steps: this.stepOf(entry), reason });
          }
        } catch {
          // Taken by a worker meanwhile, or Redis away: the worker answers, or the wait below ends.
        }
      } else if (Date.now() - entry.askedAt > STOP_WAIT_MS) {
        this.options.say(`run ${entry.run.id}: no worker answered the ${reason} in ${STOP_WAIT_MS / 1000} s; it continues from its last stored checkpoint`);
        this.finish(entry, { kind: 'stopped', runId: entry.run.id, steps: this.stepOf(entry), reason });
      }
    }
  }

  /** Jobs Redis no longer has (it restarted empty) are published again from the store. */
  private async republishLost(): Promise<void> {
    for (const entry of [...this.awaited.values()]) {
      try {
        if ((await this.queue.getJobState(entry.jobId)) === 'unknown' && this.awaited.get(entry.jobId) === entry) await this.republish(entry, 'Redis lost its job');
      } catch {
        // Redis away: tried again at the next watch.
      }
    }
  }

  /**
   * Publishes the run again from its stored checkpoint under a new job id, so that whatever
   * the lost job's worker still sends is no longer awaited (and that worker is told to stop).
   */
  private async republish(entry: Awaited, why: string): Promise<void> {
    const old = entry.jobId;
    this.awaited.delete(old);
    entry.republished++;
    entry.jobId = runJobId(entry.run.id, entry.attempt, entry.republished);
    entry.takes.clear();
    this.awaited.set(entry.jobId, entry);
    const step = this.options.store.getCheckpoint(entry.run.id)?.step ?? 0;
    this.options.say(`run ${entry.run.id}: ${why}; publishing it again from step ${step}`);
    void this.retire(old);
    await this.publish(entry);
  }

  private finish(entry: Awaited, result: TrainResult): void {
    if (this.awaited.get(entry.jobId) !== entry) return;
    this.awaited.delete(entry.jobId);
    entry.resolve(result);
    const removal = this.removeJob(entry.jobId).finally(() => this.removals.delete(removal));
    this.removals.add(removal);
  }

  /**
   * Removes a finished run's job and control key. The result can arrive before its worker has
   * moved the job on, and a job is locked until then: try again for a while.
   */
  private async removeJob(jobId: string): Promise<void> {
    for (let tries = 0; tries < REMOVE_TRIES; tries++) {
      try {
        await this.queue.remove(jobId);
        if ((await this.queue.getJobState(jobId)) === 'unknown') break;
      } catch {
        // Locked by its worker, or Redis away.
      }
      await new Promise((resolve) => setTimeout(resolve, REMOVE_PAUSE_MS));
    }
    await this.redis.del(controlKey(jobId)).catch(() => {});
  }

  /** One message from the results queue: validated, then given to the Lab if its job is awaited. */
  private take(job: Job): void {
    let envelope: RemoteEnvelope;
    try {
      envelope = decodeBody((job.data as { body?: unknown }).body, remoteEnvelopeSchema, 'a result message');
    } catch (error) {
      this.options.say(`dropped ${(error as Error).message}`);
      return;
    }
    const entry = this.awaited.get(envelope.jobId);
    if (!entry || entry.run.id !== envelope.runId || entry.attempt !== envelope.attempt) return;
    const expected = entry.takes.get(envelope.take) ?? 0;
    if (envelope.seq !== expected) {
      void this.republish(entry, `Redis lost messages from ${envelope.worker}`).catch(() => {});
      return;
    }
    entry.takes.set(envelope.take, expected + 1);
    try {
      this.deliver(entry, envelope);
    } catch (error) {
      this.options.say(`run ${entry.run.id}: dropped a ${envelope.message.kind} message from ${envelope.worker}: ${(error as Error).message}`);
    }
  }

  private deliver(entry: Awaited, { message, worker }: RemoteEnvelope): void {
    const { store } = this.options;
    const runId = entry.run.id;
    switch (message.kind) {
      case 'started':
        setRunWorker(store, runId, worker);
        dropPointsAfter(store, runId, message.fromStep);
        entry.onMessage({ kind: 'started', runId, fromStep: message.fromStep, totalSteps: message.totalSteps, stepsPerEpoch: message.stepsPerEpoch, worker });
        return;
      case 'heartbeat':
        entry.onMessage({ kind: 'heartbeat', runId, progress: message.progress });
        return;
      case 'record':
        entry.onMessage({ kind: 'record', runId, point: message.point });
        return;
      case 'checkpoint': {
        const state = fromBase64(message.state);
        const decoded = decodeRunState(state); // throws on a damaged checkpoint
        if (decoded.step !== message.step || decoded.params.length !== this.paramCount(entry)) throw new Error('the checkpoint does not fit the run');
        entry.onMessage({ kind: 'checkpoint', runId, step: message.step, state });
        return;
      }
      case 'released':
        setRunWorker(store, runId, null);
        return;
      case 'result':
        this.finish(entry, this.resultOf(entry, message.result));
    }
  }

  private stepOf(entry: Awaited): number {
    return this.options.store.getRun(entry.run.id)?.step ?? 0;
  }

  private paramCount(entry: Awaited): number {
    return paramLayout(networkSpecOf(entry.run.config)).size;
  }

  private resultOf(entry: Awaited, result: Extract<RemoteEnvelope['message'], { kind: 'result' }>['result']): TrainResult {
    const runId = entry.run.id;
    switch (result.kind) {
      case 'completed':
      case 'pruned': {
        const { weights } = result;
        const layout = paramLayout(networkSpecOf(entry.run.config));
        const bytesPer = weights.precision === 'float64' ? 8 : 4;
        const params = fromBase64(weights.params), running = fromBase64(weights.running);
        if (weights.precision !== entry.run.config.precision || params.length !== layout.size * bytesPer || running.length !== layout.runningSize * bytesPer
          || weights.layers.join(',') !== layout.spec.layers.join(',')) {
          return { kind: 'failed', runId, error: { code: 'bad_data', message: 'a worker sent weights that do not fit the run\'s network' } };
        }
        return result.kind === 'completed'
          ? { kind: 'completed', runId, steps: result.steps, final: result.final, weights: { ...weights, params, running } }
          : { kind: 'pruned', runId, steps: result.steps, weights: { ...weights, params, running } };
      }
      case 'diverged':
        return { kind: 'diverged', runId, steps: result.steps, error: { code: result.error.code, message: result.error.message, step: result.error.step } };
      case 'stopped':
        return { kind: 'stopped', runId, steps: result.steps, reason: result.reason };
      case 'failed':
        return { kind: 'failed', runId, error: { code: result.error.code, message: result.error.message } };
    }
  }
}
