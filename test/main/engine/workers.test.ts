// The worker count of a running Lab changes without a restart: more workers start queued runs
// at once, fewer start none until enough have ended, and no running run is stopped either way.
import { describe, expect, it } from 'vitest';
import { Lab } from '../../../src/main/engine/lab.ts';
import type { EngineEvent } from '../../../src/main/engine/events.ts';
import { RunStore } from '../../../src/main/store/run-store.ts';
import { FIXTURE_SOURCE, runsOf, tinyConfig, withHome } from '../../helpers/engine-fixture.ts';

/** Runs `count` tiny runs on a Lab started with `workers`, calling `onFirstStart` when the first run starts. */
async function runWithChange(count: number, workers: number, onFirstStart: (lab: Lab) => void) {
  return withHome(async (home) => {
    const store = RunStore.open(home, 'test');
    const sweepId = store.createSweep({ name: 'workers', spec: {}, runs: runsOf(Array.from({ length: count }, (_, i) => tinyConfig({ seed: i + 1 }))) });
    const lab = new Lab({ store, data: FIXTURE_SOURCE, workers });
    const events: Array<EngineEvent & { runningAtStart?: number }> = [];
    lab.subscribe((event) => {
      events.push(event.kind === 'run-started' ? { ...event, runningAtStart: lab.runningIds().length } : event);
      if (event.kind === 'run-started' && events.filter((e) => e.kind === 'run-started').length === 1) onFirstStart(lab);
    });
    try {
      lab.start({ sweepId });
      await lab.whenIdle();
    } finally {
      await lab.close();
    }
    const runs = store.listRuns({ sweepId });
    store.close();
    return { lab, events, runs };
  });
}

describe('Lab.setWorkers', () => {
  it('starts more queued runs at once when raised, leaving the running one alone', async () => {
    const { lab, events, runs } = await runWithChange(3, 1, (l) => l.setWorkers(3));
    expect(lab.workers).toBe(3);
    expect(lab.peakConcurrency).toBe(3);
    expect(runs.map((r) => [r.status, r.attempts])).toEqual([['completed', 1], ['completed', 1], ['completed', 1]]);
    // A run stopped for a restart would have finished once as 'queued' first.
    expect(events.filter((e) => e.kind === 'run-finished').map((e) => e.kind === 'run-finished' && e.status)).toEqual(['completed', 'completed', 'completed']);
  });

  it('starts no new run until fewer than the new count run when lowered', async () => {
    const { lab, events, runs } = await runWithChange(4, 2, (l) => l.setWorkers(1));
    expect(lab.workers).toBe(1);
    expect(runs.every((r) => r.status === 'completed' && r.attempts === 1)).toBe(true);
    const starts = events.filter((e) => e.kind === 'run-started');
    expect(starts).toHaveLength(4);
    // The first two were launched together on 2 workers; the last two each ran alone.
    const later = starts.filter((e) => e.kind === 'run-started' && e.runId > 2);
    expect(later.map((e) => e.runningAtStart)).toEqual([1, 1]);
  });
});
