// A run's network as bytes: the checkpoint an unfinished run resumes from, and the weights a
// completed run ended with. Writing the weights and dropping the checkpoint when a run ends
// happen with its status change, in queue.ts.
import type { TrainedWeights } from '../../shared/worker-protocol.ts';
import type { StoreConnection } from './connection.ts';
import { now } from './connection.ts';

/** libsql returns BLOBs as ArrayBuffer from all() and Buffer from get(); callers get Uint8Array. */
function blobBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new TypeError(`expected a BLOB, got ${typeof value}`);
}

export function saveCheckpoint(connection: StoreConnection, runId: number, step: number, state: Uint8Array): void {
  connection.run('INSERT OR REPLACE INTO checkpoints (run_id, step, state, created_at) VALUES (?, ?, ?, ?)', runId, step, state, now());
}

export function getCheckpoint(connection: StoreConnection, runId: number): { step: number; state: Uint8Array } | undefined {
  const row = connection.one<{ step: number; state: unknown }>('SELECT step, state FROM checkpoints WHERE run_id = ?', runId);
  return row && { step: row.step, state: blobBytes(row.state) };
}

export function getWeights(connection: StoreConnection, runId: number): TrainedWeights | undefined {
  const row = connection.one<{ precision: 'float32' | 'float64'; layers_json: string; params: unknown; running: unknown }>(
    'SELECT precision, layers_json, params, running FROM weights WHERE run_id = ?', runId);
  return row && { precision: row.precision, layers: JSON.parse(row.layers_json) as number[], params: blobBytes(row.params), running: blobBytes(row.running) };
}
