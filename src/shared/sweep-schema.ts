// The sweep-file contract: a zod schema that turns an untrusted value (a parsed YAML/JSON sweep
// file, an IPC payload, a stored spec) into a SweepSpec, and parseSweepSpec, which reports every
// problem by field path in parseTrainConfig's format. Validation is complete: every run the
// sweep expands to is checked as a run config here, so a parsed spec always expands. It does
// not read files (src/cli/sweep-file.ts) or run anything.
//
// File format (YAML or JSON; keys are exact):
//
//   name: lambda-coarse              # required
//   description: …                   # optional free text
//   base:                            # a run config (src/shared/config-schema.ts, with its
//     preset: ex3-bn-3layer          #   defaults), optionally on top of a preset: `network`
//     schedule: { cycles: 3 }        #   and `schedule` merge key by key into the preset's,
//                                    #   every other field (split, init, …) replaces it whole.
//                                    #   `base: ex3-bn-3layer` is short for `{ preset: … }`.
//   axes:                            # default []: the base alone (with its repeats)
//     - path: lambda                 # a run-config field by dotted path
//       uniform: { min: 1.0e-5, max: 1.0e-1, count: 8 }     # evenly spaced, ends included
//     - path: network.init.sigma     # sets init to N(0, σ²) whatever the base's init
//       logUniform: { min: 1.0e-4, max: 1.0e-1, count: 4, sample: random, seed: 7 }
//     - path: network.batchNorm
//       values: [false, true]        # any values the field accepts, shorthands included
//     - zip:                         # members vary together (same number of values), as one axis
//         - { path: schedule.stepSize, values: [900, 2250] }
//         - { path: schedule.cycles, values: [5, 2] }
//   repeats: 5                       # default 1: every point runs with this many seeds
//   priority: 0                      # default 0, integer; the queue runs higher first
//   parent: { name: …, id: …, metric: …, top: 3 }   # set by refine; not written by hand
//   scheduler: { kind: asha, metric: val.accuracy, minSteps: 450, reduction: 3 }
//                                    # optional early stopping (src/shared/scheduler-schema.ts)
//
// The runs are the cartesian product of the axes (first axis slowest). uniform/logUniform take
// natural units (λ from 1e-5 to 1e-1) and `sample: even` (default; numpy's linspace, on log10
// for logUniform) or `sample: random` with a required integer `seed` (deterministic draws, sorted).
// A file with a `search` key is a model-based search instead of a grid: src/shared/search-schema.ts.
import { z } from 'zod';
import type { TrainConfig } from '../core/config.ts';
import { applyPoint, axisAssignments, axisMembers, formatValue, gridSize, MAX_SWEEP_RUNS } from './sweep/expand.ts';
import { configErrorOf, integer, isRecord, pathOf, rule, strict, trainConfigSchema } from './config-schema.ts';
import { getPreset, isPresetId, presetIds } from './presets.ts';
import type { AshaSpec } from '../core/search/asha.ts';
import { schedulerSchema } from './scheduler-schema.ts';

export type Sampling = 'even' | 'random';

export interface RangeSpec {
  min: number;
  max: number;
  count: number;
  sample: Sampling;
  /** Only with sample: random. */
  seed?: number;
}

export type SingleAxis =
  | { path: string; values: unknown[] }
  | { path: string; uniform: RangeSpec }
  | { path: string; logUniform: RangeSpec };

export type SweepAxis = SingleAxis | { zip: SingleAxis[] };

/** Where a refined sweep came from. `id` is the engine's id of the parent sweep, once stored. */
export interface SweepParent {
  name: string;
  id?: string | number;
  metric: string;
  top: number;
}

export interface SweepSpec {
  name: string;
  description?: string;
  /** The resolved base config (preset merged, defaults applied). */
  base: TrainConfig;
  axes: SweepAxis[];
  repeats: number;
  priority: number;
  parent?: SweepParent;
  /** Early stopping of the sweep's runs. */
  scheduler?: AshaSpec;
}

// ---- axes ----

const PATH_RULE = 'must be a dotted field path, e.g. lambda or network.init.sigma';
export const fieldPath = z.string({ error: rule(PATH_RULE) }).regex(/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/, { error: rule(PATH_RULE) });

function rangeSchema(scale: 'linear' | 'log') {
  const number = z.number({ error: rule(scale === 'log' ? 'must be a number > 0' : 'must be a number') });
  return strict({
    min: scale === 'log' ? number.gt(0, { error: rule('must be a number > 0 (log-uniform)') }) : number,
    max: scale === 'log' ? number.gt(0, { error: rule('must be a number > 0 (log-uniform)') }) : number,
    count: integer(1, MAX_SWEEP_RUNS, `must be an integer in [1, ${MAX_SWEEP_RUNS}]`),
    sample: z.enum(['even', 'random'], { error: rule('must be "even" or "random"') }).default('even'),
    seed: integer(0, Number.MAX_SAFE_INTEGER, 'must be an integer in [0, 2^53 - 1]').optional(),
  }, 'an object { min, max, count }').superRefine((range, ctx) => {
    if (range.min > range.max) ctx.addIssue({ code: 'custom', path: ['min'], message: `must be <= max (${range.max}) (got ${range.min})` });
    if (range.sample === 'random' && range.seed === undefined) ctx.addIssue({ code: 'custom', path: ['seed'], message: 'is required with sample: random' });
    if (range.sample === 'even' && range.seed !== undefined) ctx.addIssue({ code: 'custom', path: ['seed'], message: 'is only used with sample: random' });
  });
}

const SINGLE_AXES = {
  values: strict({ path: fieldPath, values: z.array(z.unknown(), { error: rule('must be a list of values') }).min(1, { error: rule('must list at least one value') }) }, 'an object'),
  uniform: strict({ path: fieldPath, uniform: rangeSchema('linear') }, 'an object'),
  logUniform: strict({ path: fieldPath, logUniform: rangeSchema('log') }, 'an object'),
};

/** Picks the schema by which key the object has, so errors come from the form the user meant. */
export function byKey<Out>(cases: Record<string, z.ZodType<Out>>, forms: string): z.ZodType<Out> {
  return z.unknown().transform((value, ctx) => {
    const key = isRecord(value) ? Object.keys(cases).find((k) => k in value) : undefined;
    if (key === undefined) {
      ctx.issues.push({ code: 'custom', message: rule(`must be ${forms}`)({ input: value }), input: value });
      return z.NEVER;
    }
    const result = cases[key].safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.issues.push(issue as (typeof ctx.issues)[number]);
    return z.NEVER;
  }) as unknown as z.ZodType<Out>;
}

const SINGLE_FORMS = 'an object with path and one of values, uniform or logUniform';
const singleAxisSchema = byKey<SingleAxis>(SINGLE_AXES, SINGLE_FORMS);

const zipSchema = strict({
  zip: z.array(singleAxisSchema, { error: rule('must be a list of axes') }).min(1, { error: rule('must list at least one axis') }),
}, 'an object').superRefine((axis, ctx) => {
  const counts = axis.zip.map((member) => axisAssignments(member).length);
  if (new Set(counts).size > 1) ctx.addIssue({ code: 'custom', path: ['zip'], message: `members must have the same number of values (got ${counts.join(', ')})` });
});

const axisSchema = byKey<SweepAxis>({ ...SINGLE_AXES, zip: zipSchema }, `${SINGLE_FORMS}, or { zip: [axes] }`);

// ---- base ----

const SECTIONS = ['network', 'schedule'];

/** Resolves `{ preset, …overrides }` (or a bare preset id) into a plain run-config value. */
function resolveBase(value: unknown, ctx: z.RefinementCtx): unknown {
  if (typeof value === 'string') value = { preset: value };
  if (!isRecord(value) || !('preset' in value)) return value;
  const { preset: id, ...overrides } = value;
  if (typeof id !== 'string' || !isPresetId(id)) {
    ctx.issues.push({ code: 'custom', path: ['preset'], message: `unknown preset ${JSON.stringify(id)}; valid ids: ${presetIds().join(', ')}`, input: id });
    return z.NEVER;
  }
  const merged: Record<string, unknown> = JSON.parse(JSON.stringify(getPreset(id).config));
  for (const [key, override] of Object.entries(overrides)) {
    merged[key] = SECTIONS.includes(key) && isRecord(override) && isRecord(merged[key]) ? { ...merged[key], ...override } : override;
  }
  return merged;
}

export const baseSchema = z.unknown().transform(resolveBase).pipe(trainConfigSchema);

// ---- the whole sweep ----

export const parentSchema = strict({
  name: z.string({ error: rule('must be a string') }),
  id: z.union([z.string(), z.number()], { error: rule('must be a string or a number') }).optional(),
  metric: z.string({ error: rule('must be a string') }),
  top: integer(1, Number.MAX_SAFE_INTEGER, 'must be an integer >= 1'),
}, 'an object');

export const sweepSpecSchema = strict({
  name: z.string({ error: rule('must be a non-empty string') }).min(1, { error: rule('must be a non-empty string') }),
  description: z.string({ error: rule('must be a string') }).optional(),
  base: baseSchema,
  axes: z.array(axisSchema, { error: rule('must be a list of axes') }).default(() => []),
  repeats: integer(1, MAX_SWEEP_RUNS, `must be an integer in [1, ${MAX_SWEEP_RUNS}]`).default(1),
  priority: integer(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'must be an integer').default(0),
  parent: parentSchema.optional(),
  scheduler: schedulerSchema.optional(),
}, 'an object with name, base and axes').superRefine((spec, ctx) => checkRuns(spec, ctx));

/**
 * Validates `value` into a SweepSpec or throws a ConfigError listing every problem, one per
 * line, as `<origin>: <field path>: <message>` (e.g. `lambda.yaml: axes[0].values[2]: must be a
 * number >= 0 (got -1)`); `details` holds `{ origin, issues }`.
 */
export function parseSweepSpec(value: unknown, origin: string): SweepSpec {
  const result = sweepSpecSchema.safeParse(value);
  if (result.success) return result.data;
  throw configErrorOf(result.error, origin);
}

// ---- every run a valid config ----

type Issue = { path: PropertyKey[]; message: string };

/** Overlapping axes, then the product size, then every point's config, issues named by axis. */
function checkRuns(spec: Omit<SweepSpec, 'parent'>, ctx: z.RefinementCtx): void {
  // zod runs this refinement even when base or an axis failed (their issues are reported
  // already); only a well-formed spec can be expanded.
  if (!trainConfigSchema.safeParse(spec.base).success || !z.array(axisSchema).safeParse(spec.axes).success) return;
  let problems = 0;
  const add = (issue: Issue) => {
    problems++;
    ctx.addIssue({ code: 'custom', ...issue });
  };
  const owners = spec.axes.flatMap((axis, i) => axisMembers(axis).map((member, k) => ({ path: member.path, at: memberAt(axis, i, k) })));
  for (const [j, owner] of owners.entries()) {
    const earlier = owners.slice(0, j).find((other) => overlaps(other.path, owner.path));
    if (earlier) add({ path: [...owner.at, 'path'], message: `${owner.path} is also set by ${pathOf(earlier.at)} (${earlier.path})` });
  }
  for (const owner of owners) {
    const keys = owner.path.split('.');
    let node: unknown = spec.base;
    for (const [depth, key] of keys.slice(0, -1).entries()) {
      node = isRecord(node) ? node[key] : undefined;
      if (node !== undefined && !isRecord(node)) {
        add({ path: [...owner.at, 'path'], message: `${keys.slice(0, depth + 1).join('.')} is a value, not a section with fields (got ${owner.path})` });
        break;
      }
    }
  }
  if (problems > 0) return;

  const runs = gridSize(spec.axes) * spec.repeats;
  if (runs > MAX_SWEEP_RUNS) {
    add({ path: ['axes'], message: `expands to ${runs} runs (points × repeats); at most ${MAX_SWEEP_RUNS}` });
    return;
  }
  // Each axis value is checked in every combination, but one bad value is reported once.
  const seen = new Set<string>();
  const steps = spec.axes.map((axis) => axisAssignments(axis));
  const indices = spec.axes.map(() => 0);
  // n written in the mixed radix of the axes' lengths gives each axis's index, in gridPoints' order.
  for (let n = 0; n < runs / spec.repeats; n++) {
    let rest = n;
    for (let i = spec.axes.length - 1; i >= 0; i--) {
      indices[i] = rest % steps[i].length;
      rest = Math.floor(rest / steps[i].length);
    }
    const point = Object.assign({}, ...indices.map((j, i) => steps[i][j])) as Record<string, unknown>;
    const result = trainConfigSchema.safeParse(applyPoint(spec.base, point));
    if (result.success) continue;
    for (const issue of result.error.issues.flatMap(flattenUnknownKeys)) {
      const named = nameIssue(spec.axes, indices, point, issue);
      // A cross-field problem no single axis owns is reported for the first point showing it.
      const key = named.path.length === 1 ? `${pathOf(issue.path)}\n${issue.message}` : `${pathOf(named.path)}\n${named.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        add(named);
      }
    }
  }
}

function flattenUnknownKeys(issue: z.core.$ZodIssue): Issue[] {
  return issue.code === 'unrecognized_keys'
    ? issue.keys.map((key) => ({ path: [...issue.path, key], message: issue.message }))
    : [{ path: [...issue.path], message: issue.message }];
}

/** Attributes a config issue to the axis whose path contains it (or lies on its way). */
function nameIssue(axes: SweepAxis[], indices: number[], point: Record<string, unknown>, issue: Issue): Issue {
  const issuePath = issue.path.map(String);
  for (const [i, axis] of axes.entries()) {
    for (const [k, member] of axisMembers(axis).entries()) {
      const axisPath = member.path.split('.');
      const at = memberAt(axis, i, k);
      if (startsWith(axisPath, issuePath) && /^unknown key/.test(issue.message)) {
        const allowed = /\(allowed here: .*\)$/.exec(issue.message)?.[0] ?? '';
        return { path: [...at, 'path'], message: `"${issuePath.join('.')}" is not a run-config field ${allowed}`.trim() };
      }
      if (startsWith(issuePath, axisPath) || startsWith(axisPath, issuePath)) {
        const deeper = issue.path.slice(axisPath.length); // inside a structured value, e.g. hidden[1]
        if ('values' in member) return { path: [...at, 'values', indices[i], ...deeper], message: issue.message };
        const form = 'uniform' in member ? 'uniform' : 'logUniform';
        const where = pathOf([member.path, ...deeper]);
        return { path: [...at, form], message: `gives ${where} = ${formatValue(point[member.path])}, which ${issue.message}` };
      }
    }
  }
  const settings = Object.entries(point).map(([path, value]) => `${path} = ${formatValue(value)}`).join(', ');
  return { path: ['axes'], message: `the point { ${settings} } gives an invalid config: ${pathOf(issue.path)}: ${issue.message}` };
}

export const startsWith = (path: string[], prefix: string[]) => prefix.every((segment, i) => path[i] === segment);
export const overlaps = (a: string, b: string) => startsWith(a.split('.'), b.split('.')) || startsWith(b.split('.'), a.split('.'));
export const memberAt = (axis: SweepAxis, i: number, k: number): PropertyKey[] => ('zip' in axis ? ['axes', i, 'zip', k] : ['axes', i]);
