// The training batch: rows order[from..from+B) of a set copied into one (B, D) buffer with
// their labels. Reference version; the WebAssembly set builds the batch from the set's bytes
// (LabeledSet.raw) where it has them, to the same bits.
import type { FloatArray, LabeledSet } from '../dataset.ts';

export function gatherBatch(batchX: FloatArray, batchY: Uint8Array, set: LabeledSet, order: Uint32Array, from: number, B: number): void {
  const { x, y, d } = set;
  for (let i = 0; i < B; i++) {
    // An element loop rather than set(subarray): a view per row would allocate.
    const src = order[from + i] * d, dst = i * d;
    for (let j = 0; j < d; j++) batchX[dst + j] = x[src + j];
    batchY[i] = y[order[from + i]];
  }
}
