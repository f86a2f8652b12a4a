// The contract between main and the analysis worker (analysis-worker.ts): the tasks a finished
// run's page asks for — its test-set confusion matrix from the stored weights, and a gradient
// check of its architecture — each with its result; progress of a long check comes on a
// transferred MessagePort. Plain data only. Not the training worker's contract
// (src/shared/worker-protocol.ts) and not the UI's (src/shared/lab-api.ts).
import type { TrainConfig } from '../../core/config.ts';
import type { GradCheckReport } from '../../core/gradcheck.ts';
import type { AppError } from '../../shared/errors.ts';
import type { TrainedWeights } from '../../shared/worker-protocol.ts';
import type { DataSource } from '../data/source.ts';

export interface ConfusionTask {
  kind: 'confusion';
  source: DataSource;
  /** The run's config: its split says which statistics normalise the test set. */
  config: TrainConfig;
  weights: TrainedWeights;
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
  source: DataSource;
  /** The run's config: hidden widths, BN, λ, seed (of the check's parameters) and split (of its images). */
  config: TrainConfig;
  /** Input features kept (the first ones); 3072 is the full image. */
  dims: number;
  /** Training images in the batch. */
  samples: number;
  /** Receives GradCheckProgress messages; closed when the task ends. */
  port: Port;
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
