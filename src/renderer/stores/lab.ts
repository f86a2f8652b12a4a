// The lab as the UI sees it: status (data, workers, paused), every run with its live progress,
// sweeps and presets. Kept fresh by the lab's pushed events; lists are re-read (debounced) when
// the lab says they changed, single points are patched in place. Views read it, never the API.
// Heartbeats come many times a second (16 runs: 64 events/s); applied one by one, each
// re-rendered the queue table. They are collected and applied together at most every FLUSH_MS,
// one render for all (bench/ui.ts measures it). Runs that start (16 at once when a sweep begins)
// or end are patched at the flush too, a few rows at a time (ROWS_PER_FLUSH): an ended run
// moves to the finished table with its status then, and the re-read that follows only adds its
// metrics, so no single task moves a sweep's worth of rows (bench/ui-replay.ts). Recorded points
// do not touch the run list (a running run's step is its live progress): the tables over 1,000
// runs stay put while runs stream.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { StepProgress } from '../../shared/core-types.ts';
import type { LabEvent, LabStatus, PresetInfo, RunSummary, SweepSummary } from '../../shared/lab-api.ts';
import { isActiveStatus } from '../../shared/lab-api.ts';
import { labClient } from '../api/lab.ts';

/** Heartbeats come at ≤ 4 Hz per run: progress shown at that rate loses nothing. */
export const FLUSH_MS = 250;
/**
 * Runs that start or end change at most this many rows at one flush; the rest follow
 * ROWS_GAP_MS later. Each such row re-renders or mounts its cells: a sweep starting many runs
 * at once would otherwise make one long task, while a few rows at a time stay short and the
 * rows still move within a tenth of a second.
 */
export const ROWS_PER_FLUSH = 4;
export const ROWS_GAP_MS = 30;
/**
 * How long the lists wait to be re-read after runs end: past the flush that moves their rows
 * (FLUSH_MS, then ROWS_GAP_MS for each few more), so the re-read only adds their metrics.
 */
export const REREAD_AFTER_END_MS = 600;

/** Seconds left at the rate seen since the first heartbeat (null until there is a rate). */
export function estimateEta(first: { t: number; step: number }, now: { t: number; step: number }, totalSteps: number): number | null {
  const rate = (now.step - first.step) / ((now.t - first.t) / 1000);
  return rate > 0 && Number.isFinite(rate) ? Math.max(0, (totalSteps - now.step) / rate) : null;
}

/** The engine's order: running, then queued by priority (higher first), then oldest. */
function queueOrder(a: RunSummary, b: RunSummary): number {
  return Number(b.status === 'running') - Number(a.status === 'running') || b.priority - a.priority || a.id - b.id;
}

/** `previous` if `next` holds the same runs in the same order, else `next`. */
function sameOr(previous: RunSummary[] | undefined, next: RunSummary[]): RunSummary[] {
  return previous?.length === next.length && next.every((run, i) => run === previous[i]) ? previous : next;
}

/** Takes up to `n` entries out of `from`, oldest first. */
function take<V>(from: Map<number, V>, n: number): Map<number, V> {
  const taken = new Map<number, V>();
  for (const [key, value] of from) {
    if (taken.size === n) break;
    taken.set(key, value);
    from.delete(key);
  }
  return taken;
}

export const useLabStore = defineStore('lab', () => {
  const status = ref<LabStatus | null>(null);
  const runs = shallowRef<RunSummary[]>([]);
  const sweeps = shallowRef<SweepSummary[]>([]);
  const presets = shallowRef<PresetInfo | null>(null);
  const progress = shallowRef<Record<number, StepProgress>>({});
  const loaded = ref(false);
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const firstBeat = new Map<number, { t: number; step: number }>();
  const lastBeat = new Map<number, { t: number; step: number }>();
  const pendingProgress = new Map<number, StepProgress>();
  /** Runs started since the last flush, with their total steps. */
  const startedRuns = new Map<number, number>();
  /** The remote worker each started run is on (remote mode), applied with its start. */
  const startedOn = new Map<number, string>();
  /** Runs ended since the last flush, with how they ended. */
  const endedRuns = new Map<number, Pick<RunSummary, 'status' | 'error'>>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;

  // The previous list when nothing in it changed, so its table does not re-render: a run
  // starting leaves the finished runs as they were (computed keeps a value that is the same).
  const activeRuns = computed<RunSummary[]>((previous) => sameOr(previous, runs.value.filter((run) => isActiveStatus(run.status)).sort(queueOrder)));
  const finishedRuns = computed<RunSummary[]>((previous) => sameOr(previous, runs.value.filter((run) => !isActiveStatus(run.status)).reverse()));

  async function refresh(): Promise<void> {
    const lab = labClient();
    const [s, r, w] = await Promise.all([lab.call('getStatus', {}), lab.call('listRuns', {}), lab.call('listSweeps', {})]);
    status.value = s;
    runs.value = r;
    sweeps.value = w;
    loaded.value = true;
  }

  async function loadPresets(): Promise<PresetInfo> {
    presets.value ??= await labClient().call('listPresets', {});
    return presets.value;
  }

  /** Re-reads the lists once a burst of changes has been quiet for `ms`. */
  function refreshSoon(ms = 150): void {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void refresh(), ms);
  }

  /**
   * Applies the collected heartbeats and up to ROWS_PER_FLUSH starts and ends: one new object
   * each, so one render; the remaining starts and ends follow ROWS_GAP_MS later.
   */
  function flush(): void {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    const ended = take(endedRuns, ROWS_PER_FLUSH);
    const started = take(startedRuns, ROWS_PER_FLUSH - ended.size);
    if (pendingProgress.size || ended.size) {
      const next: Record<number, StepProgress> = { ...progress.value, ...Object.fromEntries(pendingProgress) };
      for (const runId of ended.keys()) delete next[runId];
      progress.value = next;
    }
    pendingProgress.clear();
    if (started.size || ended.size) {
      const next = runs.value.map((run) => {
        const end = ended.get(run.id);
        const totalSteps = started.get(run.id);
        // A re-read may have landed first with the run as it is: nothing to patch then.
        if (end) return end.status === run.status ? run : { ...run, ...end };
        const worker = startedOn.get(run.id) ?? run.worker ?? null;
        startedOn.delete(run.id);
        return totalSteps === undefined || (run.status === 'running' && run.totalSteps === totalSteps && (run.worker ?? null) === worker)
          ? run : { ...run, status: 'running' as const, totalSteps, worker };
      });
      if (next.some((run, i) => run !== runs.value[i])) runs.value = next;
    }
    if (startedRuns.size || endedRuns.size) flushTimer = setTimeout(flush, ROWS_GAP_MS);
  }

  const flushSoon = () => { flushTimer ??= setTimeout(flush, FLUSH_MS); };

  function handleEvent(event: LabEvent): void {
    switch (event.kind) {
      case 'run-started':
        startedRuns.set(event.runId, event.totalSteps);
        if (event.worker) startedOn.set(event.runId, event.worker);
        flushSoon();
        return;
      case 'progress':
        pendingProgress.set(event.runId, event.progress);
        if (!firstBeat.has(event.runId)) firstBeat.set(event.runId, { t: Date.now(), step: event.progress.step });
        lastBeat.set(event.runId, { t: Date.now(), step: event.progress.step });
        flushSoon();
        return;
      case 'record':
        return;
      case 'run-finished':
        // It moves to the finished runs at the next flush, with the other runs ending in the same
        // burst (a start not yet applied is dropped); the re-read adds its final metrics.
        pendingProgress.delete(event.runId);
        startedRuns.delete(event.runId);
        endedRuns.set(event.runId, { status: event.status, error: event.error });
        firstBeat.delete(event.runId);
        lastBeat.delete(event.runId);
        flushSoon();
        refreshSoon(REREAD_AFTER_END_MS);
        return;
      case 'runs-changed':
        refreshSoon();
        return;
      case 'status':
        status.value = event.status;
        return;
      case 'data-fetch':
        if (status.value) status.value = { ...status.value, fetch: event.state };
        return;
    }
  }

  /** 0..1 for a run: its live step if running, else its stored step. */
  function fractionDone(run: Pick<RunSummary, 'id' | 'status' | 'step' | 'totalSteps'>): number {
    const live = progress.value[run.id];
    const total = live?.totalSteps ?? run.totalSteps;
    if (run.status === 'completed') return 1;
    if (!total) return 0;
    return Math.min(1, (live?.step ?? run.step) / total);
  }

  /** Seconds left for a running run, from its heartbeats. */
  function etaOf(runId: number): number | null {
    const first = firstBeat.get(runId);
    const last = lastBeat.get(runId);
    const live = progress.value[runId];
    return first && last && live ? estimateEta(first, last, live.totalSteps) : null;
  }

  return { etaOf, status, runs, sweeps, presets, progress, loaded, activeRuns, finishedRuns, refresh, loadPresets, handleEvent, fractionDone };
});
