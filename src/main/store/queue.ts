// The runs table as a queue, and each run's way through it: which queued run starts next
// (priority, then age), the process that claims it, how it ends (completed, diverged, failed,
// cancelled) or goes back (requeued after a pause or a dead process, retried), and the
// cancels and priorities asked for meanwhile. Several processes may run the queue of one home.
import type { FinalMetrics } from '../../core/metrics.ts';
import type { AppError } from '../../shared/errors.ts';
import type { TrainedWeights } from '../../shared/worker-protocol.ts';
import type { StoreConnection } from './connection.ts';
import { now } from './connection.ts';
import { BadRowError } from './row-checks.ts';
import { finiteJson, toRun } from './runs.ts';
import type { RunRecord, RunRow } from './runs.ts';

/** Whether a process with this id exists (signal 0 checks without signalling). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/**
 * The next run to start: highest priority first, then oldest; runs of cancelled sweeps never.
 * `sweepId` asks for one sweep's runs; otherwise `queueSweeps` limits them (null: every sweep).
 */
export function nextQueued(connection: StoreConnection, queueSweeps: readonly number[] | null,
  options: { sweepId?: number; exclude?: ReadonlySet<number> } = {}): RunRecord | undefined {
  const exclude = [...(options.exclude ?? [])];
  const sweeps = options.sweepId === undefined ? queueSweeps : [options.sweepId];
  if (sweeps?.length === 0) return undefined;
  for (;;) {
    const rows = connection.all<RunRow>(
      `SELECT r.* FROM runs r LEFT JOIN sweeps s ON s.id = r.sweep_id
       WHERE r.status = 'queued' AND (s.status IS NULL OR s.status = 'active')
         ${sweeps ? `AND r.sweep_id IN (${sweeps.map(() => '?').join(', ')})` : ''}
         ${exclude.length ? `AND r.id NOT IN (${exclude.map(() => '?').join(', ')})` : ''}
       ORDER BY r.priority DESC, r.id ASC LIMIT 1`,
      ...(sweeps ?? []), ...exclude);
    if (!rows[0]) return undefined;
    try {
      return toRun(rows[0]);
    } catch (err) {
      if (!(err instanceof BadRowError)) throw err;
      // A queued run that cannot be read can never train: it fails with the reason instead of blocking the queue.
      connection.reportBadRow(err.message);
      if (connection.db.readonly) return undefined;
      connection.run(`UPDATE runs SET status = 'failed', error_code = 'bad_data', error_message = ?, finished_at = ? WHERE id = ?`,
        err.message, now(), rows[0].id);
    }
  }
}

/**
 * Takes a queued run for this process: false when another process took it first (several
 * processes may run the queue of one home).
 */
export function claim(connection: StoreConnection, runId: number, ownerPid: number = process.pid): boolean {
  return connection.run(`UPDATE runs SET status = 'running', owner_pid = ?, attempts = attempts + 1, started_at = coalesce(started_at, ?),
            error_code = NULL, error_message = NULL WHERE id = ? AND status = 'queued'`, ownerPid, now(), runId).changes === 1;
}

export function noteStarted(connection: StoreConnection, runId: number, fromStep: number, totalSteps: number): void {
  connection.run('UPDATE runs SET total_steps = ?, step = ?, resumed_from_step = CASE WHEN ? > 0 THEN ? ELSE resumed_from_step END WHERE id = ?',
    totalSteps, fromStep, fromStep, fromStep, runId);
}

export function complete(connection: StoreConnection, runId: number,
  result: { steps: number; final: FinalMetrics; weights: TrainedWeights; computeSeconds: number }): void {
  const best = connection.one<{ val_acc: number; step: number }>(
    'SELECT val_acc, step FROM metric_points WHERE run_id = ? ORDER BY val_acc DESC, step ASC LIMIT 1', runId);
  const { final, weights } = result;
  connection.immediate(() => {
    connection.run(
      `UPDATE runs SET status = 'completed', step = ?, finished_at = ?, compute_seconds = compute_seconds + ?, final_json = ?,
       final_train_acc = ?, final_val_acc = ?, final_test_acc = ?, final_val_cost = ?, best_val_acc = ?, best_val_step = ?,
       cancel_requested = 0 WHERE id = ?`,
      result.steps, now(), result.computeSeconds, finiteJson(final), final.train.accuracy, final.val.accuracy,
      final.test.accuracy, final.val.cost, best?.val_acc ?? null, best?.step ?? null, runId);
    connection.run('INSERT OR REPLACE INTO weights (run_id, precision, layers_json, params, running) VALUES (?, ?, ?, ?, ?)',
      runId, weights.precision, JSON.stringify(weights.layers), weights.params, weights.running);
    connection.run('DELETE FROM checkpoints WHERE run_id = ?', runId);
  });
}

/** Ends a run that diverged, threw, or was cancelled; its checkpoint goes (it will not resume). */
export function finish(connection: StoreConnection, runId: number, status: 'diverged' | 'failed' | 'cancelled',
  error: AppError | null, computeSeconds: number, steps?: number): void {
  connection.immediate(() => {
    connection.run(
      `UPDATE runs SET status = ?, finished_at = ?, compute_seconds = compute_seconds + ?, error_code = ?, error_message = ?,
       step = coalesce(?, step), cancel_requested = 0 WHERE id = ?`,
      status, now(), computeSeconds, error?.code ?? null, error?.message ?? null, steps ?? null, runId);
    connection.run('DELETE FROM checkpoints WHERE run_id = ?', runId);
  });
}

/** A run stopped for a pause or a shutdown goes back to the queue, keeping its checkpoint. */
export function requeue(connection: StoreConnection, runId: number, computeSeconds: number): void {
  connection.run("UPDATE runs SET status = 'queued', compute_seconds = compute_seconds + ? WHERE id = ? AND status = 'running'", computeSeconds, runId);
}

/**
 * At start-up: runs left `running` by a process that died go back to the queue (they resume
 * from their checkpoint), or become `cancelled` if a cancel was asked for meanwhile. Runs of
 * a live process (another `sweeplab` working on the same home) are left alone.
 */
export function recoverInterrupted(connection: StoreConnection, isAlive: (pid: number) => boolean = processAlive): { requeued: number; cancelled: number } {
  return connection.immediate(() => {
    const orphans = connection.all<{ id: number; owner_pid: number | null; cancel_requested: number }>(
      "SELECT id, owner_pid, cancel_requested FROM runs WHERE status = 'running'")
      .filter((r) => r.owner_pid === null || (r.owner_pid !== process.pid && !isAlive(r.owner_pid)));
    let requeued = 0, cancelled = 0;
    for (const run of orphans) {
      if (run.cancel_requested === 1) {
        connection.run("UPDATE runs SET status = 'cancelled', finished_at = ?, cancel_requested = 0, owner_pid = NULL WHERE id = ?", now(), run.id);
        connection.run('DELETE FROM checkpoints WHERE run_id = ?', run.id);
        cancelled++;
      } else {
        connection.run("UPDATE runs SET status = 'queued', owner_pid = NULL WHERE id = ?", run.id);
        requeued++;
      }
    }
    return { requeued, cancelled };
  });
}

/**
 * Cancels a queued run at once; a running one is flagged and stops at its next step (the
 * engine that runs it polls `cancelRequested`). Finished runs are left as they are.
 */
export function cancelRun(connection: StoreConnection, runId: number): { cancelled: number; stopping: number } {
  return connection.immediate(() => {
    const cancelled = connection.run(
      "UPDATE runs SET status = 'cancelled', finished_at = ? WHERE id = ? AND status = 'queued'", now(), runId).changes;
    const stopping = connection.run("UPDATE runs SET cancel_requested = 1 WHERE id = ? AND status = 'running'", runId).changes;
    connection.run("DELETE FROM checkpoints WHERE run_id = ? AND ? > 0", runId, cancelled);
    return { cancelled, stopping };
  });
}

export function cancelSweep(connection: StoreConnection, sweepId: number): { cancelled: number; stopping: number } {
  return connection.immediate(() => {
    connection.run("UPDATE sweeps SET status = 'cancelled' WHERE id = ?", sweepId);
    const cancelled = connection.run(
      "UPDATE runs SET status = 'cancelled', finished_at = ? WHERE sweep_id = ? AND status = 'queued'", now(), sweepId).changes;
    const stopping = connection.run("UPDATE runs SET cancel_requested = 1 WHERE sweep_id = ? AND status = 'running'", sweepId).changes;
    connection.run("DELETE FROM checkpoints WHERE run_id IN (SELECT id FROM runs WHERE sweep_id = ? AND status = 'cancelled')", sweepId);
    return { cancelled, stopping };
  });
}

/** Of these running runs, the ones someone asked to cancel. */
export function cancelRequested(connection: StoreConnection, runIds: readonly number[]): number[] {
  if (runIds.length === 0) return [];
  return connection.all<{ id: number }>(
    `SELECT id FROM runs WHERE cancel_requested = 1 AND id IN (${runIds.map(() => '?').join(', ')})`, ...runIds).map((r) => r.id);
}

/**
 * Puts failed, diverged or cancelled runs back in the queue, from scratch (their points go).
 * `runId` picks one run; otherwise every `failed` run (of `sweepId` if given).
 */
export function retry(connection: StoreConnection, target: { runId: number } | { sweepId?: number }): number {
  return connection.immediate(() => {
    const ids = 'runId' in target
      ? connection.all<{ id: number }>("SELECT id FROM runs WHERE id = ? AND status IN ('failed', 'diverged', 'cancelled')", target.runId)
      : connection.all<{ id: number }>(`SELECT id FROM runs WHERE status = 'failed' ${target.sweepId === undefined ? '' : 'AND sweep_id = ?'}`,
        ...(target.sweepId === undefined ? [] : [target.sweepId]));
    for (const { id } of ids) {
      connection.run('DELETE FROM metric_points WHERE run_id = ?', id);
      connection.run('DELETE FROM checkpoints WHERE run_id = ?', id);
      connection.run(`UPDATE runs SET status = 'queued', step = 0, error_code = NULL, error_message = NULL, finished_at = NULL,
                cancel_requested = 0, resumed_from_step = NULL WHERE id = ?`, id);
      connection.run("UPDATE sweeps SET status = 'active' WHERE id = (SELECT sweep_id FROM runs WHERE id = ?)", id);
    }
    return ids.length;
  });
}

export function setPriority(connection: StoreConnection, runId: number, priority: number): void {
  connection.run('UPDATE runs SET priority = ? WHERE id = ?', priority, runId);
}
