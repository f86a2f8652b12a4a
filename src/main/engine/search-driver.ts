// Model-based search in the engine: keeps a search sweep supplied with trials. The prior draws
// of the start-up phase are queued at once; after that a new trial is proposed from the
// finished runs (in the order they finished) whenever fewer trials are queued or running than
// the lab has workers, until the search has its `trials`. With one worker each trial sees
// every earlier one finished, so the whole search is reproducible; with more it depends on
// which runs finished first. A killed search continues from the trials it has.
import { nextTrial } from '../../shared/sweep/search-trials.ts';
import type { FinishedRun } from '../../shared/sweep/search-trials.ts';
import { metricOf } from '../../shared/sweep/report.ts';
import { isSearchSweep } from '../../shared/search-schema.ts';
import type { AnySweepSpec, SearchSweepSpec } from '../../shared/search-schema.ts';
import { DecisionStore } from '../store/decision-store.ts';
import type { RunRecord, RunStore } from '../store/run-store.ts';
import { SearchStore } from '../store/search-store.ts';

export class SearchDriver {
  private readonly search: SearchStore;
  private readonly decisions: DecisionStore;

  constructor(private readonly store: RunStore) {
    this.search = new SearchStore(store);
    this.decisions = new DecisionStore(store);
  }

  /** The search spec of a sweep, or undefined for a grid sweep (or none). */
  specOf(sweepId: number | null): SearchSweepSpec | undefined {
    if (sweepId === null) return undefined;
    const spec = this.store.getSweep(sweepId)?.spec as AnySweepSpec | undefined;
    return spec && isSearchSweep(spec) ? spec : undefined;
  }

  /** Queues the trials a search needs now; returns how many were added. */
  topUp(sweepId: number, workers: number): number {
    const spec = this.specOf(sweepId);
    const sweep = this.store.getSweep(sweepId);
    if (!spec || sweep?.status !== 'active') return 0;
    const trials = this.search.trialsOf(sweepId);
    let { inFlight, total } = trials;
    const finished = trials.finished;
    const history = finished.map((run) => this.finishedRun(spec, run));
    let added = 0;
    while (total < spec.search.trials && (total < spec.search.startup || inFlight < Math.max(1, workers))) {
      this.search.addTrial(sweepId, nextTrial(spec, history, total), spec.priority);
      total++;
      inFlight++;
      added++;
    }
    return added;
  }

  private finishedRun(spec: SearchSweepSpec, run: RunRecord): FinishedRun {
    const pruning = run.status === 'pruned' ? this.decisions.of(run.id).find((d) => d.action === 'prune') : undefined;
    return {
      point: run.point,
      status: run.status,
      // The run record has the best val accuracy without its curve.
      value: spec.search.metric === 'best.val.accuracy'
        ? run.bestVal?.accuracy
        : metricOf({ config: run.config, point: run.point, status: run.status, final: run.final ?? undefined, curves: [] }, spec.search.metric),
      prunedAt: pruning && { step: pruning.step, value: pruning.value },
    };
  }
}

/** Tops up every search sweep in scope (all, or one); returns how many trials were queued. */
export function supplySearches(store: RunStore, workers: number, sweepId?: number): number {
  const driver = new SearchDriver(store);
  const sweeps = sweepId === undefined ? store.listSweeps().map((s) => s.id) : [sweepId];
  return sweeps.reduce((added, id) => added + driver.topUp(id, workers), 0);
}
