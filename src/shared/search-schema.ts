// Sweep files with a `search` key: a model-based search over ranges instead of a grid. The
// runs are not listed up front: src/core/search/tpe.ts proposes each trial from the finished
// ones. This file validates such a file into a SearchSweepSpec, and parseAnySweepSpec takes
// either kind of sweep file. It does not propose trials or run anything.
//
//   name: lambda-eta-tpe
//   base: { preset: ex3-bn-3layer, split: a2 }
//   search: { kind: tpe, trials: 24, startup: 8, seed: 1 }
//                                    # trials: runs in all; startup (default 10, at most
//                                    #   trials): drawn at random before TPE takes over;
//                                    #   seed (default 0); metric (default final.val.accuracy)
//                                    #   is what TPE maximises (a cost: minimises)
//   axes:                            # ranges, inclusive; no count, no zip, no repeats
//     - { path: lambda, logUniform: { min: 1.0e-5, max: 1.0e-1 } }
//     - { path: schedule.etaMax, uniform: { min: 0.01, max: 0.3 } }
//     - { path: schedule.cycles, integer: { min: 1, max: 4 } }        # log: true for a log scale
//     - { path: schedule.stepSize, values: [450, 900, 2250] }         # categories
//   scheduler: { kind: asha, … }     # optional, as in a grid sweep
//   priority, description, parent    # as in a grid sweep
//
// A list of `values` is a set of categories, so a list of real numbers is refused: TPE needs a
// range to propose values between them.
import { z } from 'zod';
import type { TrainConfig } from '../core/config.ts';
import type { AshaSpec } from '../core/search/asha.ts';
import { applyPoint, formatValue, MAX_SWEEP_RUNS } from './sweep/expand.ts';
import { DEFAULT_METRIC, isRankMetric, RANK_METRICS } from './sweep/report.ts';
import type { RankMetric } from './sweep/report.ts';
import { configErrorOf, integer, isRecord, pathOf, rule, strict, trainConfigSchema } from './config-schema.ts';
import { kindFirst, schedulerSchema } from './scheduler-schema.ts';
import { baseSchema, byKey, fieldPath, overlaps, parentSchema, parseSweepSpec, startsWith } from './sweep-schema.ts';
import type { SweepParent, SweepSpec } from './sweep-schema.ts';

export interface TpeSearch {
  kind: 'tpe';
  trials: number;
  startup: number;
  seed: number;
  metric: RankMetric;
}

export interface Bounds {
  min: number;
  max: number;
}

export type SearchAxis =
  | { path: string; uniform: Bounds }
  | { path: string; logUniform: Bounds }
  | { path: string; integer: Bounds & { log?: boolean } }
  | { path: string; values: unknown[] };

export interface SearchSweepSpec {
  name: string;
  description?: string;
  base: TrainConfig;
  axes: SearchAxis[];
  priority: number;
  parent?: SweepParent;
  scheduler?: AshaSpec;
  search: TpeSearch;
}

export type AnySweepSpec = SweepSpec | SearchSweepSpec;

export function isSearchSweep(spec: AnySweepSpec): spec is SearchSweepSpec {
  return 'search' in spec && spec.search !== undefined;
}

// ---- search ----

const metricSchema = z.string({ error: rule('must be a metric name') }).refine(isRankMetric, {
  error: (issue) => `must be one of ${RANK_METRICS.join(', ')} (got ${JSON.stringify(issue.input)})`,
}).transform((name) => name as RankMetric);

const tpeSchema = strict({
  kind: z.literal('tpe'),
  trials: integer(1, MAX_SWEEP_RUNS, `must be an integer in [1, ${MAX_SWEEP_RUNS}]`),
  startup: integer(0, MAX_SWEEP_RUNS, `must be an integer in [0, ${MAX_SWEEP_RUNS}]`).optional(),
  seed: integer(0, Number.MAX_SAFE_INTEGER, 'must be an integer in [0, 2^53 - 1]').default(0),
  metric: metricSchema.default(DEFAULT_METRIC),
}, 'an object { kind: tpe, trials, startup, seed }').transform((search, ctx): TpeSearch => {
  const startup = search.startup ?? Math.min(10, search.trials);
  if (startup > search.trials) ctx.addIssue({ code: 'custom', path: ['startup'], message: `must be <= trials (${search.trials}) (got ${startup})` });
  return { ...search, startup };
});

const searchSchema = kindFirst<TpeSearch>('tpe', 'search', tpeSchema as unknown as z.ZodType<TpeSearch>);

// ---- axes ----

function boundsSchema(kind: 'uniform' | 'logUniform' | 'integer') {
  const number = kind === 'integer'
    ? integer(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'must be an integer')
    : z.number({ error: rule('must be a number') });
  const shape = { min: number, max: number, ...(kind === 'integer' ? { log: z.boolean({ error: rule('must be true or false') }).optional() } : {}) };
  return strict(shape, 'an object { min, max }').superRefine((value, ctx) => {
    const range = value as Bounds & { log?: boolean };
    if (!(range.min < range.max)) ctx.addIssue({ code: 'custom', path: ['min'], message: `must be < max (${range.max}) (got ${range.min})` });
    const log = kind === 'logUniform' || range.log === true;
    if (log && !(range.min > 0)) ctx.addIssue({ code: 'custom', path: ['min'], message: `must be > 0 on a log scale (got ${range.min})` });
  });
}

const REAL_LIST = 'lists real numbers, but search: tpe takes a list of values as categories; '
  + 'give the field a range instead: uniform: { min, max } or logUniform: { min, max }';

const SEARCH_AXES = {
  values: strict({
    path: fieldPath,
    values: z.array(z.unknown(), { error: rule('must be a list of values') }).min(1, { error: rule('must list at least one value') }),
  }, 'an object').superRefine((axis, ctx) => {
    if (axis.values.every((v) => typeof v === 'number') && axis.values.some((v) => !Number.isInteger(v))) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: REAL_LIST });
    }
  }),
  uniform: strict({ path: fieldPath, uniform: boundsSchema('uniform') }, 'an object'),
  logUniform: strict({ path: fieldPath, logUniform: boundsSchema('logUniform') }, 'an object'),
  integer: strict({ path: fieldPath, integer: boundsSchema('integer') }, 'an object'),
};

const searchAxisSchema = byKey<SearchAxis>(
  SEARCH_AXES as unknown as Record<string, z.ZodType<SearchAxis>>,
  'an object with path and one of uniform, logUniform, integer or values (search: tpe takes no zip)',
);

// ---- the whole search ----

const searchSweepSchema = strict({
  name: z.string({ error: rule('must be a non-empty string') }).min(1, { error: rule('must be a non-empty string') }),
  description: z.string({ error: rule('must be a string') }).optional(),
  base: baseSchema,
  axes: z.array(searchAxisSchema, { error: rule('must be a list of axes') }).min(1, { error: rule('must list at least one axis to search') }),
  priority: integer(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'must be an integer').default(0),
  parent: parentSchema.optional(),
  scheduler: schedulerSchema.optional(),
  search: searchSchema,
}, 'an object with name, base, search and axes').superRefine((spec, ctx) => checkAxes(spec as SearchSweepSpec, ctx));

/** Either kind of sweep file: a search when it has a `search` key, else a grid. */
export function parseAnySweepSpec(value: unknown, origin: string): AnySweepSpec {
  if (!isRecord(value) || !('search' in value)) return parseSweepSpec(value, origin);
  const result = searchSweepSchema.safeParse(value);
  if (result.success) return result.data as SearchSweepSpec;
  throw configErrorOf(result.error, origin);
}

/** The values an axis's config check tries: a range's ends, or every category. */
export function axisProbes(axis: SearchAxis): unknown[] {
  if ('values' in axis) return axis.values;
  const { min, max } = 'uniform' in axis ? axis.uniform : 'logUniform' in axis ? axis.logUniform : axis.integer;
  return [min, max];
}

export const searchForm = (axis: SearchAxis) =>
  ('values' in axis ? 'values' : 'uniform' in axis ? 'uniform' : 'logUniform' in axis ? 'logUniform' : 'integer');

/** Overlapping paths, then the base with each range's ends and each category set alone. */
function checkAxes(spec: SearchSweepSpec, ctx: z.RefinementCtx): void {
  if (!trainConfigSchema.safeParse(spec.base).success || !z.array(searchAxisSchema).safeParse(spec.axes).success) return;
  const add = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  let overlapping = false;
  spec.axes.forEach((axis, i) => {
    const earlier = spec.axes.findIndex((other, j) => j < i && overlaps(other.path, axis.path));
    if (earlier >= 0) {
      overlapping = true;
      add(['axes', i, 'path'], `${axis.path} is also set by axes[${earlier}] (${spec.axes[earlier].path})`);
    }
  });
  if (overlapping) return;
  spec.axes.forEach((axis, i) => {
    const seen = new Set<string>();
    axisProbes(axis).forEach((value, j) => {
      const result = trainConfigSchema.safeParse(applyPoint(spec.base, { [axis.path]: value }));
      if (result.success) return;
      for (const issue of result.error.issues) {
        const [path, message] = nameIssue(axis, i, j, value, issue);
        const key = `${pathOf(path)}\n${message}`;
        if (!seen.has(key)) add(path, message);
        seen.add(key);
      }
    });
  });
}

function nameIssue(axis: SearchAxis, i: number, j: number, value: unknown, issue: z.core.$ZodIssue): [PropertyKey[], string] {
  if (issue.code === 'unrecognized_keys') return [['axes', i, 'path'], `"${axis.path}" is not a run-config field ${/\(allowed here: .*\)$/.exec(issue.message)?.[0] ?? ''}`.trim()];
  const axisPath = axis.path.split('.');
  const issuePath = issue.path.map(String);
  const deeper = startsWith(issuePath, axisPath) ? issue.path.slice(axisPath.length) : [];
  if ('values' in axis) return [['axes', i, 'values', j, ...deeper], issue.message];
  return [['axes', i, searchForm(axis)], `gives ${pathOf([axis.path, ...deeper])} = ${formatValue(value)}, which ${issue.message}`];
}
