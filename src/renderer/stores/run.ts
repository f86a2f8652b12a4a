// The run open in the Run view: its summary and recorded curve, grown live by 'record' events
// and re-read when the run finishes (final metrics, best val); and its analyses — the test-set
// confusion matrix (loaded for a completed run) and a gradient check run on demand, with its
// progress from 'gradcheck-progress' events. One run at a time.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { RecordPoint } from '../../shared/core-types.ts';
import type { LabEvent, RunConfusion, RunGradCheck, RunSummary } from '../../shared/lab-api.ts';
import { labClient } from '../api/lab.ts';

const messageOf = (thrown: unknown) => (thrown instanceof Error ? thrown.message : String(thrown));

export const useRunStore = defineStore('run', () => {
  const run = shallowRef<RunSummary | null>(null);
  const curves = shallowRef<RecordPoint[]>([]);
  const error = ref<string | null>(null);
  const confusion = shallowRef<RunConfusion | null>(null);
  const confusionError = ref<string | null>(null);
  const confusionLoading = ref(false);
  const gradcheck = shallowRef<RunGradCheck | null>(null);
  const gradcheckError = ref<string | null>(null);
  /** The input width of the check running now, and how far it is; null when none runs. */
  const gradcheckRunning = ref<{ dims: number; done: number; total: number } | null>(null);
  let openId: number | null = null;

  async function open(id: number): Promise<void> {
    if (openId !== id) {
      confusion.value = null;
      confusionError.value = null;
      gradcheck.value = null;
      gradcheckError.value = null;
      gradcheckRunning.value = null;
    }
    openId = id;
    error.value = null;
    try {
      const detail = await labClient().call('getRun', { id });
      if (openId !== id) return;
      run.value = detail.run;
      curves.value = detail.curves;
      if (detail.run.status === 'completed' && !confusion.value) void loadConfusion(id);
    } catch (thrown) {
      run.value = null;
      curves.value = [];
      error.value = messageOf(thrown);
    }
  }

  async function loadConfusion(id: number): Promise<void> {
    confusionLoading.value = true;
    confusionError.value = null;
    try {
      const value = await labClient().call('getRunConfusion', { id });
      if (openId === id) confusion.value = value;
    } catch (thrown) {
      if (openId === id) confusionError.value = messageOf(thrown);
    } finally {
      if (openId === id) confusionLoading.value = false;
    }
  }

  /** Runs the check of the open run's architecture on the first `dims` input features. */
  async function runGradCheck(dims: number): Promise<void> {
    const id = openId;
    if (id === null || gradcheckRunning.value) return;
    gradcheckRunning.value = { dims, done: 0, total: 0 };
    gradcheckError.value = null;
    try {
      const value = await labClient().call('runGradCheck', { id, dims });
      if (openId === id) gradcheck.value = value;
    } catch (thrown) {
      if (openId === id) gradcheckError.value = messageOf(thrown);
    } finally {
      if (openId === id) gradcheckRunning.value = null;
    }
  }

  function handleEvent(event: LabEvent): void {
    if (openId === null || !('runId' in event) || event.runId !== openId) return;
    if (event.kind === 'record') {
      // A resumed run re-sends points after its checkpoint; keep one point per step.
      curves.value = [...curves.value.filter((p) => p.step < event.point.step), event.point];
    } else if (event.kind === 'run-finished' || event.kind === 'run-started') {
      void open(openId);
    } else if (event.kind === 'gradcheck-progress' && gradcheckRunning.value?.dims === event.dims) {
      gradcheckRunning.value = { dims: event.dims, done: event.done, total: event.total };
    }
  }

  return {
    run, curves, error, open, handleEvent,
    confusion, confusionError, confusionLoading, loadConfusion, gradcheck, gradcheckError, gradcheckRunning, runGradCheck,
  };
});
