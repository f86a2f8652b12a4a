// Coarse → fine for a model-based search: a child search over the region where the parent's
// top points lie. The same search settings (trials, start-up, seed, metric), scheduler and
// priority; each range narrows to the span of the top points on it, each category list to the
// categories they have. Pure: storing the child and linking it is the engine's.
import { ConfigError } from '../errors.ts';
import { isSearchSweep, parseAnySweepSpec } from '../search-schema.ts';
import type { AnySweepSpec, Bounds, SearchAxis, SearchSweepSpec } from '../search-schema.ts';
import { childHeader, refineSweep, topPoints } from './refine.ts';
import type { RefineOptions } from './refine.ts';
import { DEFAULT_METRIC, sameValue } from './report.ts';
import type { RankMetric } from './report.ts';

/**
 * The child of a search around its `top` best points (default 3). A range whose top points
 * share one value v keeps a tenth of the parent's width around v (on the log scale for log
 * ranges), inside the parent's range, so the child still searches something.
 */
export function refineSearch(
  parent: SearchSweepSpec,
  results: ReadonlyArray<{ point: Record<string, unknown>; value: number }>,
  options: { top?: number; metric?: RankMetric } = {},
): SearchSweepSpec {
  const metric = options.metric ?? parent.search.metric ?? DEFAULT_METRIC;
  const top = options.top ?? 3;
  const best = topPoints(parent.name, results, top, metric);
  const child = {
    ...childHeader(parent.name, best.length, metric),
    base: parent.base,
    axes: parent.axes.map((axis) => refineAxis(axis, best.map(({ point }) => point[axis.path]))),
    priority: parent.priority,
    search: parent.search,
    ...(parent.scheduler ? { scheduler: parent.scheduler } : {}),
    parent: { name: parent.name, metric, top },
  };
  return parseAnySweepSpec(child, `refinement of ${parent.name}`) as SearchSweepSpec;
}

function refineAxis(axis: SearchAxis, values: unknown[]): SearchAxis {
  if ('values' in axis) return { path: axis.path, values: axis.values.filter((v) => values.some((top) => sameValue(top, v))) };
  const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (numbers.length === 0) throw new ConfigError(`the results have no value for axis ${axis.path}; are they from this sweep?`, { path: axis.path });
  if ('uniform' in axis) return { path: axis.path, uniform: narrow(axis.uniform, numbers, false, false) };
  if ('logUniform' in axis) return { path: axis.path, logUniform: narrow(axis.logUniform, numbers, true, false) };
  const log = axis.integer.log === true;
  return { path: axis.path, integer: { ...narrow(axis.integer, numbers, log, true), ...(log ? { log } : {}) } };
}

function narrow(range: Bounds, values: number[], log: boolean, integer: boolean): Bounds {
  const to = (x: number) => (log ? Math.log(x) : x);
  const from = (u: number) => (log ? Math.exp(u) : u);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    const half = (to(range.max) - to(range.min)) / 20;
    lo = Math.max(range.min, from(to(lo) - half));
    hi = Math.min(range.max, from(to(hi) + half));
  }
  if (integer) {
    lo = Math.floor(lo);
    hi = Math.max(Math.ceil(hi), lo + 1);
    hi = Math.min(hi, range.max);
    lo = Math.min(lo, hi - 1);
  }
  return { min: lo, max: hi };
}

/** Refines either kind of sweep; `count` (values per grid axis) is for grids only. */
export function refineAnySweep(
  parent: AnySweepSpec,
  results: ReadonlyArray<{ point: Record<string, unknown>; value: number }>,
  options: RefineOptions = {},
): AnySweepSpec {
  if (!isSearchSweep(parent)) return refineSweep(parent, results, options);
  if (options.count !== undefined) throw new ConfigError(`count is for grid sweeps; ${parent.name} is a search (its trials set how many runs)`, { count: options.count });
  return refineSearch(parent, results, options);
}
