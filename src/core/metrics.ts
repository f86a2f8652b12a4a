// What a training run measures and reports: per-set metrics, recorded curve points and the
// outcome of a run. Plain data, so it crosses worker and process boundaries as is.

export interface SetMetrics {
  /** Mean cross-entropy + λ Σ‖W‖². */
  cost: number;
  /** Mean cross-entropy. */
  loss: number;
  /** Fraction correct, 0..1. */
  accuracy: number;
}

export interface RecordPoint {
  /** Updates done when recorded. */
  step: number;
  /** step · batch / N, fractional. */
  epoch: number;
  /** Learning rate of the next update. */
  eta: number;
  train: SetMetrics;
  val: SetMetrics;
}

export interface FinalMetrics {
  train: SetMetrics;
  val: SetMetrics;
  test: SetMetrics;
}

/** Progress of one update, for progress bars and heartbeats. */
export interface StepProgress {
  step: number;
  totalSteps: number;
  epoch: number;
  eta: number;
  /** Cost of the mini-batch just used. */
  batchCost: number;
}

export type RunErrorCode = 'diverged' | 'aborted';

export type TrainOutcome =
  | { status: 'completed'; steps: number; curves: RecordPoint[]; final: FinalMetrics }
  | { status: RunErrorCode; steps: number; curves: RecordPoint[]; error: { code: RunErrorCode; message: string; step: number } };
