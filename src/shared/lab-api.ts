// The one contract between the UI and the lab: every request (its name, a zod schema for its
// untrusted input, the type of its answer) and every event the lab pushes. The Electron IPC
// adapter, the preload, the serve-mode HTTP/WebSocket server and the renderer's transports
// are all built from this file; none of them names a request by hand. It holds no behaviour
// (that is LabService, in main) and no transport detail beyond the channel naming.
import { z } from 'zod';
import type { TrainConfig } from '../core/config.ts';
import type { GradCheckReport } from '../core/gradcheck.ts';
import type { FinalMetrics, RecordPoint, StepProgress } from '../core/metrics.ts';
import type { AshaSpec, RungDecision } from '../core/search/asha.ts';
import type { SearchSummary } from '../core/search/summary.ts';
import type { ReplicationReport } from './replicate/model.ts';
import type { ReportTable } from './sweep/report.ts';
import { noteSchema, tagSchema } from './annotations.ts';
import type { RunDiff } from './run-diff.ts';
import type { TpeSearch } from './search-schema.ts';
import type { AppError } from './errors.ts';
import { LAB_REQUEST_NAMES } from './lab-channels.ts';
import type { LabRequestName } from './lab-channels.ts';
import type { RunStatus } from './run-status.ts';

export { channelOf, EVENT_CHANNEL, LAB_REQUEST_NAMES, PRELOAD_GLOBAL } from './lab-channels.ts';
export type { LabRequestName } from './lab-channels.ts';

export { isActiveStatus, RUN_STATUSES } from './run-status.ts';
export type { RunStatus };

// ---- answers (trusted: built by main) ----

export interface RunSummary {
  id: number;
  sweepId: number | null;
  sweepName: string | null;
  label: string;
  point: Record<string, unknown>;
  repeat: number;
  status: RunStatus;
  /** Higher runs first. */
  priority: number;
  step: number;
  totalSteps: number | null;
  config: TrainConfig;
  final: FinalMetrics | null;
  bestVal: { accuracy: number; step: number } | null;
  error: AppError | null;
  createdAt: string;
  finishedAt: string | null;
  computeSeconds: number;
  /** The remote worker (name@host) that runs or ran it; absent or null on this machine's pool. */
  worker?: string | null;
  note: string;
  tags: string[];
  /** Why the scheduler stopped it (a pruned run), with the evidence. */
  pruning: RungDecision | null;
}

export interface RunDetail {
  run: RunSummary;
  curves: RecordPoint[];
}

export interface SweepSummary {
  id: number;
  name: string;
  description: string | null;
  parentId: number | null;
  status: 'active' | 'cancelled';
  createdAt: string;
  counts: Record<RunStatus, number>;
  /** Swept field paths, e.g. ["lambda"]. */
  axes: string[];
  note: string;
  tags: string[];
  /** A model-based search (its trials are proposed as runs finish), or null for a grid. */
  search: TpeSearch | null;
  scheduler: AshaSpec | null;
}

export interface SweepReport {
  sweep: SweepSummary;
  table: ReportTable;
  /** Best so far against trial number and each parameter's importance (swept axes only). */
  search: SearchSummary | null;
  /** Update steps the scheduler saved (pruned runs' remaining steps), and what a full sweep takes. */
  stepsSaved: { saved: number; full: number } | null;
}

export interface DataStatus {
  /** The data folder or archive in use, or the one Sweeplab looked for. */
  path: string | null;
  ok: boolean;
  /** Why not, when not ok. */
  message: string | null;
}

/** A CIFAR-10 download started from the app: download, then extract and verify, then use. */
export interface DataFetchState {
  phase: 'downloading' | 'verifying' | 'done' | 'failed' | 'cancelled';
  /** The cifar-10-batches-bin folder it installs. */
  target: string;
  received: number;
  total: number | null;
  message: string | null;
}

export interface LabStatus {
  home: string;
  data: DataStatus;
  /** The latest download started from the app, if any. */
  fetch: DataFetchState | null;
  workers: number;
  paused: boolean;
  running: number[];
  /** Remote workers: the Redis the runs go through (no password), and why not when it cannot be used. */
  redis?: { url: string; ok: boolean; message: string | null } | null;
}

export interface PresetInfo {
  runs: Array<{ id: string; description: string; config: TrainConfig; referenceTest: number | null }>;
  sweeps: Array<{ id: string; description: string }>;
}

export interface Created {
  sweepId: number;
  runIds: number[];
}

/** A finished run's test-set confusion matrix, computed from its stored weights. */
export interface RunConfusion {
  runId: number;
  /** From batches.meta.txt when present, else the CIFAR-10 names. */
  classNames: string[];
  /** (C, C): counts[t][p] = test images of class t predicted as p. */
  counts: number[][];
  /** Per true class, the fraction predicted right; null for a class with no test image. */
  perClass: Array<number | null>;
  accuracy: number;
  n: number;
  /** Time it took to compute (data read included), in seconds; kept with the cached result. */
  seconds: number;
}

/** A gradient check of a run's architecture (its widths, BN, λ, seed) on its training images. */
export interface RunGradCheck {
  runId: number;
  /** Input features used: the first `dims` of each image (3072 = all). */
  dims: number;
  report: GradCheckReport;
  seconds: number;
}

/** A run's last recorded point at or before the step (or epoch) asked for. */
export interface RunPointAt {
  runId: number;
  point: RecordPoint;
}

// ---- requests (untrusted input: validated once, at the boundary, by these schemas) ----

const id = z.number().int().min(1);
const none = z.strictObject({});

export const LAB_REQUESTS = {
  getStatus: none,
  listPresets: none,
  listRuns: z.strictObject({ sweepId: id.optional() }),
  getRun: z.strictObject({ id }),
  listSweeps: none,
  getSweepReport: z.strictObject({ id }),
  /** A new sweep (a single run is a sweep without axes): a spec in the sweep-file format, or a preset. */
  createSweep: z.union([
    z.strictObject({ spec: z.unknown() }),
    z.strictObject({ sweepPreset: z.string().min(1).max(100) }),
  ]),
  refineSweep: z.strictObject({ id, top: z.number().int().min(1).max(100) }),
  cancelRun: z.strictObject({ id }),
  cancelSweep: z.strictObject({ id }),
  retryRun: z.strictObject({ id }),
  /** Moves a queued run to the front of the queue. */
  runNext: z.strictObject({ id }),
  pauseQueue: none,
  resumeQueue: none,
  updateSettings: z.strictObject({
    dataPath: z.string().min(1).max(4096).optional(),
    workers: z.number().int().min(1).max(256).optional(),
    /** redis://… or rediss://… to train on remote workers (`sweeplab worker`); '' for this machine only. */
    redisUrl: z.string().max(4096).optional(),
  }),
  /** Downloads CIFAR-10 into `dataPath` (default: the configured or per-user location); progress comes as events. */
  fetchData: z.strictObject({
    dataPath: z.string().min(1).max(4096).optional(),
    url: z.url({ protocol: /^https?$/ }).max(4096).optional(),
  }),
  cancelDataFetch: none,
  /** The test-set confusion matrix of a completed run, from its stored weights. */
  getRunConfusion: z.strictObject({ id }),
  /** Gradient check of a run's architecture; `dims` keeps the first input features (default: a reduced, fast input). */
  runGradCheck: z.strictObject({ id, dims: z.number().int().min(1).max(3072).optional(), samples: z.number().int().min(1).max(100).optional() }),
  /** Every run's (or these runs') last recorded point at or before update step N or epoch N: one query, for the Compare table. */
  getRunMetricsAt: z.union([
    z.strictObject({ step: z.number().int().min(0), runIds: z.array(id).max(100_000).optional() }),
    z.strictObject({ epoch: z.number().min(0), runIds: z.array(id).max(100_000).optional() }),
  ]),
  /** The report of a `sweeplab replicate` of this home (default: the newest), null when there is none. */
  getReplication: z.strictObject({ id: id.optional() }),
  /** Replaces the note of a run or a sweep ("" clears it). */
  setNote: z.union([z.strictObject({ runId: id, note: noteSchema }), z.strictObject({ sweepId: id, note: noteSchema })]),
  /** Replaces the tags of a run or a sweep. */
  setTags: z.union([
    z.strictObject({ runId: id, tags: z.array(tagSchema).max(100) }),
    z.strictObject({ sweepId: id, tags: z.array(tagSchema).max(100) }),
  ]),
  /** Two runs side by side: differing config fields and metric deltas (b − a). */
  diffRuns: z.strictObject({ a: id, b: id }),
} as const satisfies Record<LabRequestName, z.ZodType>;

// Every name has a schema (satisfies, above) and every schema a name (here).
const _noSchemaWithoutName: [Exclude<keyof typeof LAB_REQUESTS, LabRequestName>] extends [never] ? true : false = true;
export type LabInput<N extends LabRequestName> = z.input<(typeof LAB_REQUESTS)[N]>;

export interface LabAnswers {
  getStatus: LabStatus;
  listPresets: PresetInfo;
  listRuns: RunSummary[];
  getRun: RunDetail;
  listSweeps: SweepSummary[];
  getSweepReport: SweepReport;
  createSweep: Created;
  refineSweep: Created;
  cancelRun: { cancelled: number; stopping: number };
  cancelSweep: { cancelled: number; stopping: number };
  retryRun: { requeued: number };
  runNext: { priority: number };
  pauseQueue: LabStatus;
  resumeQueue: LabStatus;
  updateSettings: LabStatus;
  fetchData: DataFetchState;
  cancelDataFetch: DataFetchState | null;
  getRunConfusion: RunConfusion;
  runGradCheck: RunGradCheck;
  getRunMetricsAt: RunPointAt[];
  getReplication: ReplicationReport | null;
  setNote: { note: string; tags: string[] };
  setTags: { note: string; tags: string[] };
  diffRuns: RunDiff;
}

/** Errors cross the boundary as data, never as a thrown transport error. */
export type LabResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** What a transport carries for one request. */
export type LabCall = <N extends LabRequestName>(name: N, input: LabInput<N>) => Promise<LabResult<LabAnswers[N]>>;

// ---- events (main → UI) ----

export type LabEvent =
  | { kind: 'run-started'; runId: number; totalSteps: number; stepsPerEpoch: number; worker?: string }
  | { kind: 'progress'; runId: number; progress: StepProgress }
  | { kind: 'record'; runId: number; point: RecordPoint }
  | { kind: 'run-finished'; runId: number; status: RunStatus; error: AppError | null }
  /** Runs were added, cancelled or retried: lists are stale. */
  | { kind: 'runs-changed' }
  | { kind: 'status'; status: LabStatus }
  | { kind: 'data-fetch'; state: DataFetchState }
  /** How far a running gradient check of a run is (parameters done of total). */
  | { kind: 'gradcheck-progress'; runId: number; dims: number; done: number; total: number };

/** The preload exposes exactly these named functions, plus `onEvent`, under `window.sweeplab`. */
export type PreloadApi = { [N in LabRequestName]: (input: LabInput<N>) => Promise<LabResult<LabAnswers[N]>> } & {
  onEvent(listener: (event: LabEvent) => void): () => void;
};


// ---- the serve-mode WebSocket frames ----

export const wsRequestSchema = z.strictObject({
  id: z.number().int().min(0),
  method: z.enum(LAB_REQUEST_NAMES),
  params: z.unknown(),
});
export type WsRequest = z.infer<typeof wsRequestSchema>;
/** An answer to request `id`, or the lab's events of the last moments, oldest first (src/main/event-batch.ts). */
export type WsFrame = { id: number; result: LabResult<unknown> } | { events: LabEvent[] };
