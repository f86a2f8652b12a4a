// The run open in the Run view: its summary and recorded curve, grown live by 'record' events
// and re-read when the run finishes (final metrics, best val). One run at a time.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { RecordPoint } from '../../core/metrics.ts';
import type { LabEvent, RunSummary } from '../../shared/lab-api.ts';
import { labClient } from '../api/lab.ts';

export const useRunStore = defineStore('run', () => {
  const run = shallowRef<RunSummary | null>(null);
  const curves = shallowRef<RecordPoint[]>([]);
  const error = ref<string | null>(null);
  let openId: number | null = null;

  async function open(id: number): Promise<void> {
    openId = id;
    error.value = null;
    try {
      const detail = await labClient().call('getRun', { id });
      if (openId !== id) return;
      run.value = detail.run;
      curves.value = detail.curves;
    } catch (thrown) {
      run.value = null;
      curves.value = [];
      error.value = thrown instanceof Error ? thrown.message : String(thrown);
    }
  }

  function handleEvent(event: LabEvent): void {
    if (openId === null || !('runId' in event) || event.runId !== openId) return;
    if (event.kind === 'record') {
      // A resumed run re-sends points after its checkpoint; keep one point per step.
      curves.value = [...curves.value.filter((p) => p.step < event.point.step), event.point];
    } else if (event.kind === 'run-finished' || event.kind === 'run-started') {
      void open(openId);
    }
  }

  return { run, curves, error, open, handleEvent };
});
