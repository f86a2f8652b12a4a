// The experiment engine behind the CLI and the app: takes queued runs from the store in
// priority order, starts at most `workers` of them on the Piscina pool against the shared
// datasets, stores what the workers post (points, checkpoints, results) and tells subscribers.
// Pause, resume, cancel and retry act on the store (the persistent queue) and on the running
// workers through a shared control word. No Electron here: the app wraps this class. It stays
// one class past 300 lines because scheduling and running a run share its table of active runs.
import { MessageChannel } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { DataSource } from '../data/source.ts';
import type { RunRecord, RunStore } from '../store/run-store.ts';
import { toAppError } from '../../shared/errors.ts';
import type { AppError } from '../../shared/errors.ts';
import { CONTROL, CONTROL_WORDS } from '../../shared/worker-protocol.ts';
import type { TrainResult, TrainTask, WorkerMessage } from '../../shared/worker-protocol.ts';
import { decodeRunState } from '../../shared/checkpoint-codec.ts';
import { SharedDatasets } from './datasets.ts';
import type { EngineEvent, EngineListener } from './events.ts';
import { createTrainPool, defaultWorkerCount, threadBudget, threadsPerRun } from './pool.ts';
import type { TrainPool } from './pool.ts';
import type { RunExecutor } from './run-executor.ts';
import { RungJudge } from './rung-judge.ts';
import { SearchDriver, supplySearches } from './search-driver.ts';
import { SearchStore } from '../store/search-store.ts';

export interface LabOptions {
  store: RunStore;
  data: DataSource;
  /**
   * Worker threads; default cores − 1, at least 1. Runs share their kernel calls over up to
   * this many threads in all when fewer runs than workers are running; every core by default.
   */
  workers?: number;
  /** Another worker entry (tests); default workers/train.ts. */
  workerFile?: URL | string;
  heartbeatMs?: number;
  /** How often running runs are checked for a cancel asked by another process. */
  cancelPollMs?: number;
  /** Steps between checkpoints instead of the default (checkpoint-interval.ts; tests). */
  checkpointEverySteps?: number;
  /** Runs train there (remote workers) instead of on a pool of this process. */
  executor?: RunExecutor;
}

interface ActiveRun {
  run: RunRecord;
  /** The pool it runs on: an older one after a worker-count change, until its runs end; none with an executor. */
  pool: TrainPool | undefined;
  control: Int32Array;
  startMs: number;
  done: Promise<void>;
}

export class Lab {
  private workerCount: number;
  /** Threads the running runs share (threadBudget). */
  private threads: number;
  private readonly store: RunStore;
  private pool: TrainPool | undefined;
  readonly datasets: SharedDatasets;
  private readonly listeners = new Set<EngineListener>();
  private readonly active = new Map<number, ActiveRun>();
  private readonly options: LabOptions;
  private readonly judge: RungJudge;
  private readonly searches: SearchDriver;
  private readonly searchStore: SearchStore;
  private scope: { sweepId?: number } | null = null;
  private paused = false;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  private poller: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;
  /** Most runs ever running at once (for tests and the bench). */
  peakConcurrency = 0;

  constructor(options: LabOptions) {
    this.options = options;
    this.store = options.store;
    this.workerCount = options.executor ? options.executor.capacity : Math.max(1, options.workers ?? defaultWorkerCount());
    this.threads = Math.max(this.workerCount, threadBudget(options.workers));
    this.pool = options.executor ? undefined : createTrainPool(this.workerCount, options.workerFile);
    this.datasets = new SharedDatasets(options.data);
    this.judge = new RungJudge(this.store);
    this.searches = new SearchDriver(this.store);
    this.searchStore = new SearchStore(this.store);
  }

  subscribe(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /**
   * Recovers runs a dead process left `running` (they resume from their checkpoints), then
   * starts taking queued runs: all of them, or only those of `sweepId`.
   */
  start(scope: { sweepId?: number } = {}): { requeued: number; cancelled: number } {
    const recovered = this.store.recoverInterrupted();
    this.scope = scope;
    // A search killed between two trials continues: it gets the trials it is owed.
    supplySearches(this.store, this.workerCount, scope.sweepId);
    this.poller ??= setInterval(() => this.pollCancels(), this.options.cancelPollMs ?? 500);
    this.pump();
    return recovered;
  }

  /** Starts no new run; with `stopRunning`, running runs checkpoint and go back to the queue. */
  pause(options: { stopRunning?: boolean } = {}): void {
    this.paused = true;
    if (options.stopRunning) for (const entry of this.active.values()) Atomics.store(entry.control, 0, CONTROL.requeue);
    this.checkIdle();
  }

  resume(): void {
    this.paused = false;
    this.pump();
  }

  get workers(): number {
    return this.workerCount;
  }

  /**
   * Runs at most `count` runs at once from now on, stopping none: Piscina's thread count is
   * fixed when a pool is made, so new runs go to a new pool of that size and the old pool ends
   * when its last run does. Fewer workers: no run starts until fewer than `count` run.
   */
  setWorkers(count: number): void {
    const workers = Math.max(1, count);
    if (workers === this.workerCount || this.closed || this.options.executor) return;
    this.workerCount = workers;
    this.threads = workers;
    const old = this.pool;
    this.pool = createTrainPool(workers, this.options.workerFile);
    if (![...this.active.values()].some((entry) => entry.pool === old)) void old?.destroy();
    this.pump();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  cancelRun(runId: number): { cancelled: number; stopping: number } {
    const result = this.store.cancelRun(runId);
    const entry = this.active.get(runId);
    if (entry) Atomics.store(entry.control, 0, CONTROL.cancel);
    return result;
  }

  /** Queues what a search sweep needs now (after it was created, while the lab runs). */
  supplySearch(sweepId: number): void {
    this.searches.topUp(sweepId, this.workerCount);
    this.pump();
  }

  cancelSweep(sweepId: number): { cancelled: number; stopping: number } {
    const result = this.store.cancelSweep(sweepId);
    for (const entry of this.active.values()) if (entry.run.sweepId === sweepId) Atomics.store(entry.control, 0, CONTROL.cancel);
    return result;
  }

  retry(target: { runId: number } | { sweepId?: number }): number {
    const count = this.store.retry(target);
    this.pump();
    return count;
  }

  /** Ids of the runs on a worker right now. */
  runningIds(): number[] {
    return [...this.active.keys()];
  }

  /** Resolves once nothing runs and nothing in scope is left to start (or the lab is paused). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops every running run (each checkpoints and goes back to the queue), then ends the pool. */
  close(options: { requeueRunning?: boolean } = { requeueRunning: true }): Promise<void> {
    this.closing ??= this.shutDown(options.requeueRunning ?? true);
    return this.closing;
  }

  private async shutDown(requeueRunning: boolean): Promise<void> {
    this.paused = true;
    this.closed = true;
    for (const entry of this.active.values()) {
      Atomics.store(entry.control, 0, requeueRunning ? CONTROL.requeue : CONTROL.cancel);
    }
    await Promise.all([...this.active.values()].map((e) => e.done)); // each ends its pool if it was an old one
    clearInterval(this.poller);
    await this.pool?.destroy();
    await this.options.executor?.close();
    this.checkIdle();
  }

  private isIdle(): boolean {
    if (this.active.size > 0) return false;
    if (this.paused || this.closed || !this.scope) return true;
    return this.store.nextQueued({ sweepId: this.scope.sweepId }) === undefined;
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    if (waiters.length > 0 || this.active.size === 0) this.emit({ kind: 'idle' });
    for (const resolve of waiters) resolve();
  }

  private pump(): void {
    if (this.scope && !this.paused && !this.closed) {
      const taken = new Set<number>(); // by another process between our read and our claim
      while (this.active.size < this.workerCount) {
        const run = this.store.nextQueued({ sweepId: this.scope.sweepId, exclude: new Set([...this.active.keys(), ...taken]) });
        if (!run) break;
        if (this.store.claim(run.id)) this.launch(run);
        else taken.add(run.id);
      }
    }
    this.peakConcurrency = Math.max(this.peakConcurrency, this.active.size);
    this.shareCores();
    this.checkIdle();
  }

  /**
   * The thread budget goes to the runs running now: when fewer runs than workers are left (the
   * last runs of a sweep, a single run from the app), each shares its kernel calls over more
   * threads, from its next step on. Its results do not change with that.
   */
  private shareCores(): void {
    if (this.options.executor || this.active.size === 0) return;
    const each = threadsPerRun(this.threads, this.active.size);
    for (const entry of this.active.values()) Atomics.store(entry.control, CONTROL_WORDS.threads, each);
  }

  private pollCancels(): void {
    if (this.active.size === 0) return;
    for (const id of this.store.cancelRequested([...this.active.keys()])) {
      const entry = this.active.get(id);
      if (entry) Atomics.store(entry.control, 0, CONTROL.cancel);
    }
  }

  private launch(run: RunRecord): void {
    const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS.count));
    const entry: ActiveRun = { run, pool: this.pool, control, startMs: performance.now(), done: Promise.resolve() };
    this.active.set(run.id, entry);
    entry.done = this.execute(entry)
      .catch((thrown: unknown) => this.settle(entry, { kind: 'failed', runId: run.id, error: workerError(thrown) }))
      .finally(async () => {
        this.active.delete(run.id);
        const retired = entry.pool !== this.pool && ![...this.active.values()].some((e) => e.pool === entry.pool);
        this.pump();
        if (retired) await entry.pool?.destroy();
      });
  }

  private async execute(entry: ActiveRun): Promise<void> {
    const { run, control } = entry;
    if (this.options.executor) {
      // Remote runs are judged here too; a prune reaches their worker through the executor like a
      // cancel, so (not waiting for verdicts) it stops shortly after its rung rather than at it.
      this.judge.prepare(run, this.store.getCheckpoint(run.id)?.step ?? 0);
      this.settle(entry, await this.options.executor.execute(run, control, (message) => this.onMessage(entry, message)));
      return;
    }
    const dataset = await this.datasets.get(run.config.split, run.config.precision);
    const saved = this.store.getCheckpoint(run.id);
    // The points are exactly those of the state the run continues from; later ones come again.
    this.store.resetPoints(run.id, saved ? decodeRunState(saved.state).curves : []);
    this.judge.prepare(run, saved?.step ?? 0);
    const { port1, port2 } = new MessageChannel();
    let sawEnd!: () => void;
    const ended = new Promise<void>((resolve) => { sawEnd = resolve; });
    port1.on('message', (message: WorkerMessage) => {
      this.onMessage(entry, message);
      if (message.kind === 'end') sawEnd();
    });
    const task: TrainTask<MessagePort> = {
      kind: 'train', runId: run.id, config: run.config, dataset, checkpoint: saved?.state, control: control.buffer as SharedArrayBuffer,
      port: port2, heartbeatMs: this.options.heartbeatMs ?? 250, checkpointEverySteps: this.options.checkpointEverySteps,
      awaitVerdicts: this.judge.schedulerOf(run) !== undefined,
    };
    try {
      const result = await entry.pool!.run(task, { transferList: [port2] });
      await ended; // every point and checkpoint posted before the result is stored before it
      this.settle(entry, result);
    } finally {
      port1.close();
    }
  }

  private onMessage(entry: ActiveRun, message: WorkerMessage): void {
    const { run } = entry;
    switch (message.kind) {
      case 'started':
        this.store.noteStarted(run.id, message.fromStep, message.totalSteps);
        entry.run = { ...run, totalSteps: message.totalSteps };
        this.emit({ kind: 'run-started', runId: run.id, sweepId: run.sweepId, label: run.label, fromStep: message.fromStep, totalSteps: message.totalSteps, stepsPerEpoch: message.stepsPerEpoch, worker: message.worker });
        return;
      case 'heartbeat':
        this.emit({ kind: 'heartbeat', runId: run.id, progress: message.progress });
        return;
      case 'record':
        this.store.addPoint(run.id, message.point);
        // After storing the point, before telling anyone: the worker waits for this verdict.
        this.judge.judge(run, message.point, entry.control);
        this.emit({ kind: 'record', runId: run.id, point: message.point });
        return;
      case 'checkpoint':
        this.store.saveCheckpoint(run.id, message.step, message.state);
        this.emit({ kind: 'checkpoint', runId: run.id, step: message.step });
        return;
      case 'end':
        return;
    }
  }

  private settle(entry: ActiveRun, outcome: TrainResult): void {
    const { run } = entry;
    // A remote run can reach its end before the prune its rung earned gets to its worker: it
    // was pruned all the same (its decision is stored), so it is stored as pruned.
    const result: TrainResult = outcome.kind === 'completed' && Atomics.load(entry.control, 0) === CONTROL.prune
      ? { kind: 'pruned', runId: outcome.runId, steps: outcome.steps, weights: outcome.weights }
      : outcome;
    const seconds = (performance.now() - entry.startMs) / 1000;
    let status: RunRecord['status'];
    let error: AppError | null = null;
    switch (result.kind) {
      case 'completed':
        this.store.complete(run.id, { steps: result.steps, final: result.final, weights: result.weights, computeSeconds: seconds });
        status = 'completed';
        break;
      case 'diverged':
        error = { code: 'diverged', message: result.error.message };
        this.store.finish(run.id, 'diverged', error, seconds, result.steps);
        status = 'diverged';
        break;
      case 'failed':
        error = result.error;
        this.store.finish(run.id, 'failed', error, seconds);
        status = 'failed';
        break;
      case 'pruned':
        this.searchStore.prune(run.id, { steps: result.steps, weights: result.weights, computeSeconds: seconds });
        status = 'pruned';
        break;
      case 'stopped':
        if (result.reason === 'cancel') {
          this.store.finish(run.id, 'cancelled', null, seconds, result.steps);
          status = 'cancelled';
        } else {
          this.store.requeue(run.id, seconds);
          status = 'queued';
        }
        break;
    }
    if (status !== 'queued' && run.sweepId !== null) this.searches.topUp(run.sweepId, this.workerCount);
    this.emit({ kind: 'run-finished', runId: run.id, status, error });
  }
}

/** A task that rejected: the worker died or could not start. */
function workerError(thrown: unknown): AppError {
  const error = toAppError(thrown);
  return error.code === 'internal' ? { code: 'internal', message: `worker failed: ${error.message}` } : error;
}
