// Typed configuration of one training run, as the core consumes it. Plain data: the schema
// that validates untrusted files into this shape lives in src/shared/config-schema.ts.

export type Precision = 'float32' | 'float64';

/** Weight initialisation: He, N(0, 2/fan_in); or a fixed σ, N(0, σ²), for every weight matrix. */
export type InitSpec = { kind: 'he' } | { kind: 'normal'; sigma: number };

export interface NetworkSpec {
  /** Layer widths [D, m1, …, m(K-1), C]; K = layers.length - 1 ≥ 1 affine layers. */
  layers: number[];
  batchNorm: boolean;
  init: InitSpec;
  /** Moving-average factor: avg = α·avg + (1 − α)·batch. */
  bnAlpha: number;
  /** Added to the batch variance before the square root. */
  bnEpsilon: number;
}

/** Triangular cyclical learning rate: η_min → η_max over n_s steps and back; one cycle = 2·n_s. */
export interface CyclicalLrSpec {
  etaMin: number;
  etaMax: number;
  stepSize: number;
  cycles: number;
}

/**
 * "a2": train = data_batch_1, val = data_batch_2, test = test_batch.
 * "holdout": train = all five batches minus the last `validation` images, val = those images
 * ("45k/5k" is validation 5000). `trainLimit` keeps only the first N training images
 * (the overfit sanity check); statistics always come from the training split actually used.
 */
export type SplitSpec =
  | { kind: 'a2'; trainLimit?: number }
  | { kind: 'holdout'; validation: number; trainLimit?: number };

export interface TrainConfig {
  /** Free text shown in listings; not used by the numerics. */
  name?: string;
  network: Omit<NetworkSpec, 'layers'> & { hidden: number[] };
  lambda: number;
  schedule: CyclicalLrSpec;
  batchSize: number;
  /** How many times per cycle cost/loss/accuracy are recorded on train and val. */
  recordsPerCycle: number;
  split: SplitSpec;
  seed: number;
  precision: Precision;
}

export const CIFAR_DIMS = 3072;
export const CIFAR_CLASSES = 10;

export function networkSpecOf(config: TrainConfig, inputDims = CIFAR_DIMS, classes = CIFAR_CLASSES): NetworkSpec {
  const { hidden, ...rest } = config.network;
  return { ...rest, layers: [inputDims, ...hidden, classes] };
}
