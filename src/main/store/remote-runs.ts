// The store writes only remote runs need, kept beside the run store rather than in it: which
// worker holds a run, and dropping the points a dead worker recorded past the checkpoint the
// next worker continues from (they come again, identical). The coordinator calls these; no
// worker ever opens the store.
import type { RunStore } from './run-store.ts';

export function setRunWorker(store: RunStore, runId: number, worker: string | null): void {
  store.prepared('UPDATE runs SET worker = ? WHERE id = ?').run(worker, runId);
}

/** A run continues from `step`: the points after it belong to a training that did not last. */
export function dropPointsAfter(store: RunStore, runId: number, step: number): void {
  store.prepared('DELETE FROM metric_points WHERE run_id = ? AND step > ?').run(runId, step);
  store.prepared('UPDATE runs SET step = ? WHERE id = ?').run(step, runId);
}
