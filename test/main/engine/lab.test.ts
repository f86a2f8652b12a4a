// The engine on real (tiny) runs: results independent of the worker count, failures isolated,
// the concurrency cap, a dying worker, one shared dataset copy, pause/resume and cancel.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Lab } from '../../../src/main/engine/lab.ts';
import { RunStore } from '../../../src/main/store/run-store.ts';
import type { RunRecord } from '../../../src/main/store/run-store.ts';
import { FIXTURE_SOURCE, runSweep, runsOf, tinyConfig, withHome } from '../../helpers/engine-fixture.ts';

const DYING_WORKER = new URL('../../helpers/dying-worker.ts', import.meta.url);

const fourRuns = () => runsOf([
  tinyConfig({ lambda: 0.001, seed: 1 }),
  tinyConfig({ lambda: 0.01, seed: 2 }),
  tinyConfig({ lambda: 0.1, seed: 3, network: { hidden: [8, 8], batchNorm: true, init: { kind: 'he' }, bnAlpha: 0.9, bnEpsilon: 1e-8 } }),
  tinyConfig({ lambda: 0, seed: 4, network: { hidden: [12], batchNorm: false, init: { kind: 'normal', sigma: 1e-3 }, bnAlpha: 0.9, bnEpsilon: 1e-8 } }),
]);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Everything a run produced that must not depend on how it was scheduled. */
function outcomeOf(store: RunStore, run: RunRecord) {
  const weights = store.getWeights(run.id);
  return {
    label: run.label, status: run.status, final: run.final, curves: store.getCurves(run.id),
    params: weights && sha256(weights.params),
    running: weights && sha256(weights.running),
  };
}

describe('Lab', () => {
  it('gives bit-identical results with 1, 2 and 8 workers and in reverse order, decoding the dataset once', async () => {
    const results = [];
    for (const workers of [1, 2, 8]) {
      results.push(await withHome(async (home) => {
        // With 2 workers the queue also runs the sweep last run first (priorities).
        const reverse = (store: RunStore, sweepId: number) => {
          if (workers === 2) for (const run of store.listRuns({ sweepId })) store.setPriority(run.id, run.id);
        };
        const { store, sweepId, lab } = await runSweep(home, fourRuns(), { workers }, reverse);
        expect(lab.peakConcurrency).toBe(Math.min(workers, 4)); // four runs
        expect(lab.datasets.decoded).toBe(1);
        // The workers gather batches from the training bytes, shared like the rest (no copy).
        const handle = await lab.datasets.get(tinyConfig().split, 'float32');
        expect(handle.train.raw?.pixels).toBeInstanceOf(SharedArrayBuffer);
        expect(handle.train.raw?.pixels.byteLength).toBe(handle.train.n * handle.train.d);
        const runs = store.listRuns({ sweepId });
        expect(runs.map((r) => r.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
        const outcome = runs.map((r) => outcomeOf(store, r));
        store.close();
        return outcome;
      }));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(results[0][0].curves.length).toBe(5); // 4 per cycle + step 0
  });

  it('marks a diverging run and a throwing run with their messages; the others complete', async () => {
    await withHome(async (home) => {
      const runs = runsOf([
        tinyConfig({ seed: 1 }),
        tinyConfig({ seed: 2, schedule: { etaMin: 1e3, etaMax: 1e4, stepSize: 20, cycles: 1 } }),
        tinyConfig({ seed: 3, batchSize: 1000 }),
        tinyConfig({ seed: 4 }),
      ]);
      const { store, sweepId } = await runSweep(home, runs, { workers: 2 });
      const [good, diverged, failed, alsoGood] = store.listRuns({ sweepId });
      expect(good.status).toBe('completed');
      expect(alsoGood.status).toBe('completed');
      expect(diverged.status).toBe('diverged');
      expect(diverged.error?.message).toMatch(/became (NaN|Infinity)/);
      expect(failed.status).toBe('failed');
      expect(failed.error).toEqual({ code: 'bad_config', message: expect.stringMatching(/batchSize 1000/) });
      store.close();
    });
  });

  it('never runs more runs at once than it has workers, and survives a worker that dies', async () => {
    await withHome(async (home) => {
      const schedule = { etaMin: 1e-5, etaMax: 1e-1, stepSize: 150, cycles: 1 }; // long enough to overlap
      const runs = runsOf([1, 2, 3, 4, 5].map((seed) => tinyConfig({ seed, schedule, name: seed === 2 ? 'die' : 'tiny' })));
      const store = RunStore.open(home, 'test');
      const sweepId = store.createSweep({ name: 't', spec: {}, runs });
      const lab = new Lab({ store, data: FIXTURE_SOURCE, workers: 2, workerFile: DYING_WORKER });
      const running = new Set<number>();
      let most = 0;
      lab.subscribe((event) => {
        if (event.kind === 'run-started') most = Math.max(most, running.add(event.runId).size);
        if (event.kind === 'run-finished') running.delete(event.runId);
      });
      lab.start({ sweepId });
      await lab.whenIdle();
      await lab.close();
      expect(most).toBeLessThanOrEqual(2); // as the subscribers saw it
      expect(lab.peakConcurrency).toBe(2); // and as dispatched: two at once, never more
      const statuses = store.listRuns({ sweepId }).map((r) => r.status);
      expect(statuses).toEqual(['completed', 'failed', 'completed', 'completed', 'completed']);
      expect(store.getRun(2)?.error?.message).toMatch(/worker failed/);
      store.close();
    });
  });

  it('checkpoints a run with 10-step epochs every 100 steps, not every epoch', async () => {
    await withHome(async (home) => {
      const steps: number[] = [];
      const run = tinyConfig({ schedule: { etaMin: 1e-5, etaMax: 1e-1, stepSize: 175, cycles: 1 } }); // 350 steps
      const store = RunStore.open(home, 'test');
      const sweepId = store.createSweep({ name: 't', spec: {}, runs: runsOf([run]) });
      const lab = new Lab({ store, data: FIXTURE_SOURCE, workers: 1 });
      lab.subscribe((e) => e.kind === 'checkpoint' && steps.push(e.step));
      lab.start({ sweepId });
      await lab.whenIdle();
      await lab.close();
      expect(store.getRun(1)!.status).toBe('completed');
      expect(steps).toEqual([100, 200, 300]);
      store.close();
    });
  });

  it('pauses (runs checkpoint and requeue), resumes to the same result, and cancels', async () => {
    await withHome(async (home) => {
      const long = tinyConfig({ seed: 9, schedule: { etaMin: 1e-5, etaMax: 1e-1, stepSize: 200, cycles: 1 } });
      const { store: reference } = await runSweep(home + '/ref', runsOf([long]));
      const expected = outcomeOf(reference, reference.getRun(1)!);
      reference.close();

      const store = RunStore.open(home, 'test');
      const sweepId = store.createSweep({ name: 't', spec: {}, runs: runsOf([long, tinyConfig({ seed: 10 })]) });
      const lab = new Lab({ store, data: FIXTURE_SOURCE, workers: 1, checkpointEverySteps: 5 });
      let pausedOnce = false;
      const stopped = new Promise<void>((resolve) => lab.subscribe((e) => {
        if (e.kind === 'checkpoint' && e.step >= 50 && !pausedOnce) {
          pausedOnce = true;
          lab.pause({ stopRunning: true });
        }
        if (e.kind === 'run-finished') resolve();
      }));
      lab.start({ sweepId });
      await stopped;
      await lab.whenIdle();
      const paused = store.getRun(1)!;
      expect(paused.status).toBe('queued');
      expect(store.getCheckpoint(1)!.step).toBeGreaterThanOrEqual(50);
      expect(store.getRun(2)!.status).toBe('queued'); // nothing new started while paused

      lab.cancelRun(2);
      lab.resume();
      await lab.whenIdle();
      await lab.close();
      const resumed = store.getRun(1)!;
      expect(resumed.resumedFromStep).toBeGreaterThanOrEqual(50);
      expect(outcomeOf(store, resumed)).toEqual(expected);
      expect(store.getRun(2)!.status).toBe('cancelled');
      store.close();
    });
  });
});
