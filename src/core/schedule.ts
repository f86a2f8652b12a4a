// Triangular cyclical learning rate (Smith 2017): η rises linearly from η_min to η_max over
// n_s update steps, falls back over the next n_s, and repeats; one cycle is 2·n_s steps.
import type { CyclicalLrSpec } from './config.ts';

export function cyclicalLr(step: number, spec: CyclicalLrSpec): number {
  const { etaMin, etaMax, stepSize } = spec;
  const phase = step % (2 * stepSize);
  const rising = phase <= stepSize;
  const t = rising ? phase / stepSize : (2 * stepSize - phase) / stepSize;
  return etaMin + t * (etaMax - etaMin);
}

export function totalSteps(spec: CyclicalLrSpec): number {
  return 2 * spec.stepSize * spec.cycles;
}
