// A training worker that trains nothing: it fails each run with the number of threads main's
// control word allows it when it starts, for the test of how the engine shares out the cores.
// It holds its run for a while first, so that runs started together are all running when each
// reads the word (main raises the word of the others as soon as one ends).
import type { MessagePort } from 'node:worker_threads';
import { CONTROL_WORDS } from '../../src/shared/worker-protocol.ts';
import type { TrainResult, TrainTask } from '../../src/shared/worker-protocol.ts';

const HOLD_MS = 3000;

export default function threadsProbe(task: TrainTask<MessagePort>): TrainResult {
  const threads = Atomics.load(new Int32Array(task.control), CONTROL_WORDS.threads);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, HOLD_MS);
  task.port.postMessage({ kind: 'end', runId: task.runId });
  task.port.close();
  return { kind: 'failed', runId: task.runId, error: { code: 'internal', message: `threads ${threads}` } };
}
