// The run-config contract: a zod schema that turns an untrusted value (a parsed YAML/JSON
// file, an IPC payload) into exactly the TrainConfig of src/core/config.ts, with the study's
// defaults, and parseTrainConfig, which reports every problem by field path. It does not read
// files (src/cli/config-file.ts does) and knows no presets (src/shared/presets.ts).
//
// File format (YAML or JSON; keys are exact, an unknown key such as `lamda` is an error):
//
//   name: ex3-bn-3layer-best        # optional free text
//   network:
//     hidden: [50, 50]              # required; hidden widths, [] = a 1-layer (linear) net
//     batchNorm: true               # default false
//     init: he                      # default he; or { sigma: 0.001 }, or the full forms
//                                   #   { kind: he } / { kind: normal, sigma: 0.001 }
//     bnAlpha: 0.9                  # default 0.9, in [0, 1)
//     bnEpsilon: 1.0e-8             # default 1e-8, > 0
//   lambda: 0.0041                  # required, >= 0
//   schedule:                       # triangular cyclical learning rate
//     stepSize: 2250                # required, n_s, integer >= 1
//     cycles: 3                     # required, integer >= 1
//     etaMin: 1.0e-5                # default 1e-5, 0 < etaMin <= etaMax
//     etaMax: 1.0e-1                # default 1e-1
//   batchSize: 100                  # default 100
//   recordsPerCycle: 10             # default 10
//   split: 45k/5k                   # default 45k/5k; or a2, or "<train>k/<val>k" summing to 50k,
//                                   #   or { kind: a2, trainLimit?: n }
//                                   #   or { kind: holdout, validation: n, trainLimit?: n }
//   seed: 12345                     # default 12345, integer in [0, 2^53 - 1]
//   precision: float32              # default float32; or float64
import { z } from 'zod';
import type { SplitSpec, TrainConfig } from '../core/config.ts';
import { ConfigError } from './errors.ts';
import { gigabytes, MAX_RUN_BYTES, runMemoryBytes } from './run-memory.ts';

export const CONFIG_DEFAULTS = {
  batchNorm: false,
  init: { kind: 'he' },
  bnAlpha: 0.9,
  bnEpsilon: 1e-8,
  etaMin: 1e-5,
  etaMax: 1e-1,
  batchSize: 100,
  recordsPerCycle: 10,
  split: { kind: 'holdout', validation: 5000 },
  seed: 12345,
  precision: 'float32',
} as const;

const CIFAR_TRAIN_IMAGES = 50_000; // data_batch_1..5
/** Past these a run cannot train in a worker's memory and time, whatever else it says. */
export const MAX_HIDDEN_WIDTH = 4096;
export const MAX_LAYERS = 32;
const CIFAR_BATCH_IMAGES = 10_000; // one data_batch_i

/** Number of training images a split yields, after trainLimit. */
export function trainSizeOf(split: SplitSpec): number {
  const full = split.kind === 'a2' ? CIFAR_BATCH_IMAGES : CIFAR_TRAIN_IMAGES - split.validation;
  return split.trainLimit === undefined ? full : Math.min(split.trainLimit, full);
}

// ---- building blocks: every rule names itself and shows the offending value ----

function show(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

export const rule = (expectation: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : `${expectation} (got ${show(issue.input)})`;

export function integer(min: number, max: number, expectation: string) {
  const error = rule(expectation);
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

const intAtLeast1 = integer(1, Number.MAX_SAFE_INTEGER, 'must be an integer >= 1');
const positive = (error = rule('must be a number > 0')) => z.number({ error }).gt(0, { error });

/** A strict object whose errors list the allowed keys and call a non-object what it is. */
export function strict<Shape extends z.ZodRawShape>(shape: Shape, what: string) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown key (allowed here: ${allowed})`;
      if (issue.code === 'invalid_type') return rule(`must be ${what}`)(issue);
      return undefined;
    },
  });
}

/** Expands a shorthand before validation; anything it does not recognise passes through. */
const expanding = <S extends z.ZodType>(expand: (value: unknown) => unknown, schema: S) =>
  z.unknown().transform(expand).pipe(schema);

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Errors of a `kind`-tagged union: a bad tag is reported at `.kind`, a non-object as a whole. */
const taggedUnionError = (kinds: string, forms: string) => (issue: { code?: string; input?: unknown }) =>
  issue.code === 'invalid_union' && isRecord(issue.input)
    ? rule(`must be ${kinds}`)({ input: issue.input.kind })
    : rule(forms)(issue);

// ---- init ----

const INIT_FORMS = 'must be "he", { sigma: <number> }, { kind: "he" } or { kind: "normal", sigma: <number> }';

const initSchema = expanding(
  (value) => {
    if (value === 'he') return { kind: 'he' };
    if (isRecord(value) && !('kind' in value) && 'sigma' in value) return { kind: 'normal', ...value };
    return value;
  },
  z.discriminatedUnion('kind', [
    strict({ kind: z.literal('he') }, 'an object'),
    strict({ kind: z.literal('normal'), sigma: positive() }, 'an object'),
  ], { error: taggedUnionError('"he" or "normal"', INIT_FORMS) }),
);

// ---- split ----

const SPLIT_FORMS = 'must be "a2", "<train>k/<val>k" summing to 50k (e.g. "45k/5k"), or { kind: "a2" | "holdout", ... }';

function expandSplit(value: unknown): unknown {
  if (value === 'a2') return { kind: 'a2' };
  const match = typeof value === 'string' ? /^(\d+)k\/(\d+)k$/i.exec(value.trim()) : null;
  if (match && (Number(match[1]) + Number(match[2])) * 1000 === CIFAR_TRAIN_IMAGES) {
    return { kind: 'holdout', validation: Number(match[2]) * 1000 };
  }
  return value;
}

const splitSchema = expanding(
  expandSplit,
  z.discriminatedUnion('kind', [
    strict({ kind: z.literal('a2'), trainLimit: intAtLeast1.optional() }, 'an object'),
    strict({
      kind: z.literal('holdout'),
      validation: integer(1, CIFAR_TRAIN_IMAGES - 1, `must be an integer in [1, ${CIFAR_TRAIN_IMAGES - 1}]`),
      trainLimit: intAtLeast1.optional(),
    }, 'an object'),
  ], { error: taggedUnionError('"a2" or "holdout"', SPLIT_FORMS) })
    .superRefine((split, ctx) => {
      const available = trainSizeOf({ ...split, trainLimit: undefined });
      if (split.trainLimit !== undefined && split.trainLimit > available) {
        ctx.addIssue({ code: 'custom', path: ['trainLimit'], message: `must be <= ${available}, the training images this split has (got ${split.trainLimit})` });
      }
    }),
);

// ---- the whole config ----

const networkSchema = strict({
  hidden: z.array(integer(1, Number.MAX_SAFE_INTEGER, 'must be a positive integer').max(MAX_HIDDEN_WIDTH, { error: rule(`must be at most ${MAX_HIDDEN_WIDTH}`) }), { error: rule('must be a list of widths, e.g. [50, 50]') })
    .max(MAX_LAYERS - 1, { error: (issue) => `must list at most ${MAX_LAYERS - 1} widths: a network of at most ${MAX_LAYERS} layers (got ${(issue.input as unknown[]).length})` }),
  batchNorm: z.boolean({ error: rule('must be true or false') }).default(CONFIG_DEFAULTS.batchNorm),
  init: initSchema.default(() => ({ ...CONFIG_DEFAULTS.init })),
  bnAlpha: z.number({ error: rule('must be a number in [0, 1)') }).min(0, { error: rule('must be a number in [0, 1)') }).lt(1, { error: rule('must be a number in [0, 1)') }).default(CONFIG_DEFAULTS.bnAlpha),
  bnEpsilon: positive().default(CONFIG_DEFAULTS.bnEpsilon),
}, 'an object');

const scheduleSchema = strict({
  etaMin: positive().default(CONFIG_DEFAULTS.etaMin),
  etaMax: positive().default(CONFIG_DEFAULTS.etaMax),
  stepSize: intAtLeast1,
  cycles: intAtLeast1,
}, 'an object').superRefine((schedule, ctx) => {
  // Only compare two valid rates: a bad one has its own message already.
  if (schedule.etaMin > 0 && schedule.etaMax > 0 && schedule.etaMin > schedule.etaMax) {
    ctx.addIssue({ code: 'custom', path: ['etaMin'], message: `must be <= etaMax (${schedule.etaMax}) (got ${schedule.etaMin})` });
  }
});

export const trainConfigSchema = strict({
  name: z.string({ error: rule('must be a non-empty string') }).min(1, { error: rule('must be a non-empty string') }).optional(),
  network: networkSchema,
  lambda: z.number({ error: rule('must be a number >= 0') }).min(0, { error: rule('must be a number >= 0') }),
  schedule: scheduleSchema,
  batchSize: intAtLeast1.default(CONFIG_DEFAULTS.batchSize),
  recordsPerCycle: intAtLeast1.default(CONFIG_DEFAULTS.recordsPerCycle),
  split: splitSchema.default(() => ({ ...CONFIG_DEFAULTS.split })),
  seed: integer(0, Number.MAX_SAFE_INTEGER, 'must be an integer in [0, 2^53 - 1]').default(CONFIG_DEFAULTS.seed),
  precision: z.enum(['float32', 'float64'], { error: rule('must be "float32" or "float64"') }).default(CONFIG_DEFAULTS.precision),
}, 'an object of settings').superRefine((config, ctx) => {
  // zod runs this even when a field failed (and said so already); only sizes that parsed are compared.
  if (!sizesParsed(config)) return;
  const images = trainSizeOf(config.split);
  if (config.batchSize > images) {
    ctx.addIssue({ code: 'custom', path: ['batchSize'], message: `must be <= ${images}, the training images of this split (got ${config.batchSize})` });
    return;
  }
  const bytes = runMemoryBytes(config);
  if (bytes > MAX_RUN_BYTES) {
    ctx.addIssue({
      code: 'custom', path: ['network', 'hidden'],
      message: `needs about ${gigabytes(bytes)} for parameters and scratch memory with batchSize ${config.batchSize} (${config.precision}); a run may use at most ${gigabytes(MAX_RUN_BYTES)}: use fewer or narrower layers or a smaller batch`,
    });
  }
});

function sizesParsed(config: { network?: { hidden?: unknown }; batchSize?: unknown; split?: unknown }): boolean {
  const hidden = config.network?.hidden;
  const positiveInt = (n: unknown, max: number) => Number.isSafeInteger(n) && (n as number) >= 1 && (n as number) <= max;
  return Array.isArray(hidden) && hidden.length < MAX_LAYERS && hidden.every((width) => positiveInt(width, MAX_HIDDEN_WIDTH))
    && positiveInt(config.batchSize, Number.MAX_SAFE_INTEGER) && isRecord(config.split) && positiveInt(trainSizeOf(config.split as SplitSpec), CIFAR_TRAIN_IMAGES);
}

// Compile-time guard: the schema's output and TrainConfig must not drift apart. Both sides are
// flattened first (TrainConfig's network is an intersection); the generic-function comparison
// then also catches an optional key present on one side only, which mutual assignability misses.
type Flat<T> = T extends object ? { [K in keyof T]: Flat<T[K]> } : T;
type Exactly<A, B> = (<T>() => T extends Flat<A> ? 1 : 2) extends (<T>() => T extends Flat<B> ? 1 : 2) ? true : false;
const _schemaProducesTrainConfig: Exactly<z.output<typeof trainConfigSchema>, TrainConfig> = true;

export interface ConfigIssue {
  /** Field path as written in a config file, e.g. `network.hidden[1]`; '' for the whole value. */
  path: string;
  message: string;
}

/** `network.hidden[1]` from ['network', 'hidden', 1]. */
export function pathOf(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((text, segment) =>
    typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${String(segment)}` : String(segment), '');
}

function issuesOf(error: z.ZodError): ConfigIssue[] {
  const issues = error.issues.flatMap((issue) => issue.code === 'unrecognized_keys'
    ? issue.keys.map((key) => ({ path: pathOf([...issue.path, key]), message: issue.message }))
    : [{ path: pathOf(issue.path), message: issue.message }]);
  // One value can break two checks with the same wording (2^53 is neither a safe integer nor
  // <= the maximum); say it once.
  return issues.filter((issue, i) => issues.findIndex((other) => other.path === issue.path && other.message === issue.message) === i);
}

/**
 * Validates `value` into a TrainConfig or throws a ConfigError listing every problem, one per
 * line, as `<origin>: <field path>: <message>`; `details` holds `{ origin, issues }`.
 */
export function parseTrainConfig(value: unknown, origin: string): TrainConfig {
  const result = trainConfigSchema.safeParse(value);
  if (result.success) return result.data;
  throw configErrorOf(result.error, origin);
}

/** The ConfigError of a failed parse, in parseTrainConfig's format; for other file schemas. */
export function configErrorOf(error: z.ZodError, origin: string): ConfigError {
  const issues = issuesOf(error);
  const lines = issues.map(({ path, message }) => `${origin}: ${path ? `${path}: ` : ''}${message}`);
  return new ConfigError(lines.join('\n'), { origin, issues });
}
