// The renderer's Pinia stores against a fake transport: events patch runs and grow the open
// run's curve, a finished run is re-read, errors arrive as LabCallError with the lab's issues.
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { watch } from 'vue';
import type { RecordPoint } from '../../../src/core/metrics.ts';
import { LabCallError, LabClient } from '../../../src/renderer/api/client.ts';
import type { LabTransport } from '../../../src/renderer/api/client.ts';
import { setLabClient } from '../../../src/renderer/api/lab.ts';
import { estimateEta, FLUSH_MS, ROWS_GAP_MS, ROWS_PER_FLUSH, useLabStore } from '../../../src/renderer/stores/lab.ts';
import { useRunStore } from '../../../src/renderer/stores/run.ts';
import type { LabStatus, RunSummary } from '../../../src/shared/lab-api.ts';
import { tinyConfig } from '../../helpers/engine-fixture.ts';

const summary = (id: number, status: RunSummary['status']): RunSummary => ({
  id, sweepId: 1, sweepName: 's', label: `run ${id}`, point: {}, repeat: 0, status, priority: 0, step: 0, totalSteps: null, config: tinyConfig(),
  final: null, bestVal: null, error: null, createdAt: '', finishedAt: null, computeSeconds: 0, note: '', tags: [], pruning: null,
});
const point = (step: number): RecordPoint => ({ step, epoch: step, eta: 0.01, train: { cost: 1, loss: 1, accuracy: 0.5 }, val: { cost: 1, loss: 1, accuracy: 0.4 } });
const status: LabStatus = { home: '/h', data: { path: '/d', ok: true, message: null }, fetch: null, workers: 2, paused: false, running: [] };

function fakeLab(answers: Record<string, unknown>): { calls: string[] } {
  const calls: string[] = [];
  const transport: LabTransport = {
    kind: 'ws',
    call: (async (name: string) => {
      calls.push(name);
      const answer = answers[name];
      if (answer instanceof Error) return { ok: false, error: { code: 'bad_config', message: answer.message, details: { issues: [{ path: 'base.lambda', message: 'must be a number >= 0 (got -1)' }] } } };
      return { ok: true, value: typeof answer === 'function' ? (answer as () => unknown)() : answer };
    }) as LabTransport['call'],
    onEvent: () => () => {},
  };
  setLabClient(new LabClient(transport));
  return { calls };
}

beforeEach(() => setActivePinia(createPinia()));

/** A lab store loaded with runs #1–#16 in `runStatus`, counting each new live-progress object and run list. */
async function storeOf16(runStatus: RunSummary['status']) {
  fakeLab({ getStatus: status, listRuns: Array.from({ length: 16 }, (_, i) => summary(i + 1, runStatus)), listSweeps: [] });
  const lab = useLabStore();
  await lab.refresh();
  const changes = { progress: 0, runs: 0 };
  watch(() => lab.progress, () => changes.progress++, { flush: 'sync' });
  watch(() => lab.runs, () => changes.runs++, { flush: 'sync' });
  return { lab, changes };
}

describe('lab store', () => {
  it('loads status, runs and sweeps, and splits the queue from the finished runs', async () => {
    fakeLab({ getStatus: status, listRuns: [summary(1, 'completed'), summary(2, 'running'), summary(3, 'queued')], listSweeps: [] });
    const lab = useLabStore();
    await lab.refresh();
    expect(lab.activeRuns.map((r) => r.id)).toEqual([2, 3]);
    expect(lab.finishedRuns.map((r) => r.id)).toEqual([1]);
  });

  it('tracks live progress from events and re-reads the lists when a run finishes', async () => {
    vi.useFakeTimers();
    const { calls } = fakeLab({ getStatus: status, listRuns: [summary(3, 'queued')], listSweeps: [] });
    const lab = useLabStore();
    await lab.refresh();
    lab.handleEvent({ kind: 'run-started', runId: 3, totalSteps: 40, stepsPerEpoch: 10 });
    lab.handleEvent({ kind: 'progress', runId: 3, progress: { step: 10, totalSteps: 40, epoch: 1, eta: 0.01, batchCost: 2 } });
    vi.advanceTimersByTime(FLUSH_MS);
    expect(lab.runs[0]).toMatchObject({ status: 'running', totalSteps: 40 });
    expect(lab.fractionDone(lab.runs[0])).toBe(0.25);
    calls.length = 0;
    lab.handleEvent({ kind: 'run-finished', runId: 3, status: 'completed', error: null });
    await vi.runAllTimersAsync();
    expect(lab.progress[3]).toBeUndefined();
    expect(calls).toContain('listRuns');
    vi.useRealTimers();
  });
});

describe('lab store under streaming', () => {
  it('applies a burst of heartbeats from many runs as one change, leaving the run list alone', async () => {
    vi.useFakeTimers();
    const { lab, changes } = await storeOf16('running');
    for (let step = 1; step <= 10; step++) {
      for (let id = 1; id <= 16; id++) {
        lab.handleEvent({ kind: 'progress', runId: id, progress: { step, totalSteps: 100, epoch: 0, eta: 0.01, batchCost: 2 } });
        lab.handleEvent({ kind: 'record', runId: id, point: point(step) });
      }
    }
    expect([changes.progress, changes.runs]).toEqual([0, 0]); // nothing yet: collected
    vi.advanceTimersByTime(FLUSH_MS);
    expect([changes.progress, changes.runs]).toEqual([1, 0]); // tables over the run list do not re-render
    expect(Object.keys(lab.progress)).toHaveLength(16);
    expect(lab.runs.map((r) => lab.progress[r.id].step)).toEqual(Array(16).fill(10)); // the latest of each run
    expect(lab.fractionDone(lab.runs[0])).toBe(0.1);

    // A run that ends takes its pending heartbeat with it (it must not come back at the next flush).
    lab.handleEvent({ kind: 'progress', runId: 1, progress: { step: 11, totalSteps: 100, epoch: 0, eta: 0.01, batchCost: 2 } });
    lab.handleEvent({ kind: 'run-finished', runId: 1, status: 'completed', error: null });
    vi.advanceTimersByTime(FLUSH_MS);
    expect(lab.progress[1]).toBeUndefined();
    expect(lab.progress[2].step).toBe(10);

    // The other 15 ending in one burst leave ROWS_PER_FLUSH at a time, one change of the live
    // progress for each group, the next group ROWS_GAP_MS later.
    const before = changes.progress;
    for (let id = 2; id <= 16; id++) lab.handleEvent({ kind: 'run-finished', runId: id, status: 'completed', error: null });
    vi.advanceTimersByTime(FLUSH_MS);
    expect(changes.progress - before).toBe(1);
    expect(Object.keys(lab.progress)).toHaveLength(15 - ROWS_PER_FLUSH);
    vi.advanceTimersByTime((Math.ceil(15 / ROWS_PER_FLUSH) - 1) * ROWS_GAP_MS);
    expect(changes.progress - before).toBe(Math.ceil(15 / ROWS_PER_FLUSH));
    expect(lab.progress).toEqual({});
    vi.useRealTimers();
  });
});

describe('lab store when a sweep starts', () => {
  it('marks many runs started at once a few rows at a time, one new run list for each few', async () => {
    vi.useFakeTimers();
    const { lab, changes } = await storeOf16('queued');
    for (let id = 1; id <= 16; id++) lab.handleEvent({ kind: 'run-started', runId: id, totalSteps: 500, stepsPerEpoch: 5 });
    expect(changes.runs).toBe(0);
    vi.advanceTimersByTime(FLUSH_MS);
    expect(changes.runs).toBe(1);
    expect(lab.activeRuns.filter((r) => r.status === 'running').map((r) => r.id)).toEqual(Array.from({ length: ROWS_PER_FLUSH }, (_, i) => i + 1));
    vi.advanceTimersByTime(ROWS_GAP_MS);
    expect(changes.runs).toBe(2);
    vi.advanceTimersByTime(16 * ROWS_GAP_MS);
    expect(changes.runs).toBe(Math.ceil(16 / ROWS_PER_FLUSH));
    expect(lab.runs.every((r) => r.status === 'running' && r.totalSteps === 500)).toBe(true);

    // A run that ends before its start was applied: the re-read list has it as it ended, and
    // the start must not be patched over that afterwards.
    fakeLab({ getStatus: status, listRuns: [summary(1, 'completed'), ...lab.runs.slice(1)], listSweeps: [] });
    lab.handleEvent({ kind: 'run-started', runId: 1, totalSteps: 600, stepsPerEpoch: 5 });
    lab.handleEvent({ kind: 'run-finished', runId: 1, status: 'completed', error: null });
    await vi.runAllTimersAsync();
    expect(lab.runs[0].status).toBe('completed');
    vi.useRealTimers();
  });
});

describe('lab store lists', () => {
  it('keeps a table\'s list when its runs did not change, so the table does not re-render', async () => {
    vi.useFakeTimers();
    fakeLab({ getStatus: status, listRuns: [summary(1, 'completed'), summary(2, 'queued'), summary(3, 'queued')], listSweeps: [] });
    const lab = useLabStore();
    await lab.refresh();
    const finished = lab.finishedRuns;
    const active = lab.activeRuns;
    lab.handleEvent({ kind: 'run-started', runId: 2, totalSteps: 100, stepsPerEpoch: 5 });
    vi.advanceTimersByTime(FLUSH_MS);
    expect(lab.finishedRuns).toBe(finished);
    expect(lab.activeRuns).not.toBe(active);
    expect(lab.activeRuns.map((r) => [r.id, r.status])).toEqual([[2, 'running'], [3, 'queued']]);
    vi.useRealTimers();
  });
});

describe('lab store when runs end', () => {
  it('moves runs that end to the finished runs at the next flush; the re-read after the burst adds their metrics', async () => {
    vi.useFakeTimers();
    const { lab, changes } = await storeOf16('running');
    const final = { train: { cost: 1, loss: 1, accuracy: 0.6 }, val: { cost: 1, loss: 1, accuracy: 0.5 }, test: { cost: 1, loss: 1, accuracy: 0.45 } };
    const reread = lab.runs.map((r) => (r.id <= 4 ? { ...r, status: r.id === 4 ? 'diverged' as const : 'completed' as const, final } : r));
    const { calls } = fakeLab({ getStatus: status, listRuns: reread, listSweeps: [] });
    // Four runs end 100 ms apart: the flush at 250 ms moves the three ended by then, in one
    // new run list; the re-read waits for the burst to settle.
    for (let id = 1; id <= 4; id++) {
      lab.handleEvent({ kind: 'run-finished', runId: id, status: id === 4 ? 'diverged' : 'completed', error: null });
      vi.advanceTimersByTime(100);
    }
    expect(changes.runs).toBe(1);
    expect(lab.finishedRuns.map((r) => [r.id, r.status, r.final])).toEqual([[3, 'completed', null], [2, 'completed', null], [1, 'completed', null]]);
    expect(lab.activeRuns).toHaveLength(13);
    expect(calls).not.toContain('listRuns');

    await vi.runAllTimersAsync();
    expect(calls).toContain('listRuns');
    expect(lab.finishedRuns.map((r) => [r.id, r.status, r.final?.test.accuracy])).toEqual([[4, 'diverged', 0.45], [3, 'completed', 0.45], [2, 'completed', 0.45], [1, 'completed', 0.45]]);
    vi.useRealTimers();
  });
});

describe('queue order and ETA', () => {
  it('lists running runs first, then queued ones by priority, then oldest, as the engine takes them', async () => {
    fakeLab({ getStatus: status, listRuns: [summary(1, 'queued'), { ...summary(2, 'queued'), priority: 3 }, summary(3, 'running')], listSweeps: [] });
    const lab = useLabStore();
    await lab.refresh();
    expect(lab.activeRuns.map((r) => r.id)).toEqual([3, 2, 1]);
  });

  it('estimates the time left from the steps done since the first heartbeat', () => {
    expect(estimateEta({ t: 0, step: 0 }, { t: 2000, step: 100 }, 400)).toBe(6);
    expect(estimateEta({ t: 0, step: 5 }, { t: 0, step: 5 }, 400)).toBeNull();
  });
});

describe('run store', () => {
  it('grows the open run curve from record events, replacing points a resumed run sends again', async () => {
    fakeLab({ getRun: { run: summary(5, 'running'), curves: [point(0), point(10)] } });
    const run = useRunStore();
    await run.open(5);
    run.handleEvent({ kind: 'record', runId: 5, point: point(20) });
    run.handleEvent({ kind: 'record', runId: 6, point: point(30) }); // another run: ignored
    expect(run.curves.map((p) => p.step)).toEqual([0, 10, 20]);
    run.handleEvent({ kind: 'record', runId: 5, point: point(10) });
    expect(run.curves.map((p) => p.step)).toEqual([0, 10]);
  });

  it('says why when the run cannot be read', async () => {
    fakeLab({ getRun: new Error('no run 9') });
    const run = useRunStore();
    await run.open(9);
    expect(run.error).toBe('no run 9');
    expect(run.run).toBeNull();
  });
});

describe('LabClient', () => {
  it('throws the lab error as data, with per-field issues', async () => {
    fakeLab({ createSweep: new Error('sweep: base.lambda: must be a number >= 0 (got -1)') });
    const { labClient } = await import('../../../src/renderer/api/lab.ts');
    const thrown = await labClient().call('createSweep', { spec: {} }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(LabCallError);
    expect((thrown as LabCallError).issues).toEqual([{ path: 'base.lambda', message: 'must be a number >= 0 (got -1)' }]);
  });
});
