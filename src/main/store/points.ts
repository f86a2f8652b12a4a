// The points a run records on its way (step, epoch, cost, loss and accuracy on the training
// and validation sets): writing them, a run's whole curve, and many runs' points at one step
// or epoch. Final metrics and the best validation point are the run's own (queue.ts, runs.ts).
import type { RecordPoint, SetMetrics } from '../../core/metrics.ts';
import type { StoreConnection } from './connection.ts';
import { BadRowError } from './row-checks.ts';

type PointRow = { step: unknown; epoch: unknown; eta: unknown; train_cost: unknown; train_loss: unknown; train_acc: unknown; val_cost: unknown; val_loss: unknown; val_acc: unknown };

/**
 * A NULL read back from a REAL column was a NaN or an infinity written by a diverging run;
 * anything else that is not a number (text an editor put there) is shown as missing too.
 */
const num = (value: unknown): number => (typeof value === 'number' ? value : Number.NaN);

export function addPoint(connection: StoreConnection, runId: number, point: RecordPoint): void {
  connection.run(
    `INSERT OR REPLACE INTO metric_points (run_id, step, epoch, eta, train_cost, train_loss, train_acc, val_cost, val_loss, val_acc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    runId, point.step, point.epoch, point.eta, point.train.cost, point.train.loss, point.train.accuracy,
    point.val.cost, point.val.loss, point.val.accuracy);
  connection.run('UPDATE runs SET step = max(step, ?) WHERE id = ?', point.step, runId);
}

/** Before resuming from a checkpoint: the recorded points are exactly the checkpoint's. */
export function resetPoints(connection: StoreConnection, runId: number, curves: readonly RecordPoint[]): void {
  connection.immediate(() => {
    connection.run('DELETE FROM metric_points WHERE run_id = ?', runId);
    for (const point of curves) addPoint(connection, runId, point);
  });
}

export function getCurves(connection: StoreConnection, runId: number): RecordPoint[] {
  return connection.readable(connection.all<PointRow>('SELECT * FROM metric_points WHERE run_id = ? ORDER BY step', runId),
    (row) => toPoint(row, runId));
}

/**
 * Each run's last recorded point at or before update step N (or epoch N): what a run
 * showed "at step N", for many runs in one query instead of reading every curve. Runs
 * with no point that early are left out; `runIds` limits the runs (default: all).
 */
export function pointsAt(connection: StoreConnection, at: { step: number } | { epoch: number }, runIds?: readonly number[]): Array<{ runId: number; point: RecordPoint }> {
  const [column, limit] = 'step' in at ? ['step', at.step] : ['epoch', at.epoch + 1e-9]; // epochs are fractions: allow rounding
  // SQLite takes the bare columns of a max() aggregate from the row holding the maximum.
  const rows = connection.all<PointRow & { run_id: number }>(
    `SELECT run_id, max(step) AS step, epoch, eta, train_cost, train_loss, train_acc, val_cost, val_loss, val_acc
     FROM metric_points WHERE ${column} <= ? ${runIds ? 'AND run_id IN (SELECT value FROM json_each(?))' : ''} GROUP BY run_id`,
    limit, ...(runIds ? [JSON.stringify(runIds)] : []));
  return connection.readable(rows, (row) => ({ runId: row.run_id, point: toPoint(row, row.run_id) }));
}

/** A point whose step, epoch or η is not a number cannot be placed on a chart: it is left out. */
function toPoint(p: PointRow, runId: number): RecordPoint {
  if (typeof p.step !== 'number' || typeof p.epoch !== 'number' || typeof p.eta !== 'number') {
    throw new BadRowError(`a recorded point of run ${runId}`, `step ${String(p.step)}: step, epoch and eta must be numbers`);
  }
  return {
    step: p.step, epoch: p.epoch, eta: p.eta,
    train: { cost: num(p.train_cost), loss: num(p.train_loss), accuracy: num(p.train_acc) } satisfies SetMetrics,
    val: { cost: num(p.val_cost), loss: num(p.val_loss), accuracy: num(p.val_acc) } satisfies SetMetrics,
  };
}
