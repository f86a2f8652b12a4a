// The contract between a coordinator and its remote workers, carried by BullMQ over Redis:
// the run job the coordinator publishes and the messages a worker sends back on the results
// queue. Everything read from Redis is untrusted (anyone who can write to that Redis can write
// here), so both sides parse it with these schemas, with bounds on every size, before use.
// Base64 stands in for bytes; the codec and the queues themselves live in src/main/remote.
import { z } from 'zod';
import { CIFAR_BATCH_FILES } from '../core/data/cifar-binary.ts';
import { trainConfigSchema } from './config-schema.ts';
import { ERROR_CODES } from './errors.ts';

export const REMOTE_PROTOCOL_VERSION = 1;

/** Largest checkpoint or weight buffer a message may carry, as base64 characters (~48 MiB of bytes). */
export const MAX_BLOB_BASE64 = 64 * 1024 * 1024;
/** Largest message body read from Redis, before parsing: a blob plus its JSON around it. */
export const MAX_BODY_CHARS = MAX_BLOB_BASE64 + 1024 * 1024;

const base64 = z.string().max(MAX_BLOB_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
/** Metrics may be NaN or infinite (a diverging run): they travel as these strings. */
const metric = z.union([z.number(), z.literal('NaN'), z.literal('Infinity'), z.literal('-Infinity')]).transform(Number);
const setMetrics = z.strictObject({ cost: metric, loss: metric, accuracy: metric });
const point = z.strictObject({ step: count, epoch: metric, eta: metric, train: setMetrics, val: setMetrics });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');
const error = z.strictObject({ code: z.enum(ERROR_CODES), message: z.string().max(4096), step: count.optional() });

/** The SHA-256 of each of the six CIFAR-10 batch files the coordinator trains on. */
export const datasetIdentitySchema = z.strictObject(
  Object.fromEntries(CIFAR_BATCH_FILES.map((file) => [file, sha256])) as Record<(typeof CIFAR_BATCH_FILES)[number], typeof sha256>,
);
export type DatasetIdentity = z.output<typeof datasetIdentitySchema>;

/** What a run job holds: one run of the coordinator's store, and where it continues from. */
export const runJobSchema = z.strictObject({
  v: z.literal(REMOTE_PROTOCOL_VERSION),
  runId: id,
  attempt: id,
  label: z.string().max(1000),
  config: trainConfigSchema,
  dataset: datasetIdentitySchema,
  /** An encoded RunState (checkpoint-codec.ts), updated by the worker at each checkpoint. */
  checkpoint: base64.optional(),
  heartbeatMs: z.number().int().min(10).max(600_000),
  checkpointEverySteps: z.number().int().min(1).max(1e9).optional(),
});
export type RunJob = z.output<typeof runJobSchema>;

const weights = z.strictObject({
  precision: z.enum(['float32', 'float64']),
  layers: z.array(z.number().int().min(1).max(1e6)).min(2).max(64),
  params: base64,
  running: base64,
});

const result = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('completed'), steps: count, final: z.strictObject({ train: setMetrics, val: setMetrics, test: setMetrics }), weights }),
  z.strictObject({ kind: z.literal('diverged'), steps: count, error: error.required({ step: true }) }),
  z.strictObject({ kind: z.literal('stopped'), steps: count, reason: z.enum(['cancel', 'requeue']) }),
  /** Stopped by the coordinator's early-stopping scheduler (ASHA): its weights are kept. */
  z.strictObject({ kind: z.literal('pruned'), steps: count, weights }),
  z.strictObject({ kind: z.literal('failed'), error }),
]);

/** Worker → coordinator, per run, in order: started, (heartbeat | record | checkpoint)*, then result or released. */
export const remoteMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('started'), fromStep: count, totalSteps: count, stepsPerEpoch: count }),
  z.strictObject({
    kind: z.literal('heartbeat'),
    progress: z.strictObject({ step: count, totalSteps: count, epoch: metric, eta: metric, batchCost: metric }),
  }),
  z.strictObject({ kind: z.literal('record'), point }),
  z.strictObject({ kind: z.literal('checkpoint'), step: count, state: base64 }),
  /** The worker shut down: the job went back to the queue for another worker. */
  z.strictObject({ kind: z.literal('released') }),
  z.strictObject({ kind: z.literal('result'), result }),
]);
export type RemoteMessage = z.output<typeof remoteMessageSchema>;
export type RemoteMessageInput = z.input<typeof remoteMessageSchema>;

/** The envelope of every message on the results queue. */
export const remoteEnvelopeSchema = z.strictObject({
  v: z.literal(REMOTE_PROTOCOL_VERSION),
  jobId: z.string().max(200),
  runId: id,
  attempt: id,
  /** name@host of the worker process. */
  worker: z.string().min(1).max(300),
  /** One worker's taking of the job, and the message's place in it from 0: a gap means Redis lost messages. */
  take: z.string().min(1).max(64),
  seq: count,
  message: remoteMessageSchema,
});
export type RemoteEnvelope = z.output<typeof remoteEnvelopeSchema>;

/** JSON that keeps NaN and ±Infinity (as the strings `metric` accepts). */
export function encodeBody(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

/**
 * The job id of a run's attempt: publishing the same attempt twice finds the same job.
 * `republished` counts the times Redis lost it and it was published again.
 */
export function runJobId(runId: number, attempt: number, republished = 0): string {
  return `run-${runId}-a${attempt}${republished > 0 ? `-r${republished}` : ''}`;
}

export class RemoteProtocolError extends Error {
  readonly code = 'bad_data' as const;
}

/** Parses a body read from Redis with `schema`, refusing oversized or malformed ones. */
export function decodeBody<T extends z.ZodType>(body: unknown, schema: T, what: string): z.output<T> {
  if (typeof body !== 'string') throw new RemoteProtocolError(`${what} from Redis is not a string`);
  if (body.length > MAX_BODY_CHARS) throw new RemoteProtocolError(`${what} from Redis is ${body.length} characters, more than ${MAX_BODY_CHARS}`);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new RemoteProtocolError(`${what} from Redis is not JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RemoteProtocolError(`${what} from Redis is malformed: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
