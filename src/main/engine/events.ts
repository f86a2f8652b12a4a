// What the engine tells its subscribers (the CLI's progress bars, the lab service): a tagged
// union, plain data, runs named by their store id. Not the contract's `LabEvent`, which is what
// the app sees; the lab service translates one into the other.
import type { RecordPoint, StepProgress } from '../../core/metrics.ts';
import type { AppError } from '../../shared/errors.ts';
import type { RunStatus } from '../store/run-store.ts';

export type EngineEvent =
  | { kind: 'run-started'; runId: number; sweepId: number | null; label: string; fromStep: number; totalSteps: number; stepsPerEpoch: number; worker?: string }
  | { kind: 'heartbeat'; runId: number; progress: StepProgress }
  | { kind: 'record'; runId: number; point: RecordPoint }
  | { kind: 'checkpoint'; runId: number; step: number }
  /** `queued` when the run was stopped to be continued later (pause, shutdown). */
  | { kind: 'run-finished'; runId: number; status: RunStatus; error: AppError | null }
  | { kind: 'idle' };

export type EngineListener = (event: EngineEvent) => void;
