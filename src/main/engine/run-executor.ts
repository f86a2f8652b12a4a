// Where the engine's runs train when not on its own Piscina pool: something that takes a run
// the Lab has claimed, reports what the training posts (in the worker protocol's order) and
// resolves with its result. The remote coordinator (src/main/remote) is one; the Lab still
// owns the queue, the store writes and the events.
import type { TrainResult, WorkerMessage } from '../../shared/worker-protocol.ts';
import type { RunRecord } from '../store/run-store.ts';

export interface RunExecutor {
  /** Runs it takes at once (the Lab claims no more than this). */
  readonly capacity: number;
  /** `control` holds a CONTROL value the Lab writes (cancel, requeue); `onMessage` gets started, heartbeat, record, checkpoint. */
  execute(run: RunRecord, control: Int32Array, onMessage: (message: WorkerMessage) => void): Promise<TrainResult>;
  close(): Promise<void>;
}
