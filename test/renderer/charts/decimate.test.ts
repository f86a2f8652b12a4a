// Min-max decimation and EMA smoothing of chart series: faithful to what matters on a chart
// (ends, extrema, gaps), bounded in length, and no-ops where they should be.
import { describe, expect, it } from 'vitest';
import { minMaxDecimate } from '../../../src/renderer/charts/decimate.ts';
import type { XY } from '../../../src/renderer/charts/decimate.ts';
import { smoothEma } from '../../../src/renderer/charts/smooth.ts';

// A seeded noisy curve, so the test sees the same 10,000 points every time.
function noisy(n: number): XY[] {
  let s = 12345;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, (_, i) => [i, Math.exp(-i / 3000) + 0.2 * (next() - 0.5)]);
}

describe('minMaxDecimate', () => {
  it('keeps 10,000 points within 2 per bucket, with the first, last, min and max', () => {
    const points = noisy(10_000);
    const out = minMaxDecimate(points, 400);
    expect(out.length).toBeLessThanOrEqual(2 * 400 + 2);
    expect(out.length).toBeGreaterThan(400);
    expect(out[0]).toBe(points[0]);
    expect(out.at(-1)).toBe(points.at(-1));
    const ys = (list: XY[]) => list.map((p) => p[1] as number);
    expect(Math.max(...ys(out))).toBe(Math.max(...ys(points)));
    expect(Math.min(...ys(out))).toBe(Math.min(...ys(points)));
    // Every kept point is an original point, in x order.
    for (let i = 1; i < out.length; i++) expect(out[i][0]).toBeGreaterThan(out[i - 1][0]);
  });

  it('keeps each bucket\'s own extremes, so the envelope is the full series\' envelope', () => {
    const points = noisy(10_000);
    const out = minMaxDecimate(points, 100);
    for (let b = 0; b < 100; b++) {
      const inBucket = (p: XY) => Math.min(99, Math.floor((p[0] / 9_999) * 100)) === b;
      const full = points.filter(inBucket).map((p) => p[1] as number);
      const kept = out.filter(inBucket).map((p) => p[1] as number);
      expect(Math.max(...kept)).toBe(Math.max(...full));
      expect(Math.min(...kept)).toBe(Math.min(...full));
    }
  });

  it('returns short series unchanged and keeps a gap in a bucket as a gap', () => {
    const short: XY[] = [[0, 1], [1, 2], [2, 3]];
    expect(minMaxDecimate(short, 10)).toEqual(short);
    const withGap = noisy(1_000);
    withGap[500] = [500, null];
    const out = minMaxDecimate(withGap, 20);
    expect(out).toContainEqual([500, null]);
    expect(out.length).toBeLessThanOrEqual(3 * 20 + 2);
  });
});

describe('smoothEma', () => {
  it('is the identity at weight 0 and a debiased EMA otherwise, skipping gaps', () => {
    expect(smoothEma([1, 2, null, 4], 0)).toEqual([1, 2, null, 4]);
    const out = smoothEma([4, null, 8], 0.5);
    expect(out[0]).toBe(4); // debiased: the first value is itself, not half of it
    expect(out[1]).toBeNull();
    expect(out[2]).toBeCloseTo((0.25 * 4 + 0.5 * 8) / 0.75, 12);
  });

  it('flattens noise around a constant', () => {
    const values = Array.from({ length: 200 }, (_, i) => 5 + (i % 2 === 0 ? 1 : -1));
    const out = smoothEma(values, 0.9) as number[];
    expect(Math.abs(out[199] - 5)).toBeLessThan(0.1);
  });
});
