// The two BullMQ queues a coordinator and its workers share, and the settings both sides must
// agree on: `runs` (the coordinator publishes, workers take) and `results` (workers send what a
// run posts, the coordinator stores it and drops it). Stall recovery is tuned so a run whose
// worker died is taken by another within ~15 s: the lock lapses after LOCK_MS and the next
// stalled-job check (every STALLED_CHECK_MS) puts it back (DESIGN.md: ~7 s with these values).
import type { ConnectionOptions, JobsOptions, QueueOptions, WorkerOptions } from 'bullmq';
import type { RedisTarget } from './redis-connection.ts';

export const RUNS_QUEUE = 'runs';
export const RESULTS_QUEUE = 'results';
const PREFIX = 'sweeplab';

export const LOCK_MS = 10_000;
export const STALLED_CHECK_MS = 5_000;
/** BullMQ fails a job that stalls more often; a run resumes from its checkpoint each time, so allow many. */
const MAX_STALLS = 1000;
/** BullMQ's events stream: nothing here reads it, keep it short. */
const EVENTS_KEPT = 100;

/** BullMQ types ioredis' options as its own; they are ioredis' (BullMQ hands them to ioredis). */
const connectionOf = (target: RedisTarget) => target.options as ConnectionOptions;

export function queueOptions(target: RedisTarget): QueueOptions {
  return { connection: connectionOf(target), prefix: PREFIX, streams: { events: { maxLen: EVENTS_KEPT } } };
}

export function workerOptions(target: RedisTarget, concurrency: number, name?: string): WorkerOptions {
  return {
    connection: connectionOf(target), prefix: PREFIX, concurrency, name,
    lockDuration: LOCK_MS, stalledInterval: STALLED_CHECK_MS, maxStalledCount: MAX_STALLS,
  };
}

/**
 * A run job stays until the coordinator has stored its result and removes it; BullMQ drops one
 * the coordinator could not remove (it gave up, or died) a day after it ended.
 */
export const RUN_JOB_OPTIONS: JobsOptions = { attempts: 1, removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 24 * 3600 } };
/** A message is removed once the coordinator has taken it. */
export const RESULT_JOB_OPTIONS: JobsOptions = { attempts: 1, removeOnComplete: true, removeOnFail: true };

/** Redis key through which the coordinator asks a run's worker to stop ('cancel' | 'requeue' | 'prune'). */
export function controlKey(jobId: string): string {
  return `${PREFIX}:control:${jobId}`;
}
export const CONTROL_KEY_TTL_S = 24 * 3600;

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function fromBase64(text: string): Uint8Array {
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
