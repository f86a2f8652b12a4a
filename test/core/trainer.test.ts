// The trainer on the committed real CIFAR-10 slice: bit-reproducibility, resume from a
// snapshot, divergence and abort, the seeded regression fixture, and the overfit sanity check.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainConfig } from '../../src/core/config.ts';
import type { Dataset } from '../../src/core/dataset.ts';
import { createTrainer, recordSchedule, resumeTrainer, runTraining, snapshotState, train } from '../../src/core/trainer.ts';
import type { RunState } from '../../src/core/trainer.ts';
import { loadDataset } from '../../src/main/data/load.ts';
import { getPreset } from '../../src/shared/presets.ts';
import { FIXTURE_DATA_DIR } from '../helpers/fixture-data.ts';

const base: TrainConfig = {
  network: { hidden: [20, 20], batchNorm: true, init: { kind: 'he' }, bnAlpha: 0.9, bnEpsilon: 1e-8 },
  lambda: 0.005,
  schedule: { etaMin: 1e-5, etaMax: 1e-1, stepSize: 10, cycles: 2 },
  batchSize: 20,
  recordsPerCycle: 4,
  split: { kind: 'a2' },
  seed: 1,
  precision: 'float32',
};
const with_ = (patch: Partial<TrainConfig>): TrainConfig => ({ ...base, ...patch });

let f32: Dataset, f64: Dataset;
beforeAll(async () => {
  f32 = await loadDataset(FIXTURE_DATA_DIR, { kind: 'a2' }, 'float32');
  f64 = await loadDataset(FIXTURE_DATA_DIR, { kind: 'a2' }, 'float64');
});

describe('record schedule', () => {
  it('records recordsPerCycle times a cycle, plus step 0', () => {
    const study = with_({ schedule: { etaMin: 1e-5, etaMax: 1e-1, stepSize: 2250, cycles: 2 }, recordsPerCycle: 10 });
    expect(recordSchedule(study, 9000)).toEqual(Array.from({ length: 21 }, (_, i) => i * 450));
  });
});

describe('trainer', () => {
  it('gives bit-identical runs for the same seed and different runs for another seed', () => {
    const a = train(base, f32), b = train(base, f32), c = train(with_({ seed: 2 }), f32);
    expect(a.status).toBe('completed');
    expect(a.curves).toEqual(b.curves);
    expect(Buffer.from(a.model.params.buffer).equals(Buffer.from(b.model.params.buffer))).toBe(true);
    expect(a.curves.at(-1)).not.toEqual(c.curves.at(-1));
    expect(a.curves.map((p) => p.step)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40]);
  });

  it('resumes from a mid-run snapshot to exactly the uninterrupted result', () => {
    const whole = train(base, f32);
    let snap: RunState | undefined;
    const signal = { aborted: false };
    const { trainer, state } = createTrainer(base, f32);
    const cut = runTraining(trainer, state, { signal, onStep: (p) => { if (p.step === 13) { snap = snapshotState(state); signal.aborted = true; } } });
    expect(cut.status).toBe('aborted');
    expect(snap?.step).toBe(13);
    const resumed = resumeTrainer(base, f32, snap!);
    const rest = runTraining(resumed.trainer, resumed.state);
    expect(rest.status).toBe('completed');
    expect(rest.curves).toEqual(whole.curves);
    expect(rest.status === 'completed' && rest.final).toEqual(whole.status === 'completed' && whole.final);
    expect(Buffer.from(resumed.trainer.model.params.buffer).equals(Buffer.from(whole.model.params.buffer))).toBe(true);
  });

  it('stops a diverging run with the code diverged and the step', () => {
    const wild = with_({ network: { ...base.network, batchNorm: false }, schedule: { etaMin: 1e6, etaMax: 1e6, stepSize: 10, cycles: 2 } });
    const r = train(wild, f32);
    expect(r.status).toBe('diverged');
    if (r.status !== 'diverged') return;
    expect(r.error.code).toBe('diverged');
    expect(r.error.step).toBeGreaterThan(0);
    expect(r.error.step).toBeLessThan(40);
    expect(r.error.message).toMatch(/step \d+/);
  });

  it('trains in Float32 and Float64 to nearly the same curve', () => {
    const a = train(base, f32), b = train(with_({ precision: 'float64' }), f64);
    const [pa, pb] = [a.curves.at(-1)!, b.curves.at(-1)!];
    expect(Math.abs(pa.train.loss - pb.train.loss)).toBeLessThan(1e-3);
  });
});

describe('seeded regression fixture', () => {
  // Pinned by running this config once (Float64, seed 1, 30 updates on the 100-image a2
  // slice); a change to any kernel, the initialisation, the shuffle or the schedule moves
  // these numbers. Re-pin only for a deliberate change of the numerics, and say why.
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/regression.json', import.meta.url), 'utf8')) as { steps: number; lossAtStep0: number; lossAfter: number; trainAccuracyAfter: number };
  it('reproduces the initial loss and the loss after N steps', () => {
    const config = with_({ precision: 'float64', schedule: { ...base.schedule, stepSize: fixture.steps / 2, cycles: 1 }, recordsPerCycle: 1 });
    const r = train(config, f64);
    expect(r.curves[0].step).toBe(0);
    expect(r.curves[0].train.loss).toBeCloseTo(fixture.lossAtStep0, 12);
    expect(r.curves.at(-1)!.step).toBe(fixture.steps);
    expect(r.curves.at(-1)!.train.loss).toBeCloseTo(fixture.lossAfter, 12);
    expect(r.curves.at(-1)!.train.accuracy).toBe(fixture.trainAccuracyAfter);
  });
});

describe('sanity check: overfit 100 images', () => {
  it('drives the training loss of the sanity-overfit-100 preset near zero', async () => {
    const preset = getPreset('sanity-overfit-100');
    const data = await loadDataset(FIXTURE_DATA_DIR, preset.config.split, preset.config.precision);
    expect(data.train.n).toBe(100);
    const r = train(preset.config, data);
    expect(r.status).toBe('completed');
    const last = r.curves.at(-1)!;
    expect(last.step).toBe(400);
    expect(last.train.loss).toBeLessThan(0.05);
    expect(last.train.accuracy).toBe(1);
  });
});
