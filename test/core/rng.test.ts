import { describe, expect, it } from 'vitest';
import { createRng, shuffleInPlace } from '../../src/core/rng.ts';

describe('seeded Rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const draw = (seed: number) => { const r = createRng(seed); return Array.from({ length: 5 }, () => r.uniform()); };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('resumes exactly from a saved state', () => {
    const a = createRng(7);
    for (let i = 0; i < 100; i++) a.normal();
    const b = createRng(a.state());
    expect([a.uniform(), a.normal(), a.int(10)]).toEqual([b.uniform(), b.normal(), b.int(10)]);
  });

  it('draws normals with mean 0 and variance 1 and uniforms in [0, 1)', () => {
    const r = createRng(1);
    const n = 200_000;
    let sum = 0, sumSq = 0, lo = 1, hi = 0;
    for (let i = 0; i < n; i++) { const x = r.normal(); sum += x; sumSq += x * x; const u = r.uniform(); lo = Math.min(lo, u); hi = Math.max(hi, u); }
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.01);
    // In [0, 1), and covering it: 200,000 draws come within 1e-4 of both ends.
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(lo).toBeLessThan(1e-4);
    expect(hi).toBeLessThan(1);
    expect(hi).toBeGreaterThan(1 - 1e-4);
  });

  it('shuffles into a permutation', () => {
    const order = Uint32Array.from({ length: 1000 }, (_, i) => i);
    shuffleInPlace(order, createRng(3));
    expect([...order].sort((x, y) => x - y)).toEqual([...Array(1000).keys()]);
    expect([...order.subarray(0, 10)]).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
