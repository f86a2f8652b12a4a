// The passes over a dataset's bytes in plain TypeScript: the reference byte-rows.ts's SIMD
// versions are tested against, their fallback, and the reference gather's normalisation of a
// set kept as bytes. Imports nothing, so the reference kernels can use it.

/**
 * Pixels are integers ≤ 255, so the Float64 sums are exact (50,000 · 255² < 2^53) whatever
 * the order: this and the SIMD version agree to the bit.
 */
export function addByteMomentsReference(sum: Float64Array, sumSq: Float64Array, images: Uint8Array, from: number, to: number, d: number): void {
  let i = from;
  // Four rows per sweep: a quarter of the accumulator loads and stores.
  for (; i + 4 <= to; i += 4) {
    const r0 = i * d, r1 = r0 + d, r2 = r1 + d, r3 = r2 + d;
    for (let j = 0; j < d; j++) {
      const a = images[r0 + j], b = images[r1 + j], c = images[r2 + j], e = images[r3 + j];
      sum[j] += a + b + c + e;
      sumSq[j] += a * a + b * b + c * c + e * e;
    }
  }
  for (; i < to; i++) {
    const row = i * d;
    for (let j = 0; j < d; j++) {
      const p = images[row + j];
      sum[j] += p;
      sumSq[j] += p * p;
    }
  }
}

export function normaliseBytesReference(x: Float32Array, at: number, images: Uint8Array, from: number, to: number, mean: Float32Array, invStd: Float32Array, d: number): void {
  for (let i = from, dst = at * d; i < to; i++, dst += d) {
    const row = i * d;
    for (let j = 0; j < d; j++) x[dst + j] = Math.fround(Math.fround(images[row + j] - mean[j]) * invStd[j]);
  }
}
