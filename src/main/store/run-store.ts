// The run store: every sweep, run, recorded point, checkpoint and trained network of a
// Sweeplab home, in one SQLite file. The runs table is also the queue (status + priority).
// Only the main process writes (the engine, and short CLI commands such as cancel); workers
// never open it. Opening and migrations: database.ts; the schema: schema.ts.
import type { Statement } from 'libsql';
import type { TrainConfig } from '../../core/config.ts';
import type { FinalMetrics, RecordPoint, SetMetrics } from '../../core/metrics.ts';
import type { AppError } from '../../shared/errors.ts';
import type { TrainedWeights } from '../../shared/worker-protocol.ts';
import { closeDatabase, openDatabase } from './database.ts';
import type { Db, OpenOptions } from './database.ts';
import type { RunStatus } from './schema.ts';
import { RUN_STATUSES } from './schema.ts';

export type { RunStatus } from './schema.ts';
export { RUN_STATUSES } from './schema.ts';

/** One run to enqueue; structurally a SweepPoint of src/shared/sweep/expand.ts. */
export interface NewRun {
  index: number;
  /** Grid point (runs that differ only by seed share it); default `index`. */
  pointIndex?: number;
  label: string;
  point: Record<string, unknown>;
  repeat: number;
  config: TrainConfig;
}

export interface NewSweep {
  name: string;
  spec: unknown;
  parentId?: number;
  dataSource?: string;
  priority?: number;
  runs: readonly NewRun[];
}

export interface SweepRecord {
  id: number;
  name: string;
  spec: unknown;
  parentId: number | null;
  status: 'active' | 'cancelled';
  dataSource: string | null;
  createdAt: string;
}

export interface RunRecord {
  id: number;
  sweepId: number | null;
  /** The run's grid point within its sweep. */
  pointIndex: number;
  label: string;
  point: Record<string, unknown>;
  repeat: number;
  config: TrainConfig;
  seed: number;
  status: RunStatus;
  priority: number;
  cancelRequested: boolean;
  attempts: number;
  resumedFromStep: number | null;
  step: number;
  totalSteps: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  computeSeconds: number;
  error: AppError | null;
  appVersion: string;
  final: FinalMetrics | null;
  bestVal: { accuracy: number; step: number } | null;
}

/** Sort keys of `listRuns`, each a column (descending for accuracies, ascending otherwise). */
export const SORT_KEYS = {
  id: 'r.id ASC',
  val: 'r.final_val_acc DESC',
  test: 'r.final_test_acc DESC',
  train: 'r.final_train_acc DESC',
  'best-val': 'r.best_val_acc DESC',
  'val-cost': 'r.final_val_cost ASC',
  lambda: "json_extract(r.config_json, '$.lambda') ASC",
  time: 'r.compute_seconds ASC',
} as const;
export type SortKey = keyof typeof SORT_KEYS;

export interface RunFilter {
  sweepId?: number;
  status?: RunStatus;
  sort?: SortKey;
}

interface RunRow {
  id: number; sweep_id: number | null; point_index: number; label: string; point_json: string; repeat: number;
  config_json: string; seed: number; status: RunStatus; priority: number; cancel_requested: number; attempts: number;
  resumed_from_step: number | null; step: number; total_steps: number | null; created_at: string; started_at: string | null;
  finished_at: string | null; compute_seconds: number; error_code: string | null; error_message: string | null;
  app_version: string; final_json: string | null; best_val_acc: number | null; best_val_step: number | null;
}

const now = () => new Date().toISOString();

/** Whether a process with this id exists (signal 0 checks without signalling). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** A NULL read back from a REAL column was a NaN or an infinity written by a diverging run. */
const num = (value: number | null): number => (value === null ? Number.NaN : value);

/** libsql returns BLOBs as ArrayBuffer from all() and Buffer from get(); callers get Uint8Array. */
export function blobBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new TypeError(`expected a BLOB, got ${typeof value}`);
}

const finiteJson = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
const parseFiniteJson = <T>(text: string): T => JSON.parse(text, (_k, v: unknown) => (v === 'NaN' || v === 'Infinity' || v === '-Infinity' ? Number(v) : v)) as T;

export class RunStore {
  /** Sweeps this process's queue is limited to (limitQueue); null: every sweep. */
  private queueSweeps: readonly number[] | null = null;

  private constructor(readonly db: Db, readonly file: string, readonly appVersion: string) {}

  static open(home: string, appVersion: string, options: OpenOptions = {}): RunStore {
    const { db, file } = openDatabase(home, options);
    return new RunStore(db, file, appVersion);
  }

  close(): void {
    this.statements.clear();
    closeDatabase(this.db);
  }

  /**
   * Statements prepared once per SQL text (this store's and the ReplicationStore's, which shares
   * its database): preparing took half of the ~130 µs a recorded point costs to store, on the
   * main thread that also answers the app. Dropped at close.
   */
  private readonly statements = new Map<string, Statement>();

  prepared(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  private all<T>(sql: string, ...params: unknown[]): T[] {
    return this.prepared(sql).all(...params) as T[];
  }

  private one<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.all<T>(sql, ...params)[0];
  }

  private run(sql: string, ...params: unknown[]): { changes: number; lastInsertRowid: number | bigint } {
    return this.prepared(sql).run(...params);
  }

  // ---- sweeps ----

  createSweep(sweep: NewSweep): number {
    const insert = this.db.transaction(() => {
      const created = now();
      const { lastInsertRowid } = this.run(
        'INSERT INTO sweeps (name, spec_json, parent_id, data_source, created_at) VALUES (?, ?, ?, ?, ?)',
        sweep.name, JSON.stringify(sweep.spec), sweep.parentId ?? null, sweep.dataSource ?? null, created);
      const sweepId = Number(lastInsertRowid);
      const add = this.prepared(
        `INSERT INTO runs (sweep_id, point_index, label, point_json, repeat, config_json, seed, priority, created_at, app_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      for (const run of sweep.runs) {
        add.run(sweepId, run.pointIndex ?? run.index, run.label, JSON.stringify(run.point), run.repeat, JSON.stringify(run.config),
          run.config.seed, sweep.priority ?? 0, created, this.appVersion);
      }
      return sweepId;
    });
    return insert.immediate();
  }

  getSweep(id: number): SweepRecord | undefined {
    const row = this.one<{ id: number; name: string; spec_json: string; parent_id: number | null; status: 'active' | 'cancelled'; data_source: string | null; created_at: string }>(
      'SELECT * FROM sweeps WHERE id = ?', id);
    return row && {
      id: row.id, name: row.name, spec: JSON.parse(row.spec_json), parentId: row.parent_id, status: row.status,
      dataSource: row.data_source, createdAt: row.created_at,
    };
  }

  /** Run counts per status, for one sweep or for the whole store. */
  counts(sweepId?: number): Record<RunStatus, number> {
    const rows = sweepId === undefined
      ? this.all<{ status: RunStatus; n: number }>('SELECT status, count(*) AS n FROM runs GROUP BY status')
      : this.all<{ status: RunStatus; n: number }>('SELECT status, count(*) AS n FROM runs WHERE sweep_id = ? GROUP BY status', sweepId);
    const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
    for (const { status, n } of rows) counts[status] = n;
    return counts;
  }

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

  /** The next run to start: highest priority first, then oldest; runs of cancelled sweeps never. */
  nextQueued(options: { sweepId?: number; exclude?: ReadonlySet<number> } = {}): RunRecord | undefined {
    const exclude = [...(options.exclude ?? [])];
    const sweeps = options.sweepId === undefined ? this.queueSweeps : [options.sweepId];
    if (sweeps?.length === 0) return undefined;
    const rows = this.all<RunRow>(
      `SELECT r.* FROM runs r LEFT JOIN sweeps s ON s.id = r.sweep_id
       WHERE r.status = 'queued' AND (s.status IS NULL OR s.status = 'active')
         ${sweeps ? `AND r.sweep_id IN (${sweeps.map(() => '?').join(', ')})` : ''}
         ${exclude.length ? `AND r.id NOT IN (${exclude.map(() => '?').join(', ')})` : ''}
       ORDER BY r.priority DESC, r.id ASC LIMIT 1`,
      ...(sweeps ?? []), ...exclude);
    return rows[0] && toRun(rows[0]);
  }

  /**
   * Takes a queued run for this process: false when another process took it first (several
   * processes may run the queue of one home).
   */
  claim(runId: number, ownerPid: number = process.pid): boolean {
    return this.run(`UPDATE runs SET status = 'running', owner_pid = ?, attempts = attempts + 1, started_at = coalesce(started_at, ?),
              error_code = NULL, error_message = NULL WHERE id = ? AND status = 'queued'`, ownerPid, now(), runId).changes === 1;
  }

  noteStarted(runId: number, fromStep: number, totalSteps: number): void {
    this.run('UPDATE runs SET total_steps = ?, step = ?, resumed_from_step = CASE WHEN ? > 0 THEN ? ELSE resumed_from_step END WHERE id = ?',
      totalSteps, fromStep, fromStep, fromStep, runId);
  }

  addPoint(runId: number, point: RecordPoint): void {
    this.run(
      `INSERT OR REPLACE INTO metric_points (run_id, step, epoch, eta, train_cost, train_loss, train_acc, val_cost, val_loss, val_acc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      runId, point.step, point.epoch, point.eta, point.train.cost, point.train.loss, point.train.accuracy,
      point.val.cost, point.val.loss, point.val.accuracy);
    this.run('UPDATE runs SET step = max(step, ?) WHERE id = ?', point.step, runId);
  }

  saveCheckpoint(runId: number, step: number, state: Uint8Array): void {
    this.run('INSERT OR REPLACE INTO checkpoints (run_id, step, state, created_at) VALUES (?, ?, ?, ?)', runId, step, state, now());
  }

  getCheckpoint(runId: number): { step: number; state: Uint8Array } | undefined {
    const row = this.one<{ step: number; state: unknown }>('SELECT step, state FROM checkpoints WHERE run_id = ?', runId);
    return row && { step: row.step, state: blobBytes(row.state) };
  }

  /** Before resuming from a checkpoint: the recorded points are exactly the checkpoint's. */
  resetPoints(runId: number, curves: readonly RecordPoint[]): void {
    const reset = this.db.transaction(() => {
      this.run('DELETE FROM metric_points WHERE run_id = ?', runId);
      for (const point of curves) this.addPoint(runId, point);
    });
    reset.immediate();
  }

  complete(runId: number, result: { steps: number; final: FinalMetrics; weights: TrainedWeights; computeSeconds: number }): void {
    const best = this.one<{ val_acc: number; step: number }>(
      'SELECT val_acc, step FROM metric_points WHERE run_id = ? ORDER BY val_acc DESC, step ASC LIMIT 1', runId);
    const { final, weights } = result;
    const save = this.db.transaction(() => {
      this.run(
        `UPDATE runs SET status = 'completed', step = ?, finished_at = ?, compute_seconds = compute_seconds + ?, final_json = ?,
         final_train_acc = ?, final_val_acc = ?, final_test_acc = ?, final_val_cost = ?, best_val_acc = ?, best_val_step = ?,
         cancel_requested = 0 WHERE id = ?`,
        result.steps, now(), result.computeSeconds, finiteJson(final), final.train.accuracy, final.val.accuracy,
        final.test.accuracy, final.val.cost, best?.val_acc ?? null, best?.step ?? null, runId);
      this.run('INSERT OR REPLACE INTO weights (run_id, precision, layers_json, params, running) VALUES (?, ?, ?, ?, ?)',
        runId, weights.precision, JSON.stringify(weights.layers), weights.params, weights.running);
      this.run('DELETE FROM checkpoints WHERE run_id = ?', runId);
    });
    save.immediate();
  }

  /** Ends a run that diverged, threw, or was cancelled; its checkpoint goes (it will not resume). */
  finish(runId: number, status: 'diverged' | 'failed' | 'cancelled', error: AppError | null, computeSeconds: number, steps?: number): void {
    const save = this.db.transaction(() => {
      this.run(
        `UPDATE runs SET status = ?, finished_at = ?, compute_seconds = compute_seconds + ?, error_code = ?, error_message = ?,
         step = coalesce(?, step), cancel_requested = 0 WHERE id = ?`,
        status, now(), computeSeconds, error?.code ?? null, error?.message ?? null, steps ?? null, runId);
      this.run('DELETE FROM checkpoints WHERE run_id = ?', runId);
    });
    save.immediate();
  }

  /** A run stopped for a pause or a shutdown goes back to the queue, keeping its checkpoint. */
  requeue(runId: number, computeSeconds: number): void {
    this.run("UPDATE runs SET status = 'queued', compute_seconds = compute_seconds + ? WHERE id = ? AND status = 'running'", computeSeconds, runId);
  }

  /**
   * At start-up: runs left `running` by a process that died go back to the queue (they resume
   * from their checkpoint), or become `cancelled` if a cancel was asked for meanwhile. Runs of
   * a live process (another `sweeplab` working on the same home) are left alone.
   */
  recoverInterrupted(isAlive: (pid: number) => boolean = processAlive): { requeued: number; cancelled: number } {
    const recover = this.db.transaction(() => {
      const orphans = this.all<{ id: number; owner_pid: number | null; cancel_requested: number }>(
        "SELECT id, owner_pid, cancel_requested FROM runs WHERE status = 'running'")
        .filter((r) => r.owner_pid === null || (r.owner_pid !== process.pid && !isAlive(r.owner_pid)));
      let requeued = 0, cancelled = 0;
      for (const run of orphans) {
        if (run.cancel_requested === 1) {
          this.run("UPDATE runs SET status = 'cancelled', finished_at = ?, cancel_requested = 0, owner_pid = NULL WHERE id = ?", now(), run.id);
          this.run('DELETE FROM checkpoints WHERE run_id = ?', run.id);
          cancelled++;
        } else {
          this.run("UPDATE runs SET status = 'queued', owner_pid = NULL WHERE id = ?", run.id);
          requeued++;
        }
      }
      return { requeued, cancelled };
    });
    return recover.immediate();
  }

  // ---- control ----

  /**
   * Cancels a queued run at once; a running one is flagged and stops at its next step (the
   * engine that runs it polls `cancelRequested`). Finished runs are left as they are.
   */
  cancelRun(runId: number): { cancelled: number; stopping: number } {
    const change = this.db.transaction(() => {
      const cancelled = this.run(
        "UPDATE runs SET status = 'cancelled', finished_at = ? WHERE id = ? AND status = 'queued'", now(), runId).changes;
      const stopping = this.run("UPDATE runs SET cancel_requested = 1 WHERE id = ? AND status = 'running'", runId).changes;
      this.run("DELETE FROM checkpoints WHERE run_id = ? AND ? > 0", runId, cancelled);
      return { cancelled, stopping };
    });
    return change.immediate();
  }

  cancelSweep(sweepId: number): { cancelled: number; stopping: number } {
    const change = this.db.transaction(() => {
      this.run("UPDATE sweeps SET status = 'cancelled' WHERE id = ?", sweepId);
      const cancelled = this.run(
        "UPDATE runs SET status = 'cancelled', finished_at = ? WHERE sweep_id = ? AND status = 'queued'", now(), sweepId).changes;
      const stopping = this.run("UPDATE runs SET cancel_requested = 1 WHERE sweep_id = ? AND status = 'running'", sweepId).changes;
      this.run("DELETE FROM checkpoints WHERE run_id IN (SELECT id FROM runs WHERE sweep_id = ? AND status = 'cancelled')", sweepId);
      return { cancelled, stopping };
    });
    return change.immediate();
  }

  /** Of these running runs, the ones someone asked to cancel. */
  cancelRequested(runIds: readonly number[]): number[] {
    if (runIds.length === 0) return [];
    return this.all<{ id: number }>(
      `SELECT id FROM runs WHERE cancel_requested = 1 AND id IN (${runIds.map(() => '?').join(', ')})`, ...runIds).map((r) => r.id);
  }

  /**
   * Puts failed, diverged or cancelled runs back in the queue, from scratch (their points go).
   * `runId` picks one run; otherwise every `failed` run (of `sweepId` if given).
   */
  retry(target: { runId: number } | { sweepId?: number }): number {
    const change = this.db.transaction(() => {
      const ids = 'runId' in target
        ? this.all<{ id: number }>("SELECT id FROM runs WHERE id = ? AND status IN ('failed', 'diverged', 'cancelled')", target.runId)
        : this.all<{ id: number }>(`SELECT id FROM runs WHERE status = 'failed' ${target.sweepId === undefined ? '' : 'AND sweep_id = ?'}`,
          ...(target.sweepId === undefined ? [] : [target.sweepId]));
      for (const { id } of ids) {
        this.run('DELETE FROM metric_points WHERE run_id = ?', id);
        this.run('DELETE FROM checkpoints WHERE run_id = ?', id);
        this.run(`UPDATE runs SET status = 'queued', step = 0, error_code = NULL, error_message = NULL, finished_at = NULL,
                  cancel_requested = 0, resumed_from_step = NULL WHERE id = ?`, id);
        this.run("UPDATE sweeps SET status = 'active' WHERE id = (SELECT sweep_id FROM runs WHERE id = ?)", id);
      }
      return ids.length;
    });
    return change.immediate();
  }

  setPriority(runId: number, priority: number): void {
    this.run('UPDATE runs SET priority = ? WHERE id = ?', priority, runId);
  }

  // ---- reading ----

  listRuns(filter: RunFilter = {}): RunRecord[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.sweepId !== undefined) { where.push('r.sweep_id = ?'); params.push(filter.sweepId); }
    if (filter.status !== undefined) { where.push('r.status = ?'); params.push(filter.status); }
    const order = SORT_KEYS[filter.sort ?? 'id'];
    // NULLs (unfinished runs) last whatever the direction.
    const nullsLast = order.replace(/ (ASC|DESC)$/, '') + ' IS NULL';
    return this.all<RunRow>(
      `SELECT r.* FROM runs r ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${nullsLast}, ${order}, r.id ASC`,
      ...params).map(toRun);
  }

  getRun(runId: number): RunRecord | undefined {
    const row = this.one<RunRow>('SELECT * FROM runs WHERE id = ?', runId);
    return row && toRun(row);
  }

  getCurves(runId: number): RecordPoint[] {
    return this.all<PointRow>('SELECT * FROM metric_points WHERE run_id = ? ORDER BY step', runId).map(toPoint);
  }

  /**
   * Each run's last recorded point at or before update step N (or epoch N): what a run
   * showed "at step N", for many runs in one query instead of reading every curve. Runs
   * with no point that early are left out; `runIds` limits the runs (default: all).
   */
  pointsAt(at: { step: number } | { epoch: number }, runIds?: readonly number[]): Array<{ runId: number; point: RecordPoint }> {
    const [column, limit] = 'step' in at ? ['step', at.step] : ['epoch', at.epoch + 1e-9]; // epochs are fractions: allow rounding
    // SQLite takes the bare columns of a max() aggregate from the row holding the maximum.
    const rows = this.all<PointRow & { run_id: number }>(
      `SELECT run_id, max(step) AS step, epoch, eta, train_cost, train_loss, train_acc, val_cost, val_loss, val_acc
       FROM metric_points WHERE ${column} <= ? ${runIds ? 'AND run_id IN (SELECT value FROM json_each(?))' : ''} GROUP BY run_id`,
      limit, ...(runIds ? [JSON.stringify(runIds)] : []));
    return rows.map((row) => ({ runId: row.run_id, point: toPoint(row) }));
  }

  getWeights(runId: number): TrainedWeights | undefined {
    const row = this.one<{ precision: 'float32' | 'float64'; layers_json: string; params: unknown; running: unknown }>(
      'SELECT precision, layers_json, params, running FROM weights WHERE run_id = ?', runId);
    return row && { precision: row.precision, layers: JSON.parse(row.layers_json) as number[], params: blobBytes(row.params), running: blobBytes(row.running) };
  }

  listSweeps(): (SweepRecord & { counts: Record<RunStatus, number> })[] {
    return this.all<{ id: number }>('SELECT id FROM sweeps ORDER BY id').map(({ id }) => ({ ...this.getSweep(id)!, counts: this.counts(id) }));
  }
}

type PointRow = { step: number; epoch: number; eta: number; train_cost: number | null; train_loss: number | null; train_acc: number | null; val_cost: number | null; val_loss: number | null; val_acc: number | null };

function toPoint(p: PointRow): RecordPoint {
  return {
    step: p.step, epoch: p.epoch, eta: p.eta,
    train: { cost: num(p.train_cost), loss: num(p.train_loss), accuracy: num(p.train_acc) } satisfies SetMetrics,
    val: { cost: num(p.val_cost), loss: num(p.val_loss), accuracy: num(p.val_acc) } satisfies SetMetrics,
  };
}

function toRun(row: RunRow): RunRecord {
  return {
    id: row.id, sweepId: row.sweep_id, pointIndex: row.point_index, label: row.label,
    point: JSON.parse(row.point_json) as Record<string, unknown>, repeat: row.repeat,
    config: JSON.parse(row.config_json) as TrainConfig, seed: row.seed, status: row.status, priority: row.priority,
    cancelRequested: row.cancel_requested === 1, attempts: row.attempts, resumedFromStep: row.resumed_from_step,
    step: row.step, totalSteps: row.total_steps, createdAt: row.created_at, startedAt: row.started_at,
    finishedAt: row.finished_at, computeSeconds: row.compute_seconds,
    error: row.error_code ? { code: row.error_code as AppError['code'], message: row.error_message ?? '' } : null,
    appVersion: row.app_version,
    final: row.final_json ? parseFiniteJson<FinalMetrics>(row.final_json) : null,
    bestVal: row.best_val_acc === null ? null : { accuracy: row.best_val_acc, step: row.best_val_step ?? 0 },
  };
}
