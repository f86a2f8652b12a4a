// In-memory, normalised dataset as the trainer sees it. Decoding and splitting live in
// src/core/data; reading files lives in src/main/data.

export type FloatArray = Float32Array | Float64Array;

export interface LabeledSet {
  /**
   * (n, d), one image per row, normalised with training-split statistics. Absent on a Float32
   * training set built `trainAsBytes`: its rows are then only `raw`, normalised as they are read.
   */
  x?: FloatArray;
  /** (n), class indices 0..C-1. */
  y: Uint8Array;
  n: number;
  d: number;
  /** On the training set of a Float32 dataset: the same rows as bytes (see PixelRows). */
  raw?: PixelRows;
}

/**
 * The rows of a Float32 set as the bytes they were normalised from, and that normalisation:
 * x[i·d + j] = f32(f32(pixels[i·d + j] − mean[j]) · invStd[j]). A batch gathered from these
 * reads a quarter of the bytes of one gathered from x — random rows of a 550 MB set come from
 * DRAM, and that read was the training step's largest cost after the GEMMs.
 */
export interface PixelRows {
  pixels: Uint8Array;
  mean: Float32Array;
  invStd: Float32Array;
}

/** The set's normalised rows, for callers that only ever see sets built with them (test sets, samples). */
export function floatRows(set: LabeledSet): FloatArray {
  if (!set.x) throw new TypeError('this set is kept as bytes only; read its rows through the kernels\' gatherBatch');
  return set.x;
}

export interface Dataset {
  train: LabeledSet;
  val: LabeledSet;
  test: LabeledSet;
  classNames: readonly string[];
}
