// Exponential moving average of a curve, as TensorBoard's smoothing slider does it: weight 0
// is no smoothing (the default), weight → 1 smooths more. Debiased, so the first points are
// not pulled towards 0. Gaps (null) stay gaps and do not reset the average.

export function smoothEma(values: readonly (number | null)[], weight: number): (number | null)[] {
  if (!(weight > 0)) return values.slice();
  const w = Math.min(weight, 0.999);
  let average = 0, debias = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return v;
    average = w * average + (1 - w) * v;
    debias = w * debias + (1 - w);
    return average / debias;
  });
}
