// The lab as the UI sees it: status (data, workers, paused), every run with its live progress,
// sweeps and presets. Kept fresh by the lab's pushed events; lists are re-read (debounced) when
// the lab says they changed, single points are patched in place. Views read it, never the API.
// Heartbeats come many times a second (16 runs: 64 events/s); applied one by one, each
// re-rendered the queue table. They are collected and applied together at most every FLUSH_MS,
// one render for all (bench/ui.ts measures it). Runs that start (16 at once when a sweep begins)
// are patched at the same flush, one new run list for all, and runs that end leave the live
// progress there too. Recorded points do not touch the run list (a running run's step is its
// live progress): the tables over 1,000 runs stay put while runs stream.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { StepProgress } from '../../core/metrics.ts';
import type { LabEvent, LabStatus, PresetInfo, RunSummary, SweepSummary } from '../../shared/lab-api.ts';
import { labClient } from '../api/lab.ts';

const ACTIVE = new Set(['queued', 'running']);
/** Heartbeats come at ≤ 4 Hz per run: progress shown at that rate loses nothing. */
export const FLUSH_MS = 250;

/** Seconds left at the rate seen since the first heartbeat (null until there is a rate). */
export function estimateEta(first: { t: number; step: number }, now: { t: number; step: number }, totalSteps: number): number | null {
  const rate = (now.step - first.step) / ((now.t - first.t) / 1000);
  return rate > 0 && Number.isFinite(rate) ? Math.max(0, (totalSteps - now.step) / rate) : null;
}

/** The engine's order: running, then queued by priority (higher first), then oldest. */
function queueOrder(a: RunSummary, b: RunSummary): number {
  return Number(b.status === 'running') - Number(a.status === 'running') || b.priority - a.priority || a.id - b.id;
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
  const endedRuns = new Set<number>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;

  const activeRuns = computed(() => runs.value.filter((run) => ACTIVE.has(run.status)).sort(queueOrder));
  const finishedRuns = computed(() => runs.value.filter((run) => !ACTIVE.has(run.status)).reverse());

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

  function refreshSoon(): void {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void refresh(), 150);
  }

  /** Applies the collected heartbeats, starts and ends: one new object each, so one render. */
  function flush(): void {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (pendingProgress.size || endedRuns.size) {
      const next: Record<number, StepProgress> = { ...progress.value, ...Object.fromEntries(pendingProgress) };
      for (const runId of endedRuns) delete next[runId];
      progress.value = next;
    }
    pendingProgress.clear();
    endedRuns.clear();
    if (startedRuns.size) runs.value = runs.value.map((run) => (startedRuns.has(run.id) ? { ...run, status: 'running', totalSteps: startedRuns.get(run.id)! } : run));
    startedRuns.clear();
  }

  const flushSoon = () => { flushTimer ??= setTimeout(flush, FLUSH_MS); };

  function handleEvent(event: LabEvent): void {
    switch (event.kind) {
      case 'run-started':
        startedRuns.set(event.runId, event.totalSteps);
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
        // Its live progress goes at the next flush, with the other runs ending in the same burst;
        // a start not yet applied is dropped: the re-read list has the run as it ended.
        pendingProgress.delete(event.runId);
        startedRuns.delete(event.runId);
        endedRuns.add(event.runId);
        firstBeat.delete(event.runId);
        lastBeat.delete(event.runId);
        flushSoon();
        refreshSoon();
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
  function fractionDone(run: RunSummary): number {
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
