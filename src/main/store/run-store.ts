// The run store: every sweep, run, recorded point, checkpoint and trained network of a
// Sweeplab home, in one SQLite file. The runs table is also the queue (status + priority).
// Only the main process writes (the engine, and short CLI commands such as cancel); workers
// never open it. This class is the one object callers hold; each method is one line over the
// part that owns the concern: runs.ts (sweeps and runs), queue.ts (what runs next and how a run
// ends), points.ts (recorded curves), network-state.ts (checkpoints and weights). Opening and
// migrations: database.ts; the schema: schema.ts.
import type { Statement } from 'libsql';
import type { FinalMetrics, RecordPoint } from '../../core/metrics.ts';
import type { AppError } from '../../shared/errors.ts';
import type { TrainedWeights } from '../../shared/worker-protocol.ts';
import { StoreConnection } from './connection.ts';
import { openDatabase } from './database.ts';
import type { Db, OpenOptions } from './database.ts';
import * as networkState from './network-state.ts';
import * as points from './points.ts';
import * as queue from './queue.ts';
import * as runs from './runs.ts';
import type { NewSweep, RunFilter, RunRecord, SweepRecord } from './runs.ts';
import type { RunStatus } from './schema.ts';

export type { NewRun, NewSweep, RunFilter, RunRecord, SortKey, SweepRecord } from './runs.ts';
export { SORT_KEYS } from './runs.ts';
export type { RunStatus } from './schema.ts';
export { RUN_STATUSES } from './schema.ts';

export class RunStore {
  /** Sweeps this process's queue is limited to (limitQueue); null: every sweep. */
  private queueSweeps: readonly number[] | null = null;

  private constructor(private readonly connection: StoreConnection) {}

  static open(home: string, appVersion: string, options: OpenOptions = {}): RunStore {
    const { db, file } = openDatabase(home, options);
    return new RunStore(new StoreConnection(db, file, appVersion));
  }

  get db(): Db { return this.connection.db; }
  get file(): string { return this.connection.file; }
  get appVersion(): string { return this.connection.appVersion; }

  close(): void { this.connection.close(); }

  /** A statement prepared once per SQL text, for the ReplicationStore that shares this database. */
  prepared(sql: string): Statement { return this.connection.prepared(sql); }

  // ---- sweeps and runs ----

  createSweep(sweep: NewSweep): number { return runs.createSweep(this.connection, sweep); }
  getSweep(id: number): SweepRecord | undefined { return runs.getSweep(this.connection, id); }
  /** Run counts per status, for one sweep or for the whole store. */
  counts(sweepId?: number): Record<RunStatus, number> { return runs.counts(this.connection, sweepId); }
  listSweeps(): (SweepRecord & { counts: Record<RunStatus, number> })[] { return runs.listSweeps(this.connection); }
  listRuns(filter: RunFilter = {}): RunRecord[] { return runs.listRuns(this.connection, filter); }
  getRun(runId: number): RunRecord | undefined { return runs.getRun(this.connection, runId); }

  // ---- the queue ----

  /**
   * Limits what `nextQueued` offers when asked for no particular sweep to the runs of these
   * sweeps (null lifts the limit). A Lab started on the whole queue then runs exactly them:
   * `sweeplab replicate` runs its stages' sweeps side by side, and adds the refined ones as they
   * are made, without taking other queued runs of the home. Only this RunStore object is limited.
   */
  limitQueue(sweepIds: readonly number[] | null): void {
    this.queueSweeps = sweepIds && [...sweepIds];
  }

  nextQueued(options: { sweepId?: number; exclude?: ReadonlySet<number> } = {}): RunRecord | undefined {
    return queue.nextQueued(this.connection, this.queueSweeps, options);
  }
  claim(runId: number, ownerPid?: number): boolean { return queue.claim(this.connection, runId, ownerPid); }
  noteStarted(runId: number, fromStep: number, totalSteps: number): void { queue.noteStarted(this.connection, runId, fromStep, totalSteps); }
  complete(runId: number, result: { steps: number; final: FinalMetrics; weights: TrainedWeights; computeSeconds: number }): void {
    queue.complete(this.connection, runId, result);
  }
  finish(runId: number, status: 'diverged' | 'failed' | 'cancelled', error: AppError | null, computeSeconds: number, steps?: number): void {
    queue.finish(this.connection, runId, status, error, computeSeconds, steps);
  }
  requeue(runId: number, computeSeconds: number): void { queue.requeue(this.connection, runId, computeSeconds); }
  recoverInterrupted(isAlive?: (pid: number) => boolean): { requeued: number; cancelled: number } {
    return queue.recoverInterrupted(this.connection, isAlive);
  }
  cancelRun(runId: number): { cancelled: number; stopping: number } { return queue.cancelRun(this.connection, runId); }
  cancelSweep(sweepId: number): { cancelled: number; stopping: number } { return queue.cancelSweep(this.connection, sweepId); }
  cancelRequested(runIds: readonly number[]): number[] { return queue.cancelRequested(this.connection, runIds); }
  retry(target: { runId: number } | { sweepId?: number }): number { return queue.retry(this.connection, target); }
  setPriority(runId: number, priority: number): void { queue.setPriority(this.connection, runId, priority); }

  // ---- recorded points ----

  addPoint(runId: number, point: RecordPoint): void { points.addPoint(this.connection, runId, point); }
  resetPoints(runId: number, curves: readonly RecordPoint[]): void { points.resetPoints(this.connection, runId, curves); }
  getCurves(runId: number): RecordPoint[] { return points.getCurves(this.connection, runId); }
  pointsAt(at: { step: number } | { epoch: number }, runIds?: readonly number[]): Array<{ runId: number; point: RecordPoint }> {
    return points.pointsAt(this.connection, at, runIds);
  }

  // ---- checkpoints and weights ----

  saveCheckpoint(runId: number, step: number, state: Uint8Array): void { networkState.saveCheckpoint(this.connection, runId, step, state); }
  getCheckpoint(runId: number): { step: number; state: Uint8Array } | undefined { return networkState.getCheckpoint(this.connection, runId); }
  getWeights(runId: number): TrainedWeights | undefined { return networkState.getWeights(this.connection, runId); }
}
