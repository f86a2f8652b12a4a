// The search charts' options: best so far as a step line in percent with pruned trials apart,
// and importance bars sorted so the most important parameter is drawn on top.
import { describe, expect, it } from 'vitest';
import { buildBestSoFarOption, buildImportanceOption } from '../../../src/renderer/charts/search-charts.ts';
import type { SearchSummary } from '../../../src/shared/core-types.ts';

const summary: SearchSummary = {
  progress: [
    { trial: 1, value: 0.4, best: 0.4, status: 'completed' },
    { trial: 2, value: 0.35, best: 0.4, status: 'pruned' },
    { trial: 3, value: 0.45, best: 0.45, status: 'completed' },
  ],
  importance: [
    { path: 'lambda', explained: 0.6, share: 0.75, bins: 5 },
    { path: 'schedule.stepSize', explained: 0.2, share: 0.25, bins: 3 },
  ],
};

describe('search charts', () => {
  it('draw best so far in percent, with pruned trials as their own series', () => {
    const option = buildBestSoFarOption(summary, 'final.val.accuracy');
    const [best, trials, pruned] = option.series as Array<{ name: string; data: number[][] }>;
    expect(best.data.map(([, y]) => Math.round(y))).toEqual([40, 40, 45]);
    expect(trials.data.map(([x]) => x)).toEqual([1, 3]);
    expect(pruned.data).toEqual([[2, 35]]);
  });

  it('sort importance bars ascending so the largest is on top', () => {
    const option = buildImportanceOption(summary);
    expect((option.yAxis as { data: string[] }).data).toEqual(['schedule.stepSize', 'lambda']);
    expect((option.series as Array<{ data: number[] }>)[0].data).toEqual([25, 75]);
  });
});
