// The sentence a pruned run shows in the Run view and the Queue: accuracies in percent and
// "below" the threshold, costs to four decimals and "above" it.
import { describe, expect, it } from 'vitest';
import { metricText, pruningText } from '../../src/shared/decision-text.ts';
import type { RungDecision } from '../../src/core/search/asha.ts';

const decision: RungDecision = { rung: 1, rungStep: 1350, step: 1440, metric: 'val.accuracy', value: 0.312, threshold: 0.331, competitors: 6, action: 'prune' };

describe('pruningText', () => {
  it('says where, what and against how many runs', () => {
    expect(pruningText(decision)).toBe('At step 1440 (rung 1, 1350 steps), val.accuracy 31.20% was below the threshold 33.10% set by the 6 runs that reached the rung.');
    const cost = { ...decision, metric: 'val.cost' as const, value: 1.71, threshold: 1.6, competitors: 1 };
    expect(pruningText(cost)).toBe('At step 1440 (rung 1, 1350 steps), val.cost 1.7100 was above the threshold 1.6000 set by the 1 run that reached the rung.');
    expect(metricText(cost, Number.NaN)).toBe('NaN');
  });
});
