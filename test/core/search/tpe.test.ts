// TPE: deterministic given the seed, the trial index and the finished trials; prior draws
// during startup; ranking of complete, pruned and failed trials; and, on a synthetic problem
// with a known optimum, better best-found values than random search with the same budget.
import { describe, expect, it } from 'vitest';
import { goodCount, proposeTrial, rankTrials } from '../../../src/core/search/tpe.ts';
import type { FinishedTrial, TpeOptions } from '../../../src/core/search/tpe.ts';
import type { Domain } from '../../../src/core/search/parzen.ts';

const domains: Domain[] = [
  { kind: 'float', low: 1e-5, high: 1e-1, log: true },
  { kind: 'float', low: 0, high: 1, log: false },
  { kind: 'int', low: 1, high: 8, log: false },
  { kind: 'categorical', choices: 3 },
];

/** Lower is better; optimum at λ = 1e-3, x = 0.7, k = 5, category 2. */
const objective = ([lambda, x, k, c]: readonly number[]) =>
  (Math.log10(lambda) + 3) ** 2 + 4 * (x - 0.7) ** 2 + 0.1 * (k - 5) ** 2 + (c === 2 ? 0 : 1);

function search(seed: number, trials: number, startup: number): number[] {
  const options: TpeOptions = { seed, startup, higherIsBetter: false };
  const finished: FinishedTrial[] = [];
  for (let i = 0; i < trials; i++) {
    const params = proposeTrial(domains, finished, i, options);
    finished.push({ params, outcome: { kind: 'complete', value: objective(params) } });
  }
  return finished.map((t) => (t.outcome.kind === 'complete' ? t.outcome.value : Infinity));
}

describe('proposeTrial', () => {
  it('is deterministic in seed, index and finished trials, and differs by seed', () => {
    expect(search(7, 20, 5)).toEqual(search(7, 20, 5));
    expect(search(7, 20, 5)).not.toEqual(search(8, 20, 5));
  });

  it('draws startup trials from the prior, in range and of the right kind', () => {
    for (let i = 0; i < 50; i++) {
      const [lambda, x, k, c] = proposeTrial(domains, [], i, { seed: 1, startup: 50, higherIsBetter: true });
      expect(lambda).toBeGreaterThanOrEqual(1e-5);
      expect(lambda).toBeLessThanOrEqual(1e-1);
      expect(x >= 0 && x <= 1).toBe(true);
      expect(Number.isInteger(k) && k >= 1 && k <= 8).toBe(true);
      expect([0, 1, 2]).toContain(c);
    }
  });

  it('keeps drawing from the prior while every finished trial failed', () => {
    const failed: FinishedTrial[] = [{ params: [1e-3, 0.5, 2, 0], outcome: { kind: 'failed' } }];
    const options = { seed: 3, startup: 0, higherIsBetter: true };
    expect(proposeTrial(domains, failed, 1, options)).toEqual(proposeTrial(domains, [], 1, { ...options, startup: 2 }));
  });

  it('finds better values than random search with the same number of trials', () => {
    const best = (values: number[]) => Math.min(...values);
    const seeds = [1, 2, 3, 4, 5, 6];
    const tpe = seeds.map((seed) => best(search(seed, 40, 10)));
    const random = seeds.map((seed) => best(search(seed, 40, 40)));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(tpe)).toBeLessThan(0.5 * mean(random));
  });
});

describe('rankTrials and goodCount', () => {
  it('ranks complete by value, then pruned by step reached and value, then failed', () => {
    const trials: FinishedTrial[] = [
      { params: [], outcome: { kind: 'failed' } },
      { params: [], outcome: { kind: 'pruned', step: 450, value: 0.5 } },
      { params: [], outcome: { kind: 'complete', value: 0.4 } },
      { params: [], outcome: { kind: 'pruned', step: 1350, value: 0.3 } },
      { params: [], outcome: { kind: 'complete', value: 0.45 } },
      { params: [], outcome: { kind: 'pruned', step: 450, value: 0.6 } },
    ];
    expect(rankTrials(trials, true)).toEqual([4, 2, 3, 5, 1, 0]);
  });

  it('takes ⌈n/10⌉ trials as good, at most 25', () => {
    expect([1, 10, 11, 24, 300].map(goodCount)).toEqual([1, 1, 2, 3, 25]);
  });
});
