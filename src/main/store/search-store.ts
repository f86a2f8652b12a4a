// What early stopping and model-based search need of the run store: ending a run as `pruned`
// (its curves and weights kept, its checkpoint dropped), adding a search's next trial to its
// sweep, and a sweep's finished runs in the order they finished (TPE's input). Shares the
// RunStore's database; deciding is src/core/search's, orchestrating src/main/engine's.
import type { SweepPoint } from '../../shared/sweep/expand.ts';
import type { TrainedWeights } from '../../shared/worker-protocol.ts';
import type { RunRecord, RunStore } from './run-store.ts';

/** Statuses of a run that ended by itself or was stopped for good (not cancelled: not a trial). */
const FINISHED = new Set(['completed', 'pruned', 'diverged', 'failed']);

export class SearchStore {
  constructor(private readonly store: RunStore) {}

  private prepare(sql: string) {
    return this.store.prepared(sql);
  }

  /** Ends a run the scheduler stopped at `steps`: pruned, weights kept, best val from its points. */
  prune(runId: number, result: { steps: number; weights: TrainedWeights; computeSeconds: number }): void {
    const { weights } = result;
    this.store.db.transaction(() => {
      // all()[0], not get(): a cached statement's get() answered with another run's row.
      const [best] = this.prepare('SELECT val_acc, step FROM metric_points WHERE run_id = ? ORDER BY val_acc DESC, step ASC LIMIT 1')
        .all(runId) as { val_acc: number; step: number }[];
      this.prepare(`UPDATE runs SET status = 'pruned', step = ?, finished_at = ?, compute_seconds = compute_seconds + ?,
        best_val_acc = ?, best_val_step = ?, cancel_requested = 0 WHERE id = ?`)
        .run(result.steps, new Date().toISOString(), result.computeSeconds, best?.val_acc ?? null, best?.step ?? null, runId);
      this.prepare('INSERT OR REPLACE INTO weights (run_id, precision, layers_json, params, running) VALUES (?, ?, ?, ?, ?)')
        .run(runId, weights.precision, JSON.stringify(weights.layers), weights.params, weights.running);
      this.prepare('DELETE FROM checkpoints WHERE run_id = ?').run(runId);
    }).immediate();
  }

  /** Queues trial `trial.index` of a search as a run of its sweep; returns the run id. */
  addTrial(sweepId: number, trial: SweepPoint, priority: number): number {
    const { lastInsertRowid } = this.prepare(
      `INSERT INTO runs (sweep_id, point_index, label, point_json, repeat, config_json, seed, priority, created_at, app_version)
       VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`)
      .run(sweepId, trial.index, trial.label, JSON.stringify(trial.point), JSON.stringify(trial.config), trial.config.seed,
        priority, new Date().toISOString(), this.store.appVersion);
    return Number(lastInsertRowid);
  }

  /** A sweep's runs split into finished (in finishing order), in flight, and all. */
  trialsOf(sweepId: number): { finished: RunRecord[]; inFlight: number; total: number } {
    const runs = this.store.listRuns({ sweepId });
    const finished = runs.filter((r) => FINISHED.has(r.status))
      .sort((a, b) => (a.finishedAt ?? '').localeCompare(b.finishedAt ?? '') || a.id - b.id);
    const inFlight = runs.filter((r) => r.status === 'queued' || r.status === 'running').length;
    return { finished, inFlight, total: runs.length };
  }
}
