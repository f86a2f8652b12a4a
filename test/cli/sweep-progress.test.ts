// The terminal progress display of `sweeplab sweep` / `replicate`: a display started while a
// run is already going (replicate restarts it whenever a stage queues more runs) draws that
// run's bar at once — its run-started event has passed — and the overall count includes the
// runs finished before.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sweepProgress } from '../../src/cli/sweep-progress.ts';
import type { RunRecord } from '../../src/main/store/run-store.ts';
import { tinyConfig } from '../helpers/engine-fixture.ts';

function run(id: number, label: string, status: RunRecord['status'], step: number): RunRecord {
  return {
    id, sweepId: 1, pointIndex: id, label, point: {}, repeat: 0, config: tinyConfig(), seed: 1, status, priority: 0,
    cancelRequested: false, attempts: 0, resumedFromStep: null, step, totalSteps: 40, createdAt: '', startedAt: null,
    finishedAt: null, computeSeconds: 0, error: null, appVersion: 'test', final: null, bestVal: null, worker: null,
  };
}

describe('sweepProgress on a terminal', () => {
  const tty = process.stderr.isTTY;
  afterEach(() => { process.stderr.isTTY = tty; vi.restoreAllMocks(); });

  it('draws the bar of a run already running when it starts, not only of runs started later', () => {
    process.stderr.isTTY = true;
    let out = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
    const display = sweepProgress([run(7, 'lambda=0.01', 'running', 12), run(8, 'lambda=0.1', 'queued', 0)], 3);
    display.stop();
    expect(out).toContain('#7 lambda=0.01');
    expect(out).toContain('12/40 steps');
    expect(out).not.toContain('#8 lambda=0.1'); // queued: its bar comes with run-started
    expect(out).toContain('3/5 runs');
  });
});
