// The runs of a search: a trial's numbers become a point and a valid config, stored points
// come back as the same numbers, pruned and failed runs reach TPE as such, and the proposals
// of a search replayed from the same finished runs are the same.
import { describe, expect, it } from 'vitest';
import { nextTrial, paramsOfPoint, searchDomains, trialOf, trialRun } from '../../../src/shared/sweep/search-trials.ts';
import type { FinishedRun } from '../../../src/shared/sweep/search-trials.ts';
import { parseAnySweepSpec } from '../../../src/shared/search-schema.ts';
import type { SearchSweepSpec } from '../../../src/shared/search-schema.ts';

const spec = parseAnySweepSpec({
  name: 'tpe',
  base: { network: { hidden: [10] }, lambda: 0, schedule: { stepSize: 5, cycles: 1 } },
  search: { kind: 'tpe', trials: 12, startup: 3, seed: 4 },
  scheduler: { kind: 'asha', metric: 'val.cost', minSteps: 2 },
  axes: [
    { path: 'lambda', logUniform: { min: 1e-5, max: 1e-1 } },
    { path: 'schedule.cycles', integer: { min: 1, max: 3 } },
    { path: 'network.batchNorm', values: [false, true] },
  ],
}, 'test') as SearchSweepSpec;

describe('search trials', () => {
  it('turn numbers into a labelled run with a valid config, and back', () => {
    const run = trialRun(spec, 2, [1e-3, 2, 1]);
    expect(run.point).toEqual({ lambda: 1e-3, 'schedule.cycles': 2, 'network.batchNorm': true });
    expect(run.label).toBe('#3 λ=0.001 cycles=2 BN');
    expect(run.config).toMatchObject({ lambda: 1e-3, schedule: { cycles: 2 }, network: { batchNorm: true }, name: 'tpe #3 λ=0.001 cycles=2 BN' });
    expect(paramsOfPoint(spec.axes, run.point)).toEqual([1e-3, 2, 1]);
    expect(searchDomains(spec.axes)).toEqual([
      { kind: 'float', low: 1e-5, high: 1e-1, log: true }, { kind: 'int', low: 1, high: 3, log: false }, { kind: 'categorical', choices: 2 },
    ]);
  });

  it('hand TPE pruned runs in its direction and failed runs as failed; cancelled runs not at all', () => {
    const point = { lambda: 1e-3, 'schedule.cycles': 1, 'network.batchNorm': false };
    // The scheduler ranks val.cost low-first, the search final.val.accuracy high-first.
    expect(trialOf(spec, { point, status: 'pruned', prunedAt: { step: 2, value: 1.7 } })?.outcome).toEqual({ kind: 'pruned', step: 2, value: -1.7 });
    expect(trialOf(spec, { point, status: 'diverged' })?.outcome).toEqual({ kind: 'failed' });
    expect(trialOf(spec, { point, status: 'cancelled' })).toBeUndefined();
    expect(trialOf(spec, { point: { ...point, 'network.batchNorm': 'x' }, status: 'completed', value: 0.3 })).toBeUndefined();
  });

  it('propose the same runs when replayed from the same finished runs', () => {
    const replay = () => {
      const finished: FinishedRun[] = [];
      return Array.from({ length: 8 }, (_, i) => {
        const run = nextTrial(spec, finished, i);
        finished.push({ point: run.point, status: 'completed', value: Math.log10(run.config.lambda) / -5 });
        return run.point;
      });
    };
    const first = replay();
    expect(replay()).toEqual(first);
    expect(new Set(first.map((p) => JSON.stringify(p))).size).toBe(8);
  });
});
