// A run's network as bytes: the checkpoint an unfinished run resumes from, and the weights a
// completed run ended with. Writing the weights and dropping the checkpoint when a run ends
// happen with its status change, in queue.ts.
import type { TrainedWeights } from '../../shared/worker-protocol.ts';
import type { StoreConnection } from './connection.ts';
import { now } from './connection.ts';
import { BadRowError, checkpointRowSchema, checkRow, weightsRowSchema } from './row-checks.ts';

/** libsql returns BLOBs as ArrayBuffer from all() and Buffer from get(); callers get Uint8Array. */
function blobBytes(value: unknown, what: string): Uint8Array {
  if (value instanceof Uint8Array) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new BadRowError(what, `expected a BLOB, got ${typeof value}`);
}

export function saveCheckpoint(connection: StoreConnection, runId: number, step: number, state: Uint8Array): void {
  connection.run('INSERT OR REPLACE INTO checkpoints (run_id, step, state, created_at) VALUES (?, ?, ?, ?)', runId, step, state, now());
}

/** A run's checkpoint; a BadRowError (bad_data) when it is too large to be one (read no further). */
export function getCheckpoint(connection: StoreConnection, runId: number): { step: number; state: Uint8Array } | undefined {
  const size = connection.one<unknown>('SELECT step, length(state) AS state_size FROM checkpoints WHERE run_id = ?', runId);
  if (size === undefined) return undefined;
  const { step } = checkRow(checkpointRowSchema, size, `the checkpoint of run ${runId}`);
  const row = connection.one<{ state: unknown }>('SELECT state FROM checkpoints WHERE run_id = ?', runId)!;
  return { step, state: blobBytes(row.state, `the checkpoint of run ${runId}`) };
}

/** A completed run's weights; a BadRowError (bad_data) when they do not fit the layers they claim. */
export function getWeights(connection: StoreConnection, runId: number): TrainedWeights | undefined {
  const what = `the weights of run ${runId}`;
  const size = connection.one<unknown>(
    'SELECT precision, layers_json, length(params) AS params_size, length(running) AS running_size FROM weights WHERE run_id = ?', runId);
  if (size === undefined) return undefined;
  const { precision, layers_json: layers, params_size: paramsSize, running_size: runningSize } = checkRow(weightsRowSchema, size, what);
  // The layout of src/core/params.ts: W and b per layer, and with BN (running statistics kept) γ and β per hidden layer.
  const bytes = precision === 'float64' ? 8 : 4;
  const hiddenUnits = layers.slice(1, -1).reduce((a, b) => a + b, 0);
  const batchNorm = runningSize > 0;
  let expected = batchNorm ? 2 * hiddenUnits : 0;
  for (let l = 0; l + 1 < layers.length; l++) expected += layers[l] * layers[l + 1] + layers[l + 1];
  if (paramsSize !== expected * bytes || (batchNorm && runningSize !== 2 * hiddenUnits * bytes)) {
    throw new BadRowError(what, `${paramsSize + runningSize} bytes do not fit layers ${JSON.stringify(layers)} in ${precision}`);
  }
  const row = connection.one<{ params: unknown; running: unknown }>('SELECT params, running FROM weights WHERE run_id = ?', runId)!;
  return { precision, layers, params: blobBytes(row.params, what), running: blobBytes(row.running, what) };
}
