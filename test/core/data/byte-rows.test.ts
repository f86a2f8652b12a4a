// The SIMD passes over a dataset's bytes against the TypeScript loops they replace: the same
// sums and the same normalised floats, to the bit, over chunk boundaries and row ranges that
// start mid-batch; a width the kernels cannot take goes through the loops.
import { describe, expect, it } from 'vitest';
import {
  addByteMoments, addByteMomentsReference, normaliseBytes, normaliseBytesReference,
} from '../../../src/core/data/byte-rows.ts';
import { detectSimd } from '../../../src/core/kernels/wasm/simd-kernels.ts';
import { createRng } from '../../../src/core/rng.ts';

function randomBytes(length: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  return Uint8Array.from({ length }, () => Math.floor(rng.uniform() * 256));
}

function stats(d: number, seed: number): { mean: Float32Array; invStd: Float32Array } {
  const rng = createRng(seed);
  return {
    mean: Float32Array.from({ length: d }, () => 100 + 50 * rng.uniform()),
    invStd: Float32Array.from({ length: d }, () => 1 / (20 + 60 * rng.uniform())),
  };
}

const bits = (a: Float32Array) => new Uint32Array(a.buffer, a.byteOffset, a.length);

describe('the passes over a dataset\'s bytes', () => {
  it('runs on WebAssembly SIMD in this runtime (else the comparisons below compare the loops with themselves)', () => {
    expect(detectSimd()).not.toBeNull();
  });

  for (const d of [3072, 48, 20]) {
    it(`sums pixels and squares exactly as the loops do (rows of ${d} bytes, 600 rows from row 7)`, () => {
      const rows = 610, images = randomBytes(rows * d, d);
      images.fill(255, 0, 300 * d); // the largest squares, across a 256-row chunk boundary
      const sum = new Float64Array(d).fill(3), sumSq = new Float64Array(d).fill(5);
      const refSum = sum.slice(), refSumSq = sumSq.slice();
      addByteMoments(sum, sumSq, images, 7, 607, d);
      addByteMomentsReference(refSum, refSumSq, images, 7, 607, d);
      expect(sum).toEqual(refSum);
      expect(sumSq).toEqual(refSumSq);
      expect(sum[0]).toBe(3 + 293 * 255 + [...Array(307).keys()].reduce((s, i) => s + images[(300 + i) * d], 0));
    });

    it(`normalises rows to the same Float32 bits as the loops (rows of ${d} bytes, written at an offset)`, () => {
      const rows = 530, images = randomBytes(rows * d, 7 * d);
      const { mean, invStd } = stats(d, d + 1);
      const x = new Float32Array((rows + 3) * d).fill(Number.NaN), ref = x.slice();
      normaliseBytes(x, 3, images, 1, 529, mean, invStd, d);
      normaliseBytesReference(ref, 3, images, 1, 529, mean, invStd, d);
      expect(bits(x)).toEqual(bits(ref));
      expect(x[3 * d]).toBe(Math.fround(Math.fround(images[d] - mean[0]) * invStd[0]));
      expect(Number.isNaN(x[3 * d - 1]) && Number.isNaN(x[531 * d])).toBe(true); // nothing outside the rows written
    });
  }
});
