// The contract between main and the analysis worker (workers/analysis.ts): the tasks a finished
// run's page and a replication ask for — a test-set confusion matrix from stored weights, and
// a Float64 gradient check of an architecture — each with its result; progress of a long check
// comes on a transferred MessagePort. Main reads the data and sends it in the task (the worker
// touches no file). Not the training worker's contract (worker-protocol.ts) and not the UI's
// (lab-api.ts).
import type { NetworkSpec, TrainConfig } from '../core/config.ts';
import type { LabeledSet } from '../core/dataset.ts';
import type { GradCheckReport } from '../core/gradcheck.ts';
import type { AppError } from './errors.ts';
import type { TrainedWeights } from './worker-protocol.ts';

export interface ConfusionTask {
  kind: 'confusion';
  /** The run's config: its network, checked against the stored weights. */
  config: TrainConfig;
  weights: TrainedWeights;
  /** The split's test set, normalised with its training statistics (its buffers are transferred). */
  test: LabeledSet;
  classNames: readonly string[];
}

export interface ConfusionResult {
  classNames: string[];
  /** (C·C), row-major: counts[t·C + p] = test images of class t predicted as p. */
  counts: number[];
  n: number;
  seconds: number;
}

export interface GradCheckTask<Port = unknown> {
  kind: 'gradcheck';
  spec: NetworkSpec;
  /** Seeds the check's parameters. */
  seed: number;
  lambda: number;
  /** (samples, spec.layers[0]) Float64 inputs and their labels: the first training images. */
  inp: Float64Array;
  labels: Uint8Array;
  samples: number;
  /** Run the thread at background priority (a replication's checks beside its training). */
  background?: boolean;
  /** Receives GradCheckProgress messages; closed when the task ends. */
  port?: Port;
}

export interface GradCheckResult {
  report: GradCheckReport;
  seconds: number;
}

export interface GradCheckProgress {
  done: number;
  total: number;
}

export type AnalysisTask<Port = unknown> = ConfusionTask | GradCheckTask<Port>;

export interface AnalysisResults {
  confusion: ConfusionResult;
  gradcheck: GradCheckResult;
}

/** What a task resolves with: errors as data, so their code (bad_data, …) survives the thread boundary. */
export type AnalysisOutcome<T> = { ok: true; value: T } | { ok: false; error: AppError };
