// The store's read boundary: a sweeplab.db is a file anyone can edit (or a crash can leave
// half-written), and SQLite keeps whatever type it is given, so every row is checked with zod
// before it becomes a record: column types, JSON text that parses to the right shape (a run's
// config, point, final metrics; a sweep's spec), and sizes (text and BLOBs past a cap are not
// even read). A row that fails is a BadRowError naming the run (or sweep) and the column; the
// store's callers decide whether that refuses a request or skips a row in a list.
import { z } from 'zod';
import type { TrainConfig } from '../../core/config.ts';
import type { FinalMetrics } from '../../core/metrics.ts';
import { MAX_RUN_BYTES } from '../../shared/run-memory.ts';
import { RUN_STATUSES } from './schema.ts';

/** JSON text columns are small (a config, a point, metrics); a sweep spec may list many values. */
export const MAX_JSON_TEXT = 1 << 20;
/** A network's parameters can take at most a third of a run's memory bound (run-memory.ts). */
export const MAX_BLOB_BYTES = Math.ceil(MAX_RUN_BYTES / 2);

export class BadRowError extends Error {
  readonly code = 'bad_data' as const;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(readonly what: string, problem: string) {
    super(`${what} cannot be read from the run store (${problem}); it is left out`);
    this.name = 'BadRowError';
    this.details = { row: what };
  }
}

/** NaN and ±Infinity are written into JSON as strings (runs.ts finiteJson) and read back as numbers. */
const parseFinite = (text: string): unknown =>
  JSON.parse(text, (_k, v: unknown) => (v === 'NaN' || v === 'Infinity' || v === '-Infinity' ? Number(v) : v));

/** A TEXT column holding JSON of `shape`. */
const jsonText = <T extends z.ZodType>(shape: T) => z.string().max(MAX_JSON_TEXT, { error: `JSON text over ${MAX_JSON_TEXT} characters` })
  .transform((text, ctx) => {
    try {
      return parseFinite(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
  })
  .pipe(shape);

const metric = z.number(); // NaN allowed: a diverged run's cost is NaN
const setMetrics = z.object({ cost: metric, loss: metric, accuracy: metric });
const finalMetricsSchema: z.ZodType<FinalMetrics> = z.object({ train: setMetrics, val: setMetrics, test: setMetrics });

const positiveInt = z.number().int().min(1);
/**
 * What a stored config must be to be shown, resumed or analysed: TrainConfig's shape and
 * types. Not the run-config limits of today: a run stored by an older build stays readable.
 */
const storedConfigSchema: z.ZodType<TrainConfig> = z.object({
  name: z.string().optional(),
  network: z.object({
    hidden: z.array(positiveInt).max(1000),
    batchNorm: z.boolean(),
    init: z.union([z.object({ kind: z.literal('he') }), z.object({ kind: z.literal('normal'), sigma: z.number() })]),
    bnAlpha: z.number(),
    bnEpsilon: z.number(),
  }),
  lambda: z.number(),
  schedule: z.object({ etaMin: z.number(), etaMax: z.number(), stepSize: positiveInt, cycles: positiveInt }),
  batchSize: positiveInt,
  recordsPerCycle: positiveInt,
  split: z.union([
    z.object({ kind: z.literal('a2'), trainLimit: positiveInt.optional() }),
    z.object({ kind: z.literal('holdout'), validation: positiveInt, trainLimit: positiveInt.optional() }),
  ]),
  seed: z.number().int().min(0),
  precision: z.enum(['float32', 'float64']),
}) as z.ZodType<TrainConfig>;

const int = z.number().int();
const real = z.number().refine((n) => !Number.isNaN(n), 'not a number');
const text = z.string().max(MAX_JSON_TEXT);

export const runRowSchema = z.object({
  id: int, sweep_id: int.nullable(), point_index: int, label: text, point_json: jsonText(z.record(z.string(), z.unknown())), repeat: int,
  config_json: jsonText(storedConfigSchema), seed: real, status: z.enum(RUN_STATUSES), priority: real, cancel_requested: int,
  attempts: int, resumed_from_step: real.nullable(), step: real, total_steps: real.nullable(), created_at: text, started_at: text.nullable(),
  finished_at: text.nullable(), compute_seconds: real, error_code: text.nullable(), error_message: text.nullable(), app_version: text,
  final_json: jsonText(finalMetricsSchema).nullable(), best_val_acc: real.nullable(), best_val_step: real.nullable(),
  worker: text.nullable(),
});
export type CheckedRunRow = z.output<typeof runRowSchema>;

export const sweepRowSchema = z.object({
  id: int, name: text, spec_json: jsonText(z.unknown()), parent_id: int.nullable(), status: z.enum(['active', 'cancelled']),
  data_source: text.nullable(), created_at: text,
});

export const weightsRowSchema = z.object({
  precision: z.enum(['float32', 'float64']),
  layers_json: jsonText(z.array(positiveInt).min(2).max(1001)),
  params_size: int.max(MAX_BLOB_BYTES, { error: `over ${MAX_BLOB_BYTES} bytes` }),
  running_size: int.max(MAX_BLOB_BYTES, { error: `over ${MAX_BLOB_BYTES} bytes` }),
});

export const checkpointRowSchema = z.object({
  step: int.min(0),
  state_size: int.max(MAX_BLOB_BYTES, { error: `over ${MAX_BLOB_BYTES} bytes` }),
});

/** The row as `schema` reads it, or a BadRowError naming `what` and the first bad column. */
export function checkRow<S extends z.ZodType>(schema: S, row: unknown, what: string): z.output<S> {
  const result = schema.safeParse(row);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new BadRowError(what, `${issue.path.map(String).join('.') || 'row'}: ${issue.message}`);
}
