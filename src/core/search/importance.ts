// How much each searched parameter matters to a metric, from finished trials alone: the share
// of the metric's variance that the parameter's marginal means explain. Per parameter the
// trials are grouped into bins (each category, each distinct value when there are few, else
// up to five equal-count bins along the value, so a log scale changes nothing); the explained
// share is the correlation ratio corrected for the number of bins (ε² = (SS_between −
// (B − 1)·MS_within) / SS_total, clipped at 0), so a parameter that is pure noise scores about
// 0 instead of (B − 1)/(n − 1). Interactions are not attributed: it is a first-order measure.

export interface ImportanceInput {
  /** Per trial, one value per parameter (numbers, or category indices for categorical ones). */
  params: ReadonlyArray<readonly number[]>;
  values: readonly number[];
  /** Per parameter: how to bin it. */
  kinds: ReadonlyArray<'numeric' | 'categorical'>;
}

export interface ParameterImportance {
  /** ε²: the share of the metric's variance this parameter's bin means explain, 0..1. */
  explained: number;
  /** explained normalised over the parameters (sums to 1 unless every parameter explains 0). */
  share: number;
  bins: number;
}

/** Distinct values up to this many are bins of their own. */
const MAX_DISTINCT_BINS = 6;
const MAX_QUANTILE_BINS = 5;

export function parameterImportance(input: ImportanceInput): ParameterImportance[] {
  const keep = input.values.map((v, i) => (Number.isFinite(v) && input.params[i].every(Number.isFinite) ? i : -1)).filter((i) => i >= 0);
  const y = keep.map((i) => input.values[i]);
  const result = input.kinds.map((kind, p) => {
    const bins = binsOf(keep.map((i) => input.params[i][p]), kind);
    return { explained: explainedShare(y, bins), bins: new Set(bins).size };
  });
  const total = result.reduce((s, r) => s + r.explained, 0);
  return result.map((r) => ({ ...r, share: total > 0 ? r.explained / total : 0 }));
}

/** Bin index per trial: by category or distinct value when few, else equal-count bins in order. */
export function binsOf(xs: readonly number[], kind: 'numeric' | 'categorical'): number[] {
  const distinct = [...new Set(xs)].sort((a, b) => a - b);
  if (kind === 'categorical' || distinct.length <= MAX_DISTINCT_BINS) return xs.map((x) => distinct.indexOf(x));
  const count = Math.max(2, Math.min(MAX_QUANTILE_BINS, Math.floor(xs.length / 4)));
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const bins = new Array<number>(xs.length);
  let bin = 0;
  order.forEach((i, rank) => {
    // Equal values share a bin, so a boundary moves past a run of ties.
    const due = Math.floor((rank * count) / xs.length);
    if (due > bin && xs[i] !== xs[order[rank - 1]]) bin = due;
    bins[i] = bin;
  });
  return bins;
}

/** ε² of y grouped by bins; 0 with fewer than three trials or no variance. */
export function explainedShare(y: readonly number[], bins: readonly number[]): number {
  const n = y.length;
  if (n < 3) return 0;
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const total = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  if (!(total > 0)) return 0;
  const groups = new Map<number, { sum: number; count: number }>();
  bins.forEach((b, i) => {
    const g = groups.get(b) ?? { sum: 0, count: 0 };
    g.sum += y[i];
    g.count++;
    groups.set(b, g);
  });
  const B = groups.size;
  if (B < 2 || B >= n) return 0;
  let between = 0;
  for (const g of groups.values()) between += g.count * (g.sum / g.count - mean) ** 2;
  const within = (total - between) / (n - B);
  return Math.max(0, Math.min(1, (between - (B - 1) * within) / total));
}
