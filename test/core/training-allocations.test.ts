// The training step allocates nothing: epochs of many small steps, observed through the
// garbage collector, run without a major GC and with at most a few minor ones. Tiny
// rows and batches make the steps many and cheap, so an allocation per step or per gathered
// row would fill the young generation several times over.
import { constants, PerformanceObserver } from 'node:perf_hooks';
import type { PerformanceEntry } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { Precision, TrainConfig } from '../../src/core/config.ts';
import type { Dataset, LabeledSet } from '../../src/core/dataset.ts';
import { createTrainer, runTraining } from '../../src/core/trainer.ts';

const D = 16, C = 10, N = 400_000, B = 4;
/** Epochs run before counting (compile, make the row views, settle the heap), then counted. */
const WARM_UP = 2, MEASURED = 2;
/** Minor GCs allowed in the measured epochs: none is expected; a few stray ones are tolerated. */
const MINOR_BOUND = 3;

/** N rows of D pixels, normalised the way the loader does, bytes kept for the Float32 gather. */
function syntheticSet(precision: Precision, n: number, seed: number): LabeledSet {
  const pixels = new Uint8Array(n * D), y = new Uint8Array(n);
  let s = seed;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  for (let i = 0; i < pixels.length; i++) pixels[i] = next() >>> 24;
  for (let i = 0; i < n; i++) y[i] = next() % C;
  const mean = new Float32Array(D).fill(127.5), invStd = new Float32Array(D).fill(1 / 64);
  const x = precision === 'float32' ? new Float32Array(n * D) : new Float64Array(n * D);
  for (let i = 0; i < pixels.length; i++) x[i] = Math.fround(Math.fround(pixels[i] - mean[i % D]) * invStd[i % D]);
  return { x, y, n, d: D, ...(precision === 'float32' ? { raw: { pixels, mean, invStd } } : {}) };
}

function syntheticData(precision: Precision): Dataset {
  return { train: syntheticSet(precision, N, 1), val: syntheticSet(precision, 100, 2), test: syntheticSet(precision, 100, 3), classNames: Array.from({ length: C }, (_, i) => `c${i}`) };
}

function configFor(precision: Precision): TrainConfig {
  return {
    network: { hidden: [8], batchNorm: true, init: { kind: 'he' }, bnAlpha: 0.9, bnEpsilon: 1e-8 },
    lambda: 0.001,
    // One spare epoch after the measured ones.
    schedule: { etaMin: 1e-4, etaMax: 1e-2, stepSize: ((WARM_UP + MEASURED + 1) * N) / B / 2, cycles: 1 },
    batchSize: B,
    recordsPerCycle: 1,
    split: { kind: 'a2' },
    seed: 7,
    precision,
  };
}

/** GCs by kind during the measured epochs of a run. */
async function gcsWhileTraining(precision: Precision): Promise<{ major: number; minor: number; steps: number }> {
  const { trainer, state } = createTrainer(configFor(precision), syntheticData(precision));
  trainer.recordSteps = []; // the updates alone: evaluation is not the training step
  const epoch = trainer.stepsPerEpoch;
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  let startedAt = 0, endedAt = 0, lastStep = 0;
  const signal = { aborted: false };
  runTraining(trainer, state, {
    signal,
    onStep(progress) {
      lastStep = progress.step;
      if (progress.step === WARM_UP * epoch) { observer.observe({ entryTypes: ['gc'] }); startedAt = performance.now(); }
      if (progress.step === (WARM_UP + MEASURED) * epoch) { endedAt = performance.now(); signal.aborted = true; }
    },
  });
  await new Promise((resolve) => setTimeout(resolve, 50)); // gc entries arrive on a later tick
  entries.push(...observer.takeRecords());
  observer.disconnect();
  const inEpoch = entries.filter((e) => e.startTime >= startedAt && e.startTime <= endedAt);
  const kindOf = (e: PerformanceEntry) => (e as unknown as { detail: { kind: number } }).detail.kind;
  return {
    major: inEpoch.filter((e) => kindOf(e) === constants.NODE_PERFORMANCE_GC_MAJOR).length,
    minor: inEpoch.filter((e) => kindOf(e) === constants.NODE_PERFORMANCE_GC_MINOR).length,
    steps: lastStep - WARM_UP * epoch,
  };
}

describe('training step allocations', () => {
  for (const precision of ['float32', 'float64'] as const) {
    it(`${MEASURED} epochs of ${N / B} ${precision} steps run without a major GC and at most ${MINOR_BOUND} minor ones`, async () => {
      const { major, minor, steps } = await gcsWhileTraining(precision);
      console.log(`${precision}: ${steps} steps, ${major} major GC, ${minor} minor GC`);
      expect(steps).toBe((MEASURED * N) / B);
      expect(major).toBe(0);
      expect(minor).toBeLessThanOrEqual(MINOR_BOUND);
    });
  }
});
