// Reads a replication back from the store into the report model (src/shared/replicate/model.ts):
// what `sweeplab replicate` writes out at the end and what the app's Replication view shows
// live. Reading only; the orchestration is replication.ts.
import { buildReplicationReport } from '../../shared/replicate/model.ts';
import type { ReplicationInput, ReplicationReport, ReplicationRun } from '../../shared/replicate/model.ts';
import { gradCheckPlans, STAGES } from '../../shared/replicate/plan.ts';
import type { RunStore } from '../store/run-store.ts';
import { ReplicationStore } from '../store/replication-store.ts';

/** A sweep's runs with their curves, in the shape the report functions take. */
export function sweepRuns(store: RunStore, sweepId: number): ReplicationRun[] {
  return store.listRuns({ sweepId }).map((run) => ({
    id: run.id, label: run.label, config: run.config, point: run.point, status: run.status,
    final: run.final ?? undefined, curves: store.getCurves(run.id), computeSeconds: run.computeSeconds,
  }));
}

/**
 * The report of replication `id` (default: the newest), or null when the home has none.
 * `extraWallSeconds`: time of a `sweeplab replicate` still under way, not yet added to the record.
 */
export function loadReplicationReport(store: RunStore, id?: number, extraWallSeconds = 0): ReplicationReport | null {
  const replications = new ReplicationStore(store);
  const record = id === undefined ? replications.latest() : replications.get(id);
  if (!record) return null;
  const stages: ReplicationInput['stages'] = {};
  for (const stage of STAGES) {
    const sweepId = record.sweeps[stage];
    if (sweepId === undefined) continue;
    stages[stage] = { sweepId, name: store.getSweep(sweepId)?.name ?? `#${sweepId}`, runs: sweepRuns(store, sweepId) };
  }
  const checks = replications.checks(record.id);
  const wanted = record.info.sections?.includes('gradcheck') ? gradCheckPlans(record.mode === 'quick') : [];
  const done = new Set(checks.map((c) => c.key));
  return buildReplicationReport({
    id: record.id, mode: record.mode, repeats: record.repeats, info: record.info, createdAt: record.createdAt, finishedAt: record.finishedAt,
    wallSeconds: record.wallSeconds + extraWallSeconds, stages, checks, plannedChecks: wanted.filter((p) => !done.has(p.key)).length,
  });
}
