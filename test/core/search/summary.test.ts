// A search's summary: best so far holds through runs without a value and follows the metric's
// direction; importance names the driving parameter among numbers and categories.
import { describe, expect, it } from 'vitest';
import { summarizeSearch } from '../../../src/core/search/summary.ts';
import { createRng } from '../../../src/core/rng.ts';

describe('summarizeSearch', () => {
  it('tracks the best so far in trial order, through pruned runs', () => {
    const runs = [
      { trial: 2, point: { lambda: 0.1 }, value: 0.3, status: 'completed' },
      { trial: 1, point: { lambda: 0.01 }, value: 0.4, status: 'completed' },
      { trial: 3, point: { lambda: 0.001 }, value: undefined, status: 'pruned' },
      { trial: 4, point: { lambda: 0.002 }, value: 0.45, status: 'completed' },
    ];
    expect(summarizeSearch(runs, ['lambda'], true).progress.map((p) => [p.trial, p.value, p.best])).toEqual([[1, 0.4, 0.4], [2, 0.3, 0.4], [3, null, 0.4], [4, 0.45, 0.45]]);
    expect(summarizeSearch(runs, ['lambda'], false).progress.map((p) => p.best)).toEqual([0.4, 0.3, 0.3, 0.3]);
  });

  it('finds the parameter that drives the value, a categorical one too', () => {
    const rng = createRng(11);
    const runs = Array.from({ length: 48 }, (_, i) => {
      const point = { lambda: 10 ** (-5 + 4 * rng.uniform()), 'network.batchNorm': rng.uniform() < 0.5, 'schedule.stepSize': [450, 900, 2250][rng.int(3)] };
      return { trial: i + 1, point, value: (point['network.batchNorm'] ? 0.5 : 0.4) + 0.005 * rng.normal(), status: 'completed' };
    });
    const { importance } = summarizeSearch(runs, ['lambda', 'network.batchNorm', 'schedule.stepSize'], true);
    expect(importance.map((i) => i.path)).toEqual(['lambda', 'network.batchNorm', 'schedule.stepSize']);
    expect(importance[1].share).toBeGreaterThan(0.9);
  });
});
