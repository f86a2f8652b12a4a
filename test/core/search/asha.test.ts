// ASHA's decisions on hand-made rungs: where the rungs lie, which point settles one, the top
// 1/η rule with its threshold, the first runs at a rung, costs ranking low-first, and the
// update steps a pruned sweep saved.
import { describe, expect, it } from 'vitest';
import { decideRung, dueRung, judgePoint, rungSteps, stepsSaved } from '../../../src/core/search/asha.ts';
import type { AshaSpec } from '../../../src/core/search/asha.ts';
import type { RecordPoint } from '../../../src/core/metrics.ts';

const spec: AshaSpec = { kind: 'asha', metric: 'val.accuracy', minSteps: 450, reduction: 3 };

function point(step: number, valAccuracy: number, valCost = 1): RecordPoint {
  const set = { cost: valCost, loss: valCost, accuracy: valAccuracy };
  return { step, epoch: step / 100, eta: 0.01, train: set, val: set };
}

describe('rungs', () => {
  it('lie at minSteps · reduction^k below the run\'s last step', () => {
    expect(rungSteps(spec, 9000)).toEqual([450, 1350, 4050]);
    expect(rungSteps(spec, 4050)).toEqual([450, 1350]);
    expect(rungSteps(spec, 450)).toEqual([]);
  });

  it('a rung is settled by the first recorded point at or past it, one rung at a time', () => {
    expect(dueRung(spec, 9000, 360, 0)).toBeUndefined();
    expect(dueRung(spec, 9000, 540, 0)).toEqual({ rung: 0, rungStep: 450 });
    expect(dueRung(spec, 9000, 1440, 1)).toEqual({ rung: 1, rungStep: 1350 });
    expect(dueRung(spec, 9000, 9000, 3)).toBeUndefined();
  });
});

describe('decideRung', () => {
  it('keeps a run in the top ⌊n/η⌋ of the n runs at the rung and gives the threshold', () => {
    const earlier = [0.30, 0.42, 0.35, 0.38, 0.33];
    const kept = decideRung(spec, 0, point(450, 0.40), earlier);
    expect(kept).toMatchObject({ rung: 0, rungStep: 450, step: 450, value: 0.40, threshold: 0.40, competitors: 6, action: 'continue' });
    const pruned = decideRung(spec, 0, point(450, 0.37), earlier);
    expect(pruned).toMatchObject({ value: 0.37, threshold: 0.38, competitors: 6, action: 'prune' });
  });

  it('continues the first runs at a rung only while each is the best so far', () => {
    expect(decideRung(spec, 1, point(1350, 0.2), []).action).toBe('continue');
    expect(decideRung(spec, 1, point(1350, 0.3), [0.2]).action).toBe('continue');
    expect(decideRung(spec, 1, point(1350, 0.25), [0.2, 0.3])).toMatchObject({ threshold: 0.3, action: 'prune' });
  });

  it('ranks costs low-first', () => {
    const costSpec: AshaSpec = { ...spec, metric: 'val.cost' };
    expect(decideRung(costSpec, 0, point(450, 0, 1.1), [1.5, 1.2, 1.9]).action).toBe('continue');
    expect(decideRung(costSpec, 0, point(450, 0, 1.3), [1.5, 1.2, 1.9])).toMatchObject({ threshold: 1.2, action: 'prune' });
  });

  it('prunes a non-finite value', () => {
    expect(decideRung(spec, 0, point(450, Number.NaN), []).action).toBe('prune');
  });
});

describe('stepsSaved', () => {
  it('sums the steps pruned runs did not take', () => {
    expect(stepsSaved([
      { status: 'pruned', steps: 450, totalSteps: 4500 },
      { status: 'completed', steps: 4500, totalSteps: 4500 },
      { status: 'pruned', steps: 1350, totalSteps: 4500 },
    ])).toBe(4050 + 3150);
  });
});

describe('judgePoint', () => {
  it('settles every rung a sparse point passes, stopping at the first prune', () => {
    const at: Record<number, number[]> = { 0: [0.1], 1: [0.5, 0.6] };
    const decisions = judgePoint(spec, 9000, point(1440, 0.4), 0, (k) => at[k] ?? []);
    expect(decisions.map((d) => [d.rung, d.action])).toEqual([[0, 'continue'], [1, 'prune']]);
    expect(judgePoint(spec, 9000, point(1440, 0.4), 2, (k) => at[k] ?? [])).toEqual([]);
  });
});
