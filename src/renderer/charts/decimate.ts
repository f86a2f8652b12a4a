// Decimation of a long line series for a chart a few hundred pixels wide: min-max per pixel
// bucket. Each bucket of the x range keeps its lowest and highest point (in x order), plus the
// first and last point of the series, so the drawn envelope — spikes, the best accuracy, a
// divergence — is exactly the one of the full series, with at most 2 points per pixel column.
// Not a smoother (smooth.ts) and not a renderer: points in, fewer of the same points out.

/** [x, y]; a null y is a gap (e.g. a value a log axis cannot show) and stays one. */
export type XY = [number, number | null];

/**
 * Points of `points` (sorted by x) chosen per bucket of equal x width: the min and the max of
 * y, and the first gap if the bucket has one — at most 2·buckets + 2 points without gaps.
 * Series no longer than that are returned as they are (a copy).
 */
export function minMaxDecimate(points: readonly XY[], buckets: number): XY[] {
  const n = points.length;
  if (buckets < 1 || n <= 2 * buckets + 2) return points.slice();
  const x0 = points[0][0];
  const span = points[n - 1][0] - x0;
  const bucketOf = (x: number) => (span > 0 ? Math.min(buckets - 1, Math.floor(((x - x0) / span) * buckets)) : 0);
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  let i = 0;
  while (i < n) {
    const bucket = bucketOf(points[i][0]);
    let lo = -1, hi = -1, gap = -1;
    for (; i < n && bucketOf(points[i][0]) === bucket; i++) {
      const y = points[i][1];
      if (y === null || !Number.isFinite(y)) {
        if (gap < 0) gap = i;
        continue;
      }
      if (lo < 0 || y < (points[lo][1] as number)) lo = i;
      if (hi < 0 || y > (points[hi][1] as number)) hi = i;
    }
    if (lo >= 0) keep[lo] = 1;
    if (hi >= 0) keep[hi] = 1;
    if (gap >= 0) keep[gap] = 1;
  }
  const out: XY[] = [];
  for (let j = 0; j < n; j++) if (keep[j]) out.push(points[j]);
  return out;
}
