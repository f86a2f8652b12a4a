// The Parzen estimators of TPE: a weighted mixture of normals truncated to an axis's range
// (numbers, on a log scale where asked, integers as the mass of their unit bin) or a weighted
// mixture of smoothed one-hot kernels (categories), each with a prior component. They sample
// and give log densities; which trials feed them, and how candidates are chosen, is tpe.ts's.
// Bandwidths and the prior follow Optuna's univariate estimator (neighbour distances, the
// "magic clip", a prior centred on the range with its width as σ).

import type { Rng } from '../rng.ts';

/** A search axis as the estimators see it; log and integer ranges are inclusive. */
export type Domain =
  | { kind: 'float'; low: number; high: number; log: boolean }
  | { kind: 'int'; low: number; high: number; log: boolean }
  | { kind: 'categorical'; choices: number };

export interface Estimator {
  sample(rng: Rng): number;
  /** log density (numbers) or log probability (integers, categories) of x. */
  logPdf(x: number): number;
}

const SQRT2 = Math.SQRT2;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** erf(x), |error| < 1.2e-7 (Numerical Recipes' erfc Chebyshev fit), enough for ranking candidates. */
export function erf(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - erfc : erfc - 1;
}

const normalCdf = (z: number) => 0.5 * (1 + erf(z / SQRT2));

/** The axis's range in the space the kernels live in: log for log axes, integers widened by ½. */
function internalRange(domain: Exclude<Domain, { kind: 'categorical' }>): [number, number] {
  const [low, high] = domain.kind === 'int' ? [domain.low - 0.5, domain.high + 0.5] : [domain.low, domain.high];
  return domain.log ? [Math.log(low), Math.log(high)] : [low, high];
}

const toInternal = (domain: Exclude<Domain, { kind: 'categorical' }>, x: number) => (domain.log ? Math.log(x) : x);
const fromInternal = (domain: Exclude<Domain, { kind: 'categorical' }>, u: number) => (domain.log ? Math.exp(u) : u);

/** Optuna's observation weights: equal up to 25, then the oldest ramp down from 1 to 1/n. */
export function observationWeights(n: number): number[] {
  if (n < 25) return Array.from({ length: n }, () => 1);
  const ramp = Array.from({ length: n - 25 }, (_, i) => (n - 25 === 1 ? 1 / n : 1 / n + (i * (1 - 1 / n)) / (n - 26)));
  return [...ramp, ...Array.from({ length: 25 }, () => 1)];
}

/** Component weights: the observations' (oldest first), then the prior's, normalised. */
function mixtureWeights(n: number, priorWeight: number): number[] {
  const weights = [...observationWeights(n), priorWeight];
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => w / total);
}

function pickComponent(weights: readonly number[], rng: Rng): number {
  let u = rng.uniform();
  for (let k = 0; k < weights.length - 1; k++) {
    u -= weights[k];
    if (u < 0) return k;
  }
  return weights.length - 1;
}

/**
 * Bandwidths: each observation's σ is the larger distance to its neighbours in sorted order
 * (the range's ends count as neighbours, except that the outermost observations look inward
 * only), clipped to [(high − low) / min(100, 1 + kernels), high − low].
 */
function bandwidths(mus: readonly number[], low: number, high: number): number[] {
  const order = mus.map((_, i) => i).sort((a, b) => mus[a] - mus[b] || a - b);
  const sorted = [low, ...order.map((i) => mus[i]), high];
  const sigmas = new Array<number>(mus.length);
  order.forEach((i, k) => {
    sigmas[i] = Math.max(sorted[k + 1] - sorted[k], sorted[k + 2] - sorted[k + 1]);
  });
  if (mus.length >= 2) {
    sigmas[order[0]] = sorted[2] - sorted[1];
    sigmas[order[order.length - 1]] = sorted[sorted.length - 2] - sorted[sorted.length - 3];
  }
  const width = high - low;
  const minSigma = width / Math.min(100, 1 + mus.length + 1);
  return sigmas.map((s) => Math.min(width, Math.max(minSigma, s)));
}

/** A mixture of truncated normals over a numeric axis, built from observed values. */
export function numericEstimator(domain: Exclude<Domain, { kind: 'categorical' }>, observed: readonly number[], priorWeight = 1): Estimator {
  const [low, high] = internalRange(domain);
  const obs = observed.map((x) => toInternal(domain, x));
  const mus = [...obs, (low + high) / 2];
  const sigmas = [...bandwidths(obs, low, high), high - low];
  const weights = mixtureWeights(obs.length, priorWeight);
  const logNorm = mus.map((mu, k) => Math.log(Math.max(1e-300, normalCdf((high - mu) / sigmas[k]) - normalCdf((low - mu) / sigmas[k]))));

  const sampleInternal = (rng: Rng): number => {
    const k = pickComponent(weights, rng);
    // Rejection from the untruncated normal: μ lies in the range and σ ≥ width/100, so at
    // least a third of the draws land inside; the clamp only guards the pathological tail.
    for (let tries = 0; tries < 64; tries++) {
      const u = mus[k] + sigmas[k] * rng.normal();
      if (u >= low && u <= high) return u;
    }
    return Math.min(high, Math.max(low, mus[k]));
  };

  if (domain.kind === 'float') {
    return {
      sample: (rng) => Math.min(domain.high, Math.max(domain.low, fromInternal(domain, sampleInternal(rng)))),
      logPdf(x) {
        const u = toInternal(domain, x);
        const terms = mus.map((mu, k) => Math.log(weights[k]) - Math.log(sigmas[k]) - LOG_SQRT_2PI - 0.5 * ((u - mu) / sigmas[k]) ** 2 - logNorm[k]);
        // Density in the original space: divide by x on a log axis (dx = x du).
        return logSumExp(terms) - (domain.log ? Math.log(x) : 0);
      },
    };
  }
  return {
    sample: (rng) => Math.min(domain.high, Math.max(domain.low, Math.round(fromInternal(domain, sampleInternal(rng))))),
    logPdf(x) {
      const lo = toInternal(domain, x - 0.5);
      const hi = toInternal(domain, x + 0.5);
      const mass = mus.reduce((sum, mu, k) => sum + (weights[k] * (normalCdf((hi - mu) / sigmas[k]) - normalCdf((lo - mu) / sigmas[k]))) / Math.exp(logNorm[k]), 0);
      return Math.log(Math.max(1e-300, mass));
    },
  };
}

/**
 * Categories by index: each observation contributes a kernel with 1 on its category plus
 * priorWeight / kernels on every category (normalised), and the prior a uniform kernel.
 */
export function categoricalEstimator(choices: number, observed: readonly number[], priorWeight = 1): Estimator {
  const weights = mixtureWeights(observed.length, priorWeight);
  const kernels = observed.length + 1;
  const probabilities = new Array<number>(choices).fill(0);
  observed.forEach((choice, k) => {
    const spread = priorWeight / kernels;
    const total = spread * choices + 1;
    for (let c = 0; c < choices; c++) probabilities[c] += (weights[k] * (spread + (c === choice ? 1 : 0))) / total;
  });
  for (let c = 0; c < choices; c++) probabilities[c] += weights[weights.length - 1] / choices;
  return {
    sample: (rng) => pickComponent(probabilities, rng),
    logPdf: (x) => Math.log(probabilities[x]),
  };
}

export function estimatorFor(domain: Domain, observed: readonly number[], priorWeight = 1): Estimator {
  return domain.kind === 'categorical' ? categoricalEstimator(domain.choices, observed, priorWeight) : numericEstimator(domain, observed, priorWeight);
}

/** A draw from the prior alone: uniform on the axis's (log) scale, or a uniform category. */
export function samplePrior(domain: Domain, rng: Rng): number {
  if (domain.kind === 'categorical') return rng.int(domain.choices);
  const [low, high] = internalRange(domain);
  const x = fromInternal(domain, low + rng.uniform() * (high - low));
  const value = domain.kind === 'int' ? Math.round(x) : x;
  return Math.min(domain.high, Math.max(domain.low, value));
}

function logSumExp(terms: readonly number[]): number {
  const max = Math.max(...terms);
  if (!Number.isFinite(max)) return max;
  return max + Math.log(terms.reduce((s, t) => s + Math.exp(t - max), 0));
}
