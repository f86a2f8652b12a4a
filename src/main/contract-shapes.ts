// What the lab service answers and broadcasts, in the contract's shapes (src/shared/lab-api.ts):
// run and sweep summaries made from store records, the presets, and the app's events made from
// the engine's. Pure functions: no store access, no transport.
import type { LabEvent, PresetInfo, RunSummary, SweepSummary } from '../shared/lab-api.ts';
import { PRESETS } from '../shared/presets.ts';
import { sweepPresetList } from '../shared/sweep-presets.ts';
import type { SweepSpec } from '../shared/sweep-schema.ts';
import type { EngineEvent } from './engine/events.ts';
import type { RunRecord, SweepRecord } from './store/run-store.ts';

/** `extras`: the run's note, tags and pruning decision (read in bulk by LabSearch). */
export function runSummary(run: RunRecord, sweepName: string | null, extras: Pick<RunSummary, 'note' | 'tags' | 'pruning'>): RunSummary {
  return {
    ...extras,
    id: run.id, sweepId: run.sweepId, sweepName, label: run.label, point: run.point, repeat: run.repeat, status: run.status,
    priority: run.priority, step: run.step, totalSteps: run.totalSteps, config: run.config, final: run.final, bestVal: run.bestVal, error: run.error,
    createdAt: run.createdAt, finishedAt: run.finishedAt, computeSeconds: run.computeSeconds, worker: run.worker,
  };
}

export function sweepSummary(sweep: SweepRecord, counts: SweepSummary['counts'], extras: Pick<SweepSummary, 'note' | 'tags' | 'search' | 'scheduler'>): SweepSummary {
  const spec = sweep.spec as Partial<SweepSpec> | null;
  const axes = (spec?.axes ?? []).flatMap((axis) => ('zip' in axis ? axis.zip.map((m) => m.path) : [axis.path]));
  return {
    id: sweep.id, name: sweep.name, description: spec?.description ?? null, parentId: sweep.parentId, status: sweep.status,
    createdAt: sweep.createdAt, counts, axes, ...extras,
  };
}

export function presetInfo(): PresetInfo {
  return {
    runs: Object.values(PRESETS).map((p) => ({ id: p.id, description: p.description, config: p.config, referenceTest: p.reference?.test ?? null })),
    sweeps: sweepPresetList(),
  };
}

/** The app's view of an engine event; null for those it is not told (checkpoints, idle). */
export function labEventOf(event: EngineEvent): LabEvent | null {
  switch (event.kind) {
    case 'run-started':
      return { kind: 'run-started', runId: event.runId, totalSteps: event.totalSteps, stepsPerEpoch: event.stepsPerEpoch, worker: event.worker };
    case 'heartbeat':
      return { kind: 'progress', runId: event.runId, progress: event.progress };
    case 'record':
      return { kind: 'record', runId: event.runId, point: event.point };
    case 'run-finished':
      return { kind: 'run-finished', runId: event.runId, status: event.status, error: event.error };
    case 'checkpoint':
    case 'idle':
      return null;
  }
}
