// In-memory, normalised dataset as the trainer sees it. Decoding and splitting live in
// src/core/data; reading files lives in src/main/data.

export type FloatArray = Float32Array | Float64Array;

export interface LabeledSet {
  /** (n, d), one image per row, normalised with training-split statistics. */
  x: FloatArray;
  /** (n), class indices 0..C-1. */
  y: Uint8Array;
  n: number;
  d: number;
}

export interface Dataset {
  train: LabeledSet;
  val: LabeledSet;
  test: LabeledSet;
  classNames: readonly string[];
}
