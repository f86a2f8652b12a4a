// Expanding a validated sweep into its runs: each axis's values (evenly spaced or seeded random
// draws, linear or log scale), the cartesian product of the axes, one seed per repeat, and the
// full TrainConfig of every run. Pure and deterministic: the same spec always gives the same
// runs in the same order. It does not validate sweep files (src/shared/sweep-schema.ts does,
// using the same functions) and it does not run anything.
import type { TrainConfig } from '../../core/config.ts';
import { createRng } from '../../core/rng.ts';
import { parseTrainConfig } from '../config-schema.ts';
import type { RangeSpec, SingleAxis, SweepAxis, SweepSpec } from '../sweep-schema.ts';

export interface SweepPoint {
  /** Position in the expanded list, 0-based; unique within the sweep. */
  index: number;
  /** Which point of the grid (0-based, before repeats): runs that differ only by seed share it. */
  pointIndex: number;
  /** Axis path → value as written in the sweep (e.g. `split: "a2"`, not the expanded object). */
  point: Record<string, unknown>;
  /** 0 … repeats − 1; repeat 0 runs with the point's own seed. */
  repeat: number;
  seed: number;
  /** The full, validated config of this run (its `name` is `<sweep name> <label>`). */
  config: TrainConfig;
  /** Short human label, e.g. `λ=0.0143`, `σ=0.001 BN seed 2/5`. */
  label: string;
}

/** Largest number of runs (points × repeats) one sweep may expand to. */
export const MAX_SWEEP_RUNS = 10_000;

/**
 * The values of a uniform or log-uniform range, ascending. `even`: min + i·(max − min)/(count − 1)
 * (numpy's linspace; count 1 gives [min]) or, on the log scale, 10^(linspace of log10) — both
 * with the endpoints exactly min and max. `random`: `count` draws from the seeded xoshiro128**
 * Rng (uniform in [min, max), or 10^u with u uniform in [log10 min, log10 max)), sorted.
 */
export function rangeValues(range: RangeSpec, scale: 'linear' | 'log'): number[] {
  const { min, max, count } = range;
  const [lo, hi] = scale === 'log' ? [Math.log10(min), Math.log10(max)] : [min, max];
  const toValue = (u: number) => (scale === 'log' ? 10 ** u : u);
  if (range.sample === 'random') {
    const rng = createRng(range.seed ?? 0);
    return Array.from({ length: count }, () => toValue(lo + rng.uniform() * (hi - lo))).sort((a, b) => a - b);
  }
  return Array.from({ length: count }, (_, i) => {
    if (i === 0) return min;
    if (i === count - 1) return max;
    return toValue(lo + (i * (hi - lo)) / (count - 1));
  });
}

/** The values one single axis takes, in order. */
export function singleAxisValues(axis: SingleAxis): unknown[] {
  if ('values' in axis) return axis.values;
  if ('uniform' in axis) return rangeValues(axis.uniform, 'linear');
  return rangeValues(axis.logUniform, 'log');
}

/** The members of an axis: itself, or the axes a `zip` varies together. */
export function axisMembers(axis: SweepAxis): SingleAxis[] {
  return 'zip' in axis ? axis.zip : [axis];
}

/** The assignments (path → value) one axis contributes, one per step; zip members move together. */
export function axisAssignments(axis: SweepAxis): Array<Record<string, unknown>> {
  const members = axisMembers(axis).map((member) => ({ path: member.path, values: singleAxisValues(member) }));
  const steps = Math.min(...members.map((member) => member.values.length));
  return Array.from({ length: steps }, (_, i) => Object.fromEntries(members.map((member) => [member.path, member.values[i]])));
}

/** Every point of the grid: the cartesian product of the axes, the first axis varying slowest. */
export function gridPoints(axes: readonly SweepAxis[]): Array<Record<string, unknown>> {
  return axes.reduce<Array<Record<string, unknown>>>(
    (points, axis) => points.flatMap((point) => axisAssignments(axis).map((step) => ({ ...point, ...step }))),
    [{}],
  );
}

/** How many points the grid has, without building it. */
export function gridSize(axes: readonly SweepAxis[]): number {
  return axes.reduce((size, axis) => size * axisAssignments(axis).length, 1);
}

/**
 * The base config with each `path → value` of the point set in a copy, before validation.
 * Missing sections on the way are created (validation then reports the unknown field).
 * `network.init.sigma` sets the whole init to N(0, σ²), whatever the base's init is, so a σ
 * axis works on a He base.
 */
export function applyPoint(base: unknown, point: Record<string, unknown>): Record<string, unknown> {
  const config = cloneData(base) as Record<string, unknown>;
  for (const [path, value] of Object.entries(point)) {
    const keys = path === 'network.init.sigma' ? ['network', 'init'] : path.split('.');
    const leaf = path === 'network.init.sigma' ? { kind: 'normal', sigma: value } : cloneData(value);
    let node = config;
    for (const key of keys.slice(0, -1)) {
      if (!isRecord(node[key])) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]] = leaf;
  }
  return config;
}

/**
 * The seed of repeat `repeat` of a point whose config has seed `seed`: repeat 0 keeps it;
 * repeat r ≥ 1 gets a 32-bit hash of (seed, r) (the splitmix32 finaliser), so repeats of
 * neighbouring seeds, or of a sweep that has a `seed` axis, do not collide the way seed + r would.
 */
export function repeatSeed(seed: number, repeat: number): number {
  if (repeat === 0) return seed;
  let z = ((seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32) >>> 0, 0x27d4eb2d) ^ Math.imul(repeat, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Every run of a sweep, repeat-major: all points with repeat 0 (grid order), then all points
 * with repeat 1, …, so a complete first pass over the grid finishes before any second seed.
 * `spec` must come from parseSweepSpec (which has checked that every config here is valid).
 */
export function expandSweep(spec: SweepSpec): SweepPoint[] {
  const points = gridPoints(spec.axes);
  const configs = points.map((point, i) => parseTrainConfig(applyPoint(spec.base, point), `sweep ${spec.name}, point ${i}`));
  const runs: SweepPoint[] = [];
  for (let repeat = 0; repeat < spec.repeats; repeat++) {
    points.forEach((point, pointIndex) => {
      const seed = repeatSeed(configs[pointIndex].seed, repeat);
      const label = [pointLabel(point), spec.repeats > 1 ? `seed ${repeat + 1}/${spec.repeats}` : '']
        .filter(Boolean).join(' ') || 'base';
      const config = { ...cloneData(configs[pointIndex]), seed, name: `${spec.name} ${label}` };
      runs.push({ index: runs.length, pointIndex, point, repeat, seed, config, label });
    });
  }
  return runs;
}

const SHORT_NAMES: Record<string, string> = {
  lambda: 'λ',
  'network.init.sigma': 'σ',
  'network.hidden': 'hidden',
  'schedule.etaMin': 'η_min',
  'schedule.etaMax': 'η_max',
  'schedule.stepSize': 'n_s',
  'network.bnAlpha': 'α',
};

/** `λ=0.0143 σ=0.001 BN`: short names, numbers to 3 significant digits, batchNorm as BN/no BN. */
export function pointLabel(point: Record<string, unknown>): string {
  return Object.entries(point).map(([path, value]) => {
    if (path === 'network.batchNorm' && typeof value === 'boolean') return value ? 'BN' : 'no BN';
    const name = SHORT_NAMES[path] ?? path.split('.').pop();
    return `${name}=${formatValue(value)}`;
  }).join(' ');
}

export function formatValue(value: unknown): string {
  if (typeof value === 'number') return String(Number(value.toPrecision(3)));
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep copy of plain data (no structuredClone: src/shared sees neither DOM nor Node globals). */
function cloneData<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneData) as T;
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneData(v)])) as T;
  return value;
}
