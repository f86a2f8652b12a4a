// Mean and sample standard deviation of a list of figures (accuracies over seeds, over a
// group of runs): one formula, so a table and a chart of the same runs agree to the bit.

export interface MeanStd {
  mean: number;
  /** Sample standard deviation (n − 1); 0 for a single value. */
  std: number;
  n: number;
}

/** Mean and sample std of `values`; null when there are none. */
export function meanStd(values: readonly number[]): MeanStd | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  const variance = n > 1 ? values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, std: Math.sqrt(variance), n };
}
