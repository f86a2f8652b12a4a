// One view per row of a row-major array, made on first use and kept as long as the array is:
// copying a row is then `dst.set(view, offset)`, the native copy, without making a view per row
// each time. The training batch's gather copies B random rows a step.
type Rows = Uint8Array | Float32Array | Float64Array;

const cache = new WeakMap<Rows, { d: number; views: Rows[] }>();

/** Views of rows 0..n−1 of `rows` (n = length / d), each `d` elements long. */
export function rowViews<T extends Rows>(rows: T, d: number): readonly T[] {
  let entry = cache.get(rows);
  if (!entry || entry.d !== d) {
    const n = Math.floor(rows.length / d);
    entry = { d, views: Array.from({ length: n }, (_, r) => rows.subarray(r * d, r * d + d)) };
    cache.set(rows, entry);
  }
  return entry.views as T[];
}
