// Refining a search: ranges narrow to the span of the top points (log and integer ranges too),
// a single top value keeps a tenth of the parent's width around it, categories keep those the
// top points have, and the search settings, scheduler and parent link carry over.
import { describe, expect, it } from 'vitest';
import { refineSearch } from '../../../src/shared/sweep/search-refine.ts';
import { parseAnySweepSpec } from '../../../src/shared/search-schema.ts';
import type { SearchSweepSpec } from '../../../src/shared/search-schema.ts';

const parent = parseAnySweepSpec({
  name: 'tpe',
  base: { network: { hidden: [10] }, lambda: 0, schedule: { stepSize: 5, cycles: 1 } },
  search: { kind: 'tpe', trials: 12, startup: 4, seed: 3 },
  scheduler: { kind: 'asha', minSteps: 2 },
  axes: [
    { path: 'lambda', logUniform: { min: 1e-5, max: 1e-1 } },
    { path: 'schedule.etaMax', uniform: { min: 0.01, max: 0.3 } },
    { path: 'schedule.cycles', integer: { min: 1, max: 9 } },
    { path: 'schedule.stepSize', values: [5, 10, 20] },
  ],
}, 'test') as SearchSweepSpec;

const point = (lambda: number, etaMax: number, cycles: number, stepSize: number) =>
  ({ lambda, 'schedule.etaMax': etaMax, 'schedule.cycles': cycles, 'schedule.stepSize': stepSize });

describe('refineSearch', () => {
  it('narrows every axis to the top points and keeps the search settings', () => {
    const results = [
      { point: point(1e-3, 0.1, 2, 10), value: 0.5 },
      { point: point(1e-4, 0.2, 4, 5), value: 0.45 },
      { point: point(1e-2, 0.05, 3, 10), value: 0.44 },
      { point: point(1e-1, 0.3, 9, 20), value: 0.1 },
    ];
    const child = refineSearch(parent, results);
    expect(child.axes).toEqual([
      { path: 'lambda', logUniform: { min: 1e-4, max: 1e-2 } },
      { path: 'schedule.etaMax', uniform: { min: 0.05, max: 0.2 } },
      { path: 'schedule.cycles', integer: { min: 2, max: 4 } },
      { path: 'schedule.stepSize', values: [5, 10] },
    ]);
    expect(child).toMatchObject({ name: 'tpe-fine', search: parent.search, scheduler: parent.scheduler, parent: { name: 'tpe', metric: 'final.val.accuracy', top: 3 } });
  });

  it('keeps a tenth of the parent width around a single top value', () => {
    const child = refineSearch(parent, [{ point: point(1e-3, 0.1, 2, 10), value: 0.5 }], { top: 1 });
    const lambda = (child.axes[0] as { logUniform: { min: number; max: number } }).logUniform;
    expect(Math.log10(lambda.max / lambda.min)).toBeCloseTo(0.4, 10);
    expect(child.axes[2]).toEqual({ path: 'schedule.cycles', integer: { min: 1, max: 3 } });
  });
});
