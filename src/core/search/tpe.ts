// The Tree-structured Parzen Estimator (Bergstra et al. 2011) as Optuna's default sampler runs
// it: the first `startup` trials are drawn from the prior; after that the finished trials are
// split into a good fraction γ and the rest, a Parzen estimator l(x) is fitted to the good and
// g(x) to the rest on every axis, and each axis takes, of 24 candidates drawn from l, the one
// with the largest l(x)/g(x). Axes are independent (univariate TPE). Pure and deterministic:
// a proposal depends only on the seed, the trial's index and the finished trials in order.
// Turning axes into run configs, and queueing, are the engine's.

import { createRng } from '../rng.ts';
import type { Rng } from '../rng.ts';
import { estimatorFor, samplePrior } from './parzen.ts';
import type { Domain } from './parzen.ts';

/** How a finished trial ended, as TPE ranks it. */
export type TrialOutcome =
  | { kind: 'complete'; value: number }
  /** Stopped by the scheduler at `step`, where the metric was `value`. */
  | { kind: 'pruned'; step: number; value: number }
  /** Diverged or failed: no usable value. */
  | { kind: 'failed' };

export interface FinishedTrial {
  /** One entry per axis: the number, or the category's index. */
  params: readonly number[];
  outcome: TrialOutcome;
}

export interface TpeOptions {
  seed: number;
  /** Trials drawn from the prior before the estimators take over. */
  startup: number;
  higherIsBetter: boolean;
  /** Candidates drawn from l(x) per axis (Optuna: 24). */
  candidates?: number;
  /** Weight of the prior component in every estimator (Optuna: 1). */
  priorWeight?: number;
}

/** Optuna's γ: the good set holds ⌈0.1 n⌉ of n ranked trials, at most 25. */
export function goodCount(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/**
 * Trials best first: complete ones by value; then pruned ones, those stopped later first,
 * then by value; then failed ones. Ties keep the finishing order. (Optuna ranks pruned trials
 * the same way and leaves failed ones out; here a divergence counts as evidence against its
 * region, so failed trials join the bad set.)
 */
export function rankTrials(trials: readonly FinishedTrial[], higherIsBetter: boolean): number[] {
  const sign = higherIsBetter ? -1 : 1;
  const tier = (o: TrialOutcome) => (o.kind === 'complete' ? 0 : o.kind === 'pruned' ? 1 : 2);
  const value = (o: TrialOutcome) => (o.kind === 'failed' || !Number.isFinite(o.value) ? Infinity : sign * o.value);
  return trials.map((_, i) => i).sort((a, b) => {
    const oa = trials[a].outcome;
    const ob = trials[b].outcome;
    if (tier(oa) !== tier(ob)) return tier(oa) - tier(ob);
    if (oa.kind === 'pruned' && ob.kind === 'pruned' && oa.step !== ob.step) return ob.step - oa.step;
    return value(oa) - value(ob) || a - b;
  });
}

/**
 * 32-bit seed of trial `index` under search seed `seed` (the splitmix32 finaliser), so trial
 * k's draws do not depend on how many draws earlier proposals made.
 */
export function trialSeed(seed: number, index: number): number {
  let z = ((seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32) >>> 0, 0x27d4eb2d) ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * The parameters of trial `index` (0-based): prior draws while index < startup or while no
 * finished trial has a value; otherwise TPE over `finished` (in the order they finished).
 */
export function proposeTrial(domains: readonly Domain[], finished: readonly FinishedTrial[], index: number, options: TpeOptions): number[] {
  const rng = createRng(trialSeed(options.seed, index));
  const usable = finished.some((t) => t.outcome.kind !== 'failed');
  if (index < options.startup || !usable) return domains.map((domain) => samplePrior(domain, rng));

  const ranked = rankTrials(finished, options.higherIsBetter);
  const nGood = goodCount(finished.length);
  // Estimators weight observations oldest first, so each set keeps the finishing order.
  const inGood = new Set(ranked.slice(0, nGood));
  const good = finished.filter((_, i) => inGood.has(i));
  const bad = finished.filter((_, i) => !inGood.has(i));
  return domains.map((domain, axis) => proposeAxis(domain, good.map((t) => t.params[axis]), bad.map((t) => t.params[axis]), rng, options));
}

function proposeAxis(domain: Domain, good: number[], bad: number[], rng: Rng, options: TpeOptions): number {
  const l = estimatorFor(domain, good, options.priorWeight);
  const g = estimatorFor(domain, bad, options.priorWeight);
  let best = Number.NaN;
  let bestScore = -Infinity;
  for (let i = 0; i < (options.candidates ?? 24); i++) {
    const x = l.sample(rng);
    const score = l.logPdf(x) - g.logPdf(x);
    if (score > bestScore || Number.isNaN(best)) {
      best = x;
      bestScore = score;
    }
  }
  return best;
}
