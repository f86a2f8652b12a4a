// The Parzen estimators are distributions over their axis: densities integrate to 1 (linear
// and log axes), integer and category masses sum to 1, samples stay in range, and the mass
// gathers where the observations are. Plus erf against known values and Optuna's weights.
import { describe, expect, it } from 'vitest';
import { categoricalEstimator, erf, numericEstimator, observationWeights, samplePrior } from '../../../src/core/search/parzen.ts';
import { createRng } from '../../../src/core/rng.ts';

function integrate(f: (x: number) => number, lo: number, hi: number, n = 20000): number {
  const h = (hi - lo) / n;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += f(lo + (i + 0.5) * h);
  return sum * h;
}

describe('erf', () => {
  it('matches tabulated values to 1e-7', () => {
    expect(erf(0)).toBeCloseTo(0, 7);
    expect(erf(0.5)).toBeCloseTo(0.5204998778, 7);
    expect(erf(1)).toBeCloseTo(0.8427007929, 7);
    expect(erf(-2)).toBeCloseTo(-0.9953222650, 7);
  });
});

describe('numericEstimator', () => {
  it('is a density on a linear axis', () => {
    const est = numericEstimator({ kind: 'float', low: -1, high: 3, log: false }, [0.2, 0.25, 2.9]);
    expect(integrate((x) => Math.exp(est.logPdf(x)), -1, 3)).toBeCloseTo(1, 3);
  });

  it('is a density on a log axis, in natural units', () => {
    const est = numericEstimator({ kind: 'float', low: 1e-5, high: 1e-1, log: true }, [1e-3, 2e-3]);
    // Substituting x = e^u: ∫ p(x) dx = ∫ p(e^u) e^u du.
    const mass = integrate((u) => Math.exp(est.logPdf(Math.exp(u)) + u), Math.log(1e-5), Math.log(1e-1));
    expect(mass).toBeCloseTo(1, 3);
  });

  it('gives integers masses summing to 1 and samples integers in range', () => {
    const domain = { kind: 'int', low: 2, high: 9, log: false } as const;
    const est = numericEstimator(domain, [3, 3, 4]);
    const total = [2, 3, 4, 5, 6, 7, 8, 9].reduce((s, x) => s + Math.exp(est.logPdf(x)), 0);
    expect(total).toBeCloseTo(1, 6);
    const rng = createRng(1);
    for (let i = 0; i < 200; i++) {
      const x = est.sample(rng);
      expect(Number.isInteger(x) && x >= 2 && x <= 9).toBe(true);
    }
    expect(est.logPdf(3)).toBeGreaterThan(est.logPdf(8));
  });

  it('samples mostly near the observations, never outside the range', () => {
    const est = numericEstimator({ kind: 'float', low: 0, high: 100, log: false }, [10, 11, 12, 13]);
    const rng = createRng(2);
    const draws = Array.from({ length: 1000 }, () => est.sample(rng));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThanOrEqual(100);
    expect(draws.filter((x) => x < 30).length).toBeGreaterThan(600);
  });
});

describe('categoricalEstimator', () => {
  it('sums to 1 and favours the observed category', () => {
    const est = categoricalEstimator(3, [2, 2, 0]);
    const p = [0, 1, 2].map((c) => Math.exp(est.logPdf(c)));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[2]).toBeGreaterThan(p[0]);
    expect(p[0]).toBeGreaterThan(p[1]);
  });
});

describe('observationWeights and samplePrior', () => {
  it('weights equally up to 25 observations, then ramps the oldest down', () => {
    expect(observationWeights(3)).toEqual([1, 1, 1]);
    const w = observationWeights(30);
    expect(w).toHaveLength(30);
    expect(w[0]).toBeCloseTo(1 / 30, 12);
    expect(w[4]).toBeCloseTo(1, 12);
    expect(w.slice(5)).toEqual(Array(25).fill(1));
  });

  it('draws log axes uniformly in the exponent', () => {
    const rng = createRng(4);
    const draws = Array.from({ length: 2000 }, () => samplePrior({ kind: 'float', low: 1e-5, high: 1e-1, log: true }, rng));
    expect(draws.filter((x) => x < 1e-3).length / 2000).toBeCloseTo(0.5, 1);
  });
});
