// A run shared out over threads gives the same bits as on one: parameters, BN averages, curves
// and final metrics of seeded runs with 1, 2, 3 and 4 threads, on networks whose calls split
// with ragged ends (odd units, a batch that is not a multiple of 4, a width that is not a
// multiple of 16) and large enough that every shared kernel is shared; a team resized between
// steps; and a team reused for a second run after detaching.
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrainConfig } from '../../../src/core/config.ts';
import type { Dataset, LabeledSet } from '../../../src/core/dataset.ts';
import { createWasmKernels } from '../../../src/core/kernels/wasm/simd-kernels.ts';
import { createTrainer, runTraining } from '../../../src/core/trainer.ts';
import type { TrainOutcome } from '../../../src/core/metrics.ts';
import { createKernelTeam } from '../../../workers/runtime/kernel-team.ts';
import type { ResizableKernelTeam } from '../../../workers/runtime/kernel-team.ts';

const C = 10;

/**
 * n rows of d random bytes, normalised as the loader does (Float32), the bytes kept for the
 * gather; in shared memory (as the engine's datasets are) the helpers gather their rows too.
 */
function syntheticSet(n: number, d: number, seed: number, shared: boolean): LabeledSet {
  const pixels = shared ? new Uint8Array(new SharedArrayBuffer(n * d)) : new Uint8Array(n * d), y = new Uint8Array(n);
  let s = seed;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  for (let i = 0; i < pixels.length; i++) pixels[i] = next() >>> 24;
  for (let i = 0; i < n; i++) y[i] = next() % C;
  const mean = new Float32Array(d), invStd = new Float32Array(d);
  for (let j = 0; j < d; j++) { mean[j] = 120 + (j % 17); invStd[j] = 1 / (60 + (j % 5)); }
  const x = new Float32Array(n * d);
  for (let i = 0; i < pixels.length; i++) x[i] = Math.fround(Math.fround(pixels[i] - mean[i % d]) * invStd[i % d]);
  return { x, y, n, d, raw: { pixels, mean, invStd } };
}

function syntheticData(d: number, trainRows: number, shared: boolean): Dataset {
  return { train: syntheticSet(trainRows, d, 1, shared), val: syntheticSet(300, d, 2, shared), test: syntheticSet(200, d, 3, shared), classNames: Array.from({ length: C }, (_, i) => `c${i}`) };
}

function config(hidden: number[], batchSize: number, steps: number): TrainConfig {
  return {
    network: { hidden, batchNorm: true, init: { kind: 'he' }, bnAlpha: 0.9, bnEpsilon: 1e-8 },
    lambda: 0.005,
    schedule: { etaMin: 1e-4, etaMax: 5e-2, stepSize: steps / 2, cycles: 1 },
    batchSize,
    recordsPerCycle: 2,
    split: { kind: 'a2' },
    seed: 11,
    precision: 'float32',
  };
}

/** SHA-256 of the parameters' and BN averages' bytes (a deep equality over megabytes is slow), and the outcome. */
interface Bits { params: string; running: string; outcome: TrainOutcome }

const sha = (a: Float32Array | Float64Array) => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');

function bitsOf(state: { params: Float32Array | Float64Array; running: Float32Array | Float64Array }, outcome: TrainOutcome): Bits {
  return { params: sha(state.params), running: sha(state.running), outcome };
}

/** A run with the team at `threads` (no team: one thread, the default kernels' path). */
function run(data: Dataset, cfg: TrainConfig, team?: ResizableKernelTeam, onStep?: (step: number) => void): Bits {
  const { trainer, state } = createTrainer(cfg, data, createWasmKernels(undefined, team));
  const outcome = runTraining(trainer, state, { onStep: onStep && ((p) => onStep(p.step)) });
  team?.detach();
  return bitsOf(state, outcome);
}

const teams: ResizableKernelTeam[] = [];
function team(threads: number): ResizableKernelTeam {
  const t = createKernelTeam(threads);
  teams.push(t);
  return t;
}
afterAll(async () => { await Promise.all(teams.map((t) => t.close())); });

const cases = [
  // The study's input width; 51 units: an odd row left over in the forward GEMM; the bytes in
  // shared memory, so the helpers gather their rows of each batch.
  { name: '3072 → 51 → 30 → 10, batch 98, shared bytes', d: 3072, hidden: [51, 30], batch: 98, steps: 12, shared: true },
  // Wide hidden layers: the second layer's forward, dW and dX GEMMs are shared too; the bytes
  // in ordinary memory, so the caller copies the rows and the normalisation is shared.
  { name: '3072 → 300 → 202 → 10, batch 100', d: 3072, hidden: [300, 202], batch: 100, steps: 6, shared: false },
  // D not a multiple of 16: the transposed-GEMM path for dW and the reference gather.
  { name: '1000 → 400 → 10, batch 90', d: 1000, hidden: [400], batch: 90, steps: 8, shared: true },
];

describe('a run shared out over kernel threads', () => {
  for (const c of cases) {
    it(`gives the bits of one thread with 2, 3 and 4 threads: ${c.name}`, () => {
      const data = syntheticData(c.d, 4 * c.batch, c.shared);
      const cfg = config(c.hidden, c.batch, c.steps);
      const one = run(data, cfg);
      expect(one.outcome.status).toBe('completed');
      for (const threads of [2, 3, 4]) {
        const shared = run(data, cfg, team(threads));
        expect(shared.params, `${threads} threads: parameters`).toBe(one.params);
        expect(shared.running, `${threads} threads: BN averages`).toBe(one.running);
        expect(shared.outcome, `${threads} threads: curves and final metrics`).toEqual(one.outcome);
      }
    }, 120_000);
  }

  it('gives the same bits when the team grows and shrinks between steps, and after a detach', () => {
    const data = syntheticData(3072, 400, true);
    const cfg = config([50, 50], 100, 16);
    const one = run(data, cfg);
    const t = team(1);
    const sizes = [1, 2, 4, 3, 1, 2];
    const seen = new Set<number>();
    const resized = run(data, cfg, t, (step) => { t.resize(sizes[step % sizes.length]); seen.add(t.threads); });
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
    expect(resized.params).toBe(one.params);
    expect(resized.outcome).toEqual(one.outcome);
    // The same team, detached by `run`, takes the next run's memory.
    t.resize(3);
    expect(run(data, cfg, t).params).toBe(one.params);
  }, 120_000);

  it('refuses a thread count that is not a positive whole number', () => {
    expect(() => createKernelTeam(0)).toThrow(/whole number of threads, not 0/);
    expect(() => createKernelTeam(1.5)).toThrow(/whole number of threads, not 1.5/);
  });
});
