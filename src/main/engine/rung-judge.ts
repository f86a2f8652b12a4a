// Early stopping in the engine: for a run of a sweep with a scheduler, judges each recorded
// point (src/core/search/asha.ts) against the values the sweep's other runs had at the rung,
// stores every decision with its evidence, and tells the worker — waiting on the verdict word —
// to go on or to stop as pruned. Runs of sweeps without a scheduler are not judged.
import type { RecordPoint } from '../../core/metrics.ts';
import { judgePoint } from '../../core/search/asha.ts';
import type { AshaSpec, RungDecision } from '../../core/search/asha.ts';
import { CONTROL, VERDICT } from '../../shared/worker-protocol.ts';
import { DecisionStore } from '../store/decision-store.ts';
import type { RunRecord, RunStore } from '../store/run-store.ts';

export class RungJudge {
  private readonly decisions: DecisionStore;
  private readonly schedulers = new Map<number, AshaSpec | null>();

  constructor(private readonly store: RunStore) {
    this.decisions = new DecisionStore(store);
  }

  /** The scheduler of a run's sweep, if any (read once per sweep). */
  schedulerOf(run: RunRecord): AshaSpec | undefined {
    if (run.sweepId === null) return undefined;
    if (!this.schedulers.has(run.sweepId)) {
      const spec = this.store.getSweep(run.sweepId)?.spec as { scheduler?: AshaSpec } | undefined;
      this.schedulers.set(run.sweepId, spec?.scheduler ?? null);
    }
    return this.schedulers.get(run.sweepId) ?? undefined;
  }

  /** Before a run starts or resumes at `fromStep`: rungs past it are judged again. */
  prepare(run: RunRecord, fromStep: number): void {
    if (this.schedulerOf(run)) this.decisions.dropAfter(run.id, fromStep);
  }

  /**
   * Judges a recorded point and releases the waiting worker; returns the decisions made (the
   * last one a prune when the run stops). The worker is released even if judging throws.
   */
  judge(run: RunRecord, point: RecordPoint, control: Int32Array): RungDecision[] {
    try {
      const scheduler = this.schedulerOf(run);
      if (!scheduler || run.totalSteps === null || run.sweepId === null) return [];
      const sweepId = run.sweepId;
      const decided = this.decisions.of(run.id).length;
      const made = judgePoint(scheduler, run.totalSteps, point, decided, (rung) => this.decisions.valuesAt(sweepId, rung, run.id));
      for (const decision of made) this.decisions.save(run.id, decision);
      if (made.at(-1)?.action === 'prune') Atomics.store(control, 0, CONTROL.prune);
      return made;
    } finally {
      Atomics.store(control, 1, VERDICT.free);
      Atomics.notify(control, 1);
    }
  }
}
