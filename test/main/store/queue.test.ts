// The runs table as a queue: priority order, cancel (queued at once, running flagged), retry,
// recovery of runs a dead process left running; and the checkpoint encoding round trip.
import { describe, expect, it } from 'vitest';
import { createTrainer, resumeTrainer, runTraining } from '../../../src/core/trainer.ts';
import { loadDataset } from '../../../src/main/data/load.ts';
import { decodeRunState, encodeRunState, floatBytes } from '../../../src/shared/checkpoint-codec.ts';
import { RunStore } from '../../../src/main/store/run-store.ts';
import { FIXTURE_DATA_DIR } from '../../helpers/fixture-data.ts';
import { runsOf, tinyConfig, withHome } from '../../helpers/engine-fixture.ts';

describe('the run queue', () => {
  it('hands out the highest priority first, then the oldest, skipping cancelled sweeps', async () => {
    await withHome(async (home) => {
      const store = RunStore.open(home, '9.9.9');
      const low = store.createSweep({ name: 'low', spec: {}, runs: runsOf([tinyConfig(), tinyConfig({ seed: 2 })]) });
      const high = store.createSweep({ name: 'high', spec: {}, priority: 5, runs: runsOf([tinyConfig({ seed: 3 })]) });
      const dropped = store.createSweep({ name: 'dropped', spec: {}, priority: 9, runs: runsOf([tinyConfig({ seed: 4 })]) });
      store.cancelSweep(dropped);
      expect(store.nextQueued()?.sweepId).toBe(high);
      expect(store.nextQueued({ exclude: new Set([3]) })?.id).toBe(1);
      expect(store.nextQueued({ sweepId: low, exclude: new Set([1]) })?.id).toBe(2);
      expect(store.getRun(4)?.status).toBe('cancelled');
      expect(store.getRun(1)).toMatchObject({ appVersion: '9.9.9', seed: 1, status: 'queued', label: 'run 0', point: { lambda: 0.001 } });
      store.close();
    });
  });

  it('cancels queued runs at once and flags running ones; recovery requeues or cancels them', async () => {
    await withHome(async (home) => {
      const store = RunStore.open(home, 'test');
      const sweep = store.createSweep({ name: 's', spec: {}, runs: runsOf([1, 2, 3, 4].map((seed) => tinyConfig({ seed }))) });
      expect(store.claim(1, 4242)).toBe(true);
      expect(store.claim(1, 4243)).toBe(false); // taken already
      expect(store.claim(2, 4242)).toBe(true);
      store.saveCheckpoint(1, 10, new Uint8Array([1, 2, 3]));
      expect(store.cancelRun(2)).toEqual({ cancelled: 0, stopping: 1 });
      expect(store.cancelRun(3)).toEqual({ cancelled: 1, stopping: 0 });
      expect(store.cancelRequested([1, 2])).toEqual([2]);
      // While process 4242 lives, its runs are its own; once it has died, the next start:
      expect(store.recoverInterrupted(() => true)).toEqual({ requeued: 0, cancelled: 0 });
      expect(store.recoverInterrupted(() => false)).toEqual({ requeued: 1, cancelled: 1 });
      expect(store.listRuns({ sweepId: sweep }).map((r) => r.status)).toEqual(['queued', 'cancelled', 'cancelled', 'queued']);
      expect(store.getCheckpoint(1)).toEqual({ step: 10, state: new Uint8Array([1, 2, 3]) });
      store.close();
    });
  });

  it('retries failed runs from scratch', async () => {
    await withHome(async (home) => {
      const store = RunStore.open(home, 'test');
      const sweep = store.createSweep({ name: 's', spec: {}, runs: runsOf([tinyConfig(), tinyConfig({ seed: 2 })]) });
      store.claim(1);
      store.addPoint(1, { step: 0, epoch: 0, eta: 1e-5, train: { cost: 1, loss: 1, accuracy: 0.1 }, val: { cost: 1, loss: 1, accuracy: 0.1 } });
      store.finish(1, 'failed', { code: 'internal', message: 'boom' }, 0.5);
      expect(store.getRun(1)).toMatchObject({ status: 'failed', error: { code: 'internal', message: 'boom' }, attempts: 1 });
      expect(store.retry({ sweepId: sweep })).toBe(1);
      expect(store.getRun(1)).toMatchObject({ status: 'queued', error: null });
      expect(store.getCurves(1)).toEqual([]);
      store.close();
    });
  });
});

describe('checkpoint encoding', () => {
  it('gives back the exact RunState, and resuming from it ends where an uninterrupted run ends', async () => {
    const data = await loadDataset(FIXTURE_DATA_DIR, { kind: 'a2' }, 'float32');
    const config = tinyConfig({ seed: 5 });
    const whole = createTrainer(config, data);
    const expected = runTraining(whole.trainer, whole.state);

    const { trainer, state } = createTrainer(config, data);
    let stopAt = 25;
    runTraining(trainer, state, { signal: { get aborted() { return state.step >= stopAt; } } });
    const bytes = encodeRunState(state);
    const decoded = decodeRunState(bytes);
    expect(decoded.step).toBe(25);
    expect(Buffer.from(floatBytes(decoded.params)).equals(Buffer.from(floatBytes(state.params)))).toBe(true);
    expect(Buffer.from(floatBytes(decoded.running)).equals(Buffer.from(floatBytes(state.running)))).toBe(true);
    expect(decoded.order).toEqual(state.order);
    expect(decoded.rng).toEqual(state.rng);
    expect(decoded.curves).toEqual(state.curves);

    const resumed = resumeTrainer(config, data, decoded);
    stopAt = Infinity;
    expect(runTraining(resumed.trainer, resumed.state)).toEqual(expected);
    expect(() => decodeRunState(bytes.subarray(0, bytes.length - 4))).toThrow(/length does not match/);
  });
});
