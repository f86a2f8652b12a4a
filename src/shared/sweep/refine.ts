// Coarse → fine: a child sweep over the region where a finished sweep did best. Pure: it takes
// the parent spec and one value per run (computed with metricOf/rankRuns) and returns a
// validated child spec; storing it and linking it to its parent's id is the engine's job.
import { ConfigError } from '../errors.ts';
import { parseSweepSpec } from '../sweep-schema.ts';
import type { RangeSpec, SingleAxis, SweepAxis, SweepSpec } from '../sweep-schema.ts';
import { axisMembers, rangeValues, singleAxisValues } from './expand.ts';
import { DEFAULT_METRIC, higherIsBetter, pointKey, sameValue } from './report.ts';
import type { RankMetric } from './report.ts';

export interface RefineOptions {
  /** How many of the best points the child spans (default 3). */
  top?: number;
  /** Values per numeric axis in the child (default: the parent axis's count). */
  count?: number;
  /** What `value` measures; sets the direction (costs low-first) and the parent link. */
  metric?: RankMetric;
}

/**
 * The child of `parent` around its `top` best points:
 *
 * - Results with the same point (repeats) are averaged first, so top-k counts points, not
 *   seeds; non-finite values are ignored.
 * - A uniform / logUniform axis becomes the same kind (and sampling) over [lo, hi], the range
 *   the top points span on it. An explicit list of numbers becomes evenly spaced values over
 *   [lo, hi]: integers (rounded, duplicates dropped) if the list held only integers, log-spaced
 *   if every value is > 0 and the list spans a factor ≥ 100, else linear.
 * - A degenerate range (every top point has the same value v) widens to the parent's
 *   neighbouring values of v on that axis (v itself at an end of the parent's values), i.e.
 *   the grid cells on both sides of the best value; a parent axis with one value stays fixed.
 * - Non-numeric axes (booleans, strings, lists, objects) and zip groups keep the values the
 *   top points have, in the parent's order.
 *
 * Named `<parent>-fine` (`-fine-2`, … when refining a refinement), same base, repeats and
 * priority, `parent: { name, metric, top }` (the engine adds the parent's `id`).
 * EXPERIMENTS.md: the top 3 of the coarse λ search span [1e-5, 0.02857]; 8 values there.
 */
export function refineSweep(
  parent: SweepSpec,
  results: ReadonlyArray<{ point: Record<string, unknown>; value: number }>,
  options: RefineOptions = {},
): SweepSpec {
  const metric = options.metric ?? DEFAULT_METRIC;
  if (options.count !== undefined && !(Number.isInteger(options.count) && options.count >= 1)) {
    throw new ConfigError(`count must be an integer >= 1 (got ${options.count})`, { count: options.count });
  }
  const best = topPoints(parent.name, results, options.top ?? 3, metric);
  const child = {
    ...childHeader(parent.name, best.length, metric),
    base: parent.base,
    axes: parent.axes.map((axis) => refineAxis(axis, best, options.count)),
    repeats: parent.repeats,
    priority: parent.priority,
    parent: { name: parent.name, metric, top: options.top ?? 3 },
  };
  return parseSweepSpec(child, `refinement of ${parent.name}`);
}

/** The `top` best points of a parent's results (repeats averaged), or a ConfigError saying why none. */
export function topPoints(parent: string, results: ReadonlyArray<{ point: Record<string, unknown>; value: number }>, top: number, metric: RankMetric) {
  if (!(Number.isInteger(top) && top >= 1)) throw new ConfigError(`top must be an integer >= 1 (got ${top})`, { top });
  const best = bestPoints(results, higherIsBetter(metric)).slice(0, top);
  if (best.length === 0) throw new ConfigError(`sweep ${parent} has no finished run with a value for ${metric} to refine around`, { sweep: parent, metric });
  return best;
}

/** A child sweep's name and description. */
export function childHeader(parent: string, points: number, metric: RankMetric): { name: string; description: string } {
  return { name: childName(parent), description: `Refined from ${parent} around its top ${points} point${points === 1 ? '' : 's'} by ${metric}` };
}

function bestPoints(results: ReadonlyArray<{ point: Record<string, unknown>; value: number }>, higherFirst: boolean) {
  const groups = new Map<string, { point: Record<string, unknown>; values: number[]; order: number }>();
  for (const { point, value } of results) {
    if (!Number.isFinite(value)) continue;
    const key = pointKey(point);
    const group = groups.get(key) ?? { point, values: [], order: groups.size };
    group.values.push(value);
    groups.set(key, group);
  }
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  return [...groups.values()]
    .map((group) => ({ point: group.point, value: mean(group.values), order: group.order }))
    .sort((a, b) => (higherFirst ? b.value - a.value : a.value - b.value) || a.order - b.order);
}

function refineAxis(axis: SweepAxis, best: Array<{ point: Record<string, unknown> }>, count: number | undefined): SweepAxis {
  const members = axisMembers(axis);
  for (const member of members) {
    if (best.some(({ point }) => !(member.path in point))) {
      throw new ConfigError(`the results have no value for axis ${member.path}; are they from this sweep?`, { path: member.path });
    }
  }
  if ('zip' in axis) {
    // Keep the tuples the top points have, in the parent's order.
    const tuples = singleAxisValues(members[0]).map((_, i) => members.map((member) => singleAxisValues(member)[i]));
    const kept = tuples.filter((tuple) => best.some(({ point }) => members.every((member, k) => sameValue(point[member.path], tuple[k]))));
    return { zip: members.map((member, k) => ({ path: member.path, values: kept.map((tuple) => tuple[k]) })) };
  }
  return refineSingle(axis as SingleAxis, best.map(({ point }) => point[axis.path]), count);
}

function refineSingle(axis: SingleAxis, topValues: unknown[], count: number | undefined): SingleAxis {
  const parentValues = singleAxisValues(axis);
  if (!topValues.every(isFiniteNumber) || !parentValues.every(isFiniteNumber)) {
    return { path: axis.path, values: parentValues.filter((value) => topValues.some((top) => sameValue(top, value))) };
  }
  const numbers = parentValues as number[];
  let lo = Math.min(...(topValues as number[]));
  let hi = Math.max(...(topValues as number[]));
  if (lo === hi) [lo, hi] = neighbours(numbers, lo);
  if (lo === hi) return { path: axis.path, values: [lo] };

  const steps = count ?? parentValues.length;
  if ('uniform' in axis) return { path: axis.path, uniform: narrowed(axis.uniform, lo, hi, steps) };
  if ('logUniform' in axis) return { path: axis.path, logUniform: narrowed(axis.logUniform, lo, hi, steps) };
  const even = { min: lo, max: hi, count: steps, sample: 'even' } as const;
  if (numbers.every(Number.isInteger)) return { path: axis.path, values: [...new Set(rangeValues(even, 'linear').map(Math.round))] };
  const logScale = numbers.every((v) => v > 0) && Math.max(...numbers) / Math.min(...numbers) >= 100;
  return logScale ? { path: axis.path, logUniform: even } : { path: axis.path, uniform: even };
}

function narrowed(range: RangeSpec, min: number, max: number, count: number): RangeSpec {
  return range.sample === 'random' ? { min, max, count, sample: 'random', seed: range.seed } : { min, max, count, sample: 'even' };
}

/** The parent's values just below and above v (v itself where there is none). */
function neighbours(values: number[], v: number): [number, number] {
  const below = values.filter((x) => x < v);
  const above = values.filter((x) => x > v);
  return [below.length ? Math.max(...below) : v, above.length ? Math.min(...above) : v];
}

function childName(name: string): string {
  const match = /^(.*)-fine(?:-(\d+))?$/.exec(name);
  return match ? `${match[1]}-fine-${Number(match[2] ?? 1) + 1}` : `${name}-fine`;
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
