// The one contract between the main process and the training workers (workers/train.ts):
// the task main hands to Piscina, the progress messages the worker posts on the transferred
// MessagePort, and the result the task resolves with. Plain data only (structured clone);
// errors travel as `{ code, message }`. The pool, the queue and the store are not described
// here: they are main's business.
import type { Precision, TrainConfig } from '../core/config.ts';
import type { FinalMetrics, RecordPoint, StepProgress } from '../core/metrics.ts';
import type { AppError } from './errors.ts';

/** One split of the shared dataset: the arrays live in SharedArrayBuffers owned by main. */
export interface SharedSetHandle {
  x?: SharedArrayBuffer; // (n, d) of `precision`; absent on a training set kept as bytes (raw)
  y: SharedArrayBuffer; // (n) uint8 labels
  n: number;
  d: number;
  /** The training set of a Float32 dataset: its rows as bytes and their normalisation (LabeledSet.raw). */
  raw?: { pixels: SharedArrayBuffer; mean: Float32Array; invStd: Float32Array };
}

/** A decoded, normalised dataset every worker reads in place; `key` = (source, split, precision). */
export interface SharedDatasetHandle {
  key: string;
  precision: Precision;
  classNames: readonly string[];
  train: SharedSetHandle;
  val: SharedSetHandle;
  test: SharedSetHandle;
}

/** What `control[0]` holds: main writes it, the worker reads it between two steps. */
export const CONTROL = { run: 0, cancel: 1, requeue: 2, prune: 3 } as const;

/** Where each word of a TrainTask's `control` is. */
export const CONTROL_WORDS = { control: 0, verdict: 1, threads: 2, count: 3 } as const;

/**
 * `control[1]` with `awaitVerdicts`: the worker sets it to `awaiting` before posting a recorded
 * point and waits until main, having judged the point (and written CONTROL.prune to `control[0]`
 * if the run stops), sets it back to `free`. So a pruned run stops exactly at its rung's point,
 * whatever the timing, and a search stays bit-reproducible.
 */
export const VERDICT = { free: 0, awaiting: 1 } as const;

/** Longest a worker waits for a verdict before it carries on (main is never this slow). */
export const VERDICT_TIMEOUT_MS = 120_000;

/**
 * One run. `Port` is the transferred MessagePort (typed by the side that has Node's types);
 * `checkpoint` is an encoded RunState to resume from (see src/shared/checkpoint-codec.ts).
 */
export interface TrainTask<Port = unknown> {
  kind: 'train';
  runId: number;
  config: TrainConfig;
  dataset: SharedDatasetHandle;
  checkpoint?: Uint8Array;
  /**
   * Int32Array(3) over a SharedArrayBuffer: a CONTROL value, a VERDICT value, and the threads
   * the run may share its kernel calls over now (main raises it when fewer runs than cores are
   * left; 0 or missing means one).
   */
  control: SharedArrayBuffer;
  /** Wait for main's verdict after each recorded point (the sweep has an early-stopping scheduler). */
  awaitVerdicts?: boolean;
  port: Port;
  /** Minimum time between two heartbeats. */
  heartbeatMs: number;
  /** Checkpoint every this many steps (tests; default checkpointInterval()), and when stopped. */
  checkpointEverySteps?: number;
  /**
   * Skip an interval's checkpoint unless this long has passed since the last one (a remote
   * worker's: each checkpoint crosses Redis twice); when stopped it checkpoints all the same.
   */
  checkpointMinMs?: number;
}

/** Worker → main, on the port, in this order: started, (heartbeat | record | checkpoint)*, end. */
export type WorkerMessage =
  /** `worker`: the remote worker (name@host) it runs on, when it is not this machine's pool. */
  | { kind: 'started'; runId: number; fromStep: number; totalSteps: number; stepsPerEpoch: number; worker?: string }
  | { kind: 'heartbeat'; runId: number; progress: StepProgress }
  | { kind: 'record'; runId: number; point: RecordPoint }
  | { kind: 'checkpoint'; runId: number; step: number; state: Uint8Array }
  /** Last message on the port: everything before it has been posted. */
  | { kind: 'end'; runId: number };

/** The trained network, as the store keeps it. */
export interface TrainedWeights {
  precision: Precision;
  layers: number[];
  /** The flat parameter buffer (W, b, γ, β of every layer) as bytes. */
  params: Uint8Array;
  /** BN running means and variances as bytes (empty without batch norm). */
  running: Uint8Array;
}

/** What a task resolves with. A worker that dies makes the task reject instead. */
export type TrainResult =
  | { kind: 'completed'; runId: number; steps: number; final: FinalMetrics; weights: TrainedWeights }
  | { kind: 'diverged'; runId: number; steps: number; error: AppError & { step: number } }
  /** Stopped by the scheduler at a rung: no checkpoint, the weights as they were there. */
  | { kind: 'pruned'; runId: number; steps: number; weights: TrainedWeights }
  /** Stopped through `control`; the last checkpoint was posted just before. */
  | { kind: 'stopped'; runId: number; steps: number; reason: 'cancel' | 'requeue' }
  | { kind: 'failed'; runId: number; error: AppError };
