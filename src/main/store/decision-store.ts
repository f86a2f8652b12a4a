// The scheduler's rung decisions (schema 4): one row per run and rung with its evidence (the
// run's value, the threshold, how many runs were at the rung). ASHA reads the values earlier
// runs of the sweep had at a rung from here; `show`, the Run view and the Queue read why a run
// was pruned. Deciding is src/core/search/asha.ts's; stopping the run is the engine's.
import type { RecordedMetric, RungDecision } from '../../core/search/asha.ts';
import type { RunStore } from './run-store.ts';

interface DecisionRow {
  run_id: number; rung: number; rung_step: number; step: number; metric: string;
  value: number | null; threshold: number | null; competitors: number; action: 'continue' | 'prune';
}

const num = (value: number | null) => (value === null ? Number.NaN : value);

function toDecision(row: DecisionRow): RungDecision {
  return {
    rung: row.rung, rungStep: row.rung_step, step: row.step, metric: row.metric as RecordedMetric,
    value: num(row.value), threshold: num(row.threshold), competitors: row.competitors, action: row.action,
  };
}

export class DecisionStore {
  constructor(private readonly store: RunStore) {}

  private prepare(sql: string) {
    return this.store.prepared(sql);
  }

  save(runId: number, decision: RungDecision): void {
    const finite = (v: number) => (Number.isFinite(v) ? v : null);
    this.prepare(`INSERT OR REPLACE INTO rung_decisions (run_id, rung, rung_step, step, metric, value, threshold, competitors, action)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(runId, decision.rung, decision.rungStep, decision.step, decision.metric, finite(decision.value), finite(decision.threshold), decision.competitors, decision.action);
  }

  /** A run's decisions, rung by rung. */
  of(runId: number): RungDecision[] {
    return (this.prepare('SELECT * FROM rung_decisions WHERE run_id = ? ORDER BY rung').all(runId) as DecisionRow[]).map(toDecision);
  }

  /** The decision that pruned each pruned run (of a sweep, or all), by run id. */
  pruning(sweepId?: number): Map<number, RungDecision> {
    const rows = this.prepare(`SELECT d.* FROM rung_decisions d JOIN runs r ON r.id = d.run_id
      WHERE d.action = 'prune' AND (? IS NULL OR r.sweep_id = ?)`).all(sweepId ?? null, sweepId ?? null) as DecisionRow[];
    return new Map(rows.map((row) => [row.run_id, toDecision(row)]));
  }

  /** The values the other runs of a sweep had at a rung (order does not matter to a decision). */
  valuesAt(sweepId: number, rung: number, exceptRunId: number): number[] {
    const rows = this.prepare(`SELECT d.value FROM rung_decisions d JOIN runs r ON r.id = d.run_id
      WHERE r.sweep_id = ? AND d.rung = ? AND d.run_id != ? ORDER BY d.run_id`).all(sweepId, rung, exceptRunId) as { value: number | null }[];
    return rows.map((r) => num(r.value));
  }

  /** A run resuming from `step` (or restarting, step 0) is judged again on the rungs after it. */
  dropAfter(runId: number, step: number): void {
    this.prepare('DELETE FROM rung_decisions WHERE run_id = ? AND step > ?').run(runId, step);
  }
}
