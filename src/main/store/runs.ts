// The sweeps and runs of a store as records: creating a sweep with its runs, reading one,
// listing and counting them. How a run moves through the queue is queue.ts; its recorded
// points are points.ts.
import type { TrainConfig } from '../../core/config.ts';
import type { FinalMetrics } from '../../core/metrics.ts';
import type { AppError } from '../../shared/errors.ts';
import { isErrorCode } from '../../shared/errors.ts';
import type { StoreConnection } from './connection.ts';
import { now } from './connection.ts';
import { checkRow, runRowSchema, sweepRowSchema } from './row-checks.ts';
import type { RunStatus } from './schema.ts';
import { RUN_STATUSES } from './schema.ts';

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
  /** The remote worker (name@host) that runs or last ran it; null on this machine's pool. */
  worker: string | null;
}

/** Sort keys of `listRuns`, each a column (descending for accuracies, ascending otherwise). */
export const SORT_KEYS = {
  id: 'r.id ASC',
  val: 'r.final_val_acc DESC',
  test: 'r.final_test_acc DESC',
  train: 'r.final_train_acc DESC',
  'best-val': 'r.best_val_acc DESC',
  'val-cost': 'r.final_val_cost ASC',
  // json_valid first: json_extract raises on a row whose text is not JSON (row-checks.ts reports that row).
  lambda: "CASE WHEN json_valid(r.config_json) THEN json_extract(r.config_json, '$.lambda') END ASC",
  time: 'r.compute_seconds ASC',
} as const;
export type SortKey = keyof typeof SORT_KEYS;

export interface RunFilter {
  sweepId?: number;
  status?: RunStatus;
  sort?: SortKey;
}

/** A row of the runs table as SQLite returns it: unchecked (row-checks.ts checks it). */
export type RunRow = Record<string, unknown> & { id: unknown };

/** JSON for final metrics, which may hold NaN or ±Infinity (a diverged evaluation). */
export const finiteJson = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));

export function createSweep(connection: StoreConnection, sweep: NewSweep): number {
  return connection.immediate(() => {
    const created = now();
    const { lastInsertRowid } = connection.run(
      'INSERT INTO sweeps (name, spec_json, parent_id, data_source, created_at) VALUES (?, ?, ?, ?, ?)',
      sweep.name, JSON.stringify(sweep.spec), sweep.parentId ?? null, sweep.dataSource ?? null, created);
    const sweepId = Number(lastInsertRowid);
    const add = connection.prepared(
      `INSERT INTO runs (sweep_id, point_index, label, point_json, repeat, config_json, seed, priority, created_at, app_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const run of sweep.runs) {
      add.run(sweepId, run.pointIndex ?? run.index, run.label, JSON.stringify(run.point), run.repeat, JSON.stringify(run.config),
        run.config.seed, sweep.priority ?? 0, created, connection.appVersion);
    }
    return sweepId;
  });
}

/** One sweep; a BadRowError (bad_data) when its row cannot be read. */
export function getSweep(connection: StoreConnection, id: number): SweepRecord | undefined {
  const row = connection.one<Record<string, unknown>>('SELECT * FROM sweeps WHERE id = ?', id);
  if (!row) return undefined;
  const checked = checkRow(sweepRowSchema, row, `sweep ${id}`);
  return {
    id: checked.id, name: checked.name, spec: checked.spec_json, parentId: checked.parent_id, status: checked.status,
    dataSource: checked.data_source, createdAt: checked.created_at,
  };
}

/** Run counts per status, for one sweep or for the whole store. */
export function counts(connection: StoreConnection, sweepId?: number): Record<RunStatus, number> {
  const rows = sweepId === undefined
    ? connection.all<{ status: RunStatus; n: number }>('SELECT status, count(*) AS n FROM runs GROUP BY status')
    : connection.all<{ status: RunStatus; n: number }>('SELECT status, count(*) AS n FROM runs WHERE sweep_id = ? GROUP BY status', sweepId);
  const byStatus = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
  for (const { status, n } of rows) byStatus[status] = n;
  return byStatus;
}

export function listSweeps(connection: StoreConnection): (SweepRecord & { counts: Record<RunStatus, number> })[] {
  return connection.readable(connection.all<{ id: number }>('SELECT id FROM sweeps ORDER BY id'),
    ({ id }) => ({ ...getSweep(connection, id)!, counts: counts(connection, id) }));
}

export function listRuns(connection: StoreConnection, filter: RunFilter = {}): RunRecord[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.sweepId !== undefined) { where.push('r.sweep_id = ?'); params.push(filter.sweepId); }
  if (filter.status !== undefined) { where.push('r.status = ?'); params.push(filter.status); }
  const order = SORT_KEYS[filter.sort ?? 'id'];
  // NULLs (unfinished runs) last whatever the direction.
  const nullsLast = order.replace(/ (ASC|DESC)$/, '') + ' IS NULL';
  return connection.readable(connection.all<RunRow>(
    `SELECT r.* FROM runs r ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${nullsLast}, ${order}, r.id ASC`,
    ...params), toRun);
}

/** One run; a BadRowError (bad_data) when its row cannot be read. */
export function getRun(connection: StoreConnection, runId: number): RunRecord | undefined {
  const row = connection.one<RunRow>('SELECT * FROM runs WHERE id = ?', runId);
  return row && toRun(row);
}

export function toRun(unchecked: RunRow): RunRecord {
  const row = checkRow(runRowSchema, unchecked, `run ${String(unchecked.id)}`);
  return {
    id: row.id, sweepId: row.sweep_id, pointIndex: row.point_index, label: row.label,
    point: row.point_json, repeat: row.repeat,
    config: row.config_json, seed: row.seed, status: row.status, priority: row.priority,
    cancelRequested: row.cancel_requested === 1, attempts: row.attempts, resumedFromStep: row.resumed_from_step,
    step: row.step, totalSteps: row.total_steps, createdAt: row.created_at, startedAt: row.started_at,
    finishedAt: row.finished_at, computeSeconds: row.compute_seconds,
    error: row.error_code ? { code: isErrorCode(row.error_code) ? row.error_code : 'internal', message: row.error_message ?? '' } : null,
    appVersion: row.app_version,
    final: row.final_json,
    bestVal: row.best_val_acc === null ? null : { accuracy: row.best_val_acc, step: row.best_val_step ?? 0 },
    worker: row.worker,
  };
}
