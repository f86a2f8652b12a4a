// The training batch: rows order[from..from+B) of a set copied into one (B, D) buffer with
// their labels. Reference version; the WebAssembly set builds the batch from the set's bytes
// (LabeledSet.raw) where it has them, to the same bits. A set kept as bytes only has its rows
// normalised here as they are copied.
import { normaliseBytesReference } from '../data/byte-rows-reference.ts';
import type { FloatArray, LabeledSet } from '../dataset.ts';
import { rowViews } from './row-views.ts';

export function gatherBatch(batchX: FloatArray, batchY: Uint8Array, set: LabeledSet, order: Uint32Array, from: number, B: number): void {
  const { x, y, d, raw } = set;
  if (!x) {
    if (!raw || !(batchX instanceof Float32Array)) throw new TypeError('a set without x needs its bytes (raw) and a Float32 batch');
    for (let i = 0; i < B; i++) {
      const row = order[from + i];
      normaliseBytesReference(batchX, i, raw.pixels, row, row + 1, raw.mean, raw.invStd, d);
      batchY[i] = y[row];
    }
    return;
  }
  const rows = rowViews(x, d);
  for (let i = 0; i < B; i++) {
    const row = order[from + i];
    batchX.set(rows[row], i * d);
    batchY[i] = y[row];
  }
}
