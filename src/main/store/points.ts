// The points a run records on its way (step, epoch, cost, loss and accuracy on the training
// and validation sets): writing them, a run's whole curve, and many runs' points at one step
// or epoch. Final metrics and the best validation point are the run's own (queue.ts, runs.ts).
import type { RecordPoint, SetMetrics } from '../../core/metrics.ts';
import type { StoreConnection } from './connection.ts';

type PointRow = { step: number; epoch: number; eta: number; train_cost: number | null; train_loss: number | null; train_acc: number | null; val_cost: number | null; val_loss: number | null; val_acc: number | null };

/** A NULL read back from a REAL column was a NaN or an infinity written by a diverging run. */
const num = (value: number | null): number => (value === null ? Number.NaN : value);

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
  return connection.all<PointRow>('SELECT * FROM metric_points WHERE run_id = ? ORDER BY step', runId).map(toPoint);
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
  return rows.map((row) => ({ runId: row.run_id, point: toPoint(row) }));
}

function toPoint(p: PointRow): RecordPoint {
  return {
    step: p.step, epoch: p.epoch, eta: p.eta,
    train: { cost: num(p.train_cost), loss: num(p.train_loss), accuracy: num(p.train_acc) } satisfies SetMetrics,
    val: { cost: num(p.val_cost), loss: num(p.val_loss), accuracy: num(p.val_acc) } satisfies SetMetrics,
  };
}
