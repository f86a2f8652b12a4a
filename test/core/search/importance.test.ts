// Parameter importance on synthetic trials where the answer is known: one parameter drives
// the metric and the others are noise; two parameters with a 3:1 variance split; a category.
import { describe, expect, it } from 'vitest';
import { binsOf, explainedShare, parameterImportance } from '../../../src/core/search/importance.ts';
import { createRng } from '../../../src/core/rng.ts';

describe('parameterImportance', () => {
  it('gives nearly all of it to the one parameter that drives the metric', () => {
    const rng = createRng(3);
    const params = Array.from({ length: 60 }, () => [rng.uniform(), 10 ** (-5 + 4 * rng.uniform()), rng.int(3)]);
    const values = params.map(([x]) => Math.sin(3 * x) + 0.05 * rng.normal());
    const importance = parameterImportance({ params, values, kinds: ['numeric', 'numeric', 'categorical'] });
    expect(importance[0].share).toBeGreaterThan(0.9);
    expect(importance[0].explained).toBeGreaterThan(0.8);
    expect(importance[1].explained).toBeLessThan(0.1);
    expect(importance[2].explained).toBeLessThan(0.1);
  });

  it('splits the variance between two additive parameters in proportion', () => {
    const rng = createRng(9);
    const params = Array.from({ length: 400 }, () => [rng.int(2), rng.int(2)]);
    // Effects ±√3 and ±1: variances 3 and 1.
    const values = params.map(([a, b]) => Math.sqrt(3) * (2 * a - 1) + (2 * b - 1));
    const [a, b] = parameterImportance({ params, values, kinds: ['categorical', 'categorical'] });
    expect(a.share).toBeCloseTo(0.75, 1);
    expect(b.share).toBeCloseTo(0.25, 1);
  });

  it('scores pure noise near 0 where the raw correlation ratio would not', () => {
    const rng = createRng(5);
    const xs = Array.from({ length: 30 }, () => rng.uniform());
    const y = xs.map(() => rng.normal());
    expect(explainedShare(y, binsOf(xs, 'numeric'))).toBeLessThan(0.1);
  });

  it('ignores trials without a finite value', () => {
    const importance = parameterImportance({ params: [[0], [1], [0], [1], [0]], values: [1, 2, 1, 2, Number.NaN], kinds: ['categorical'] });
    expect(importance[0].explained).toBe(1);
  });
});

describe('binsOf', () => {
  it('puts ties in one bin and makes at most five equal-count bins', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i);
    expect(new Set(binsOf(xs, 'numeric')).size).toBe(5);
    expect(binsOf([1, 1, 1, 2, 3, 4, 5, 6, 7, 8], 'numeric').slice(0, 3)).toEqual([0, 0, 0]);
    expect(binsOf([0.1, 0.5, 0.1], 'numeric')).toEqual([0, 1, 0]);
  });
});
