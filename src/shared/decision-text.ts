// One sentence for a scheduler's pruning decision, as the Run view and the Queue show it:
// "At step 450 (rung 0), val.accuracy 31.20% was below the threshold 33.10% of 6 runs."
import type { RungDecision } from '../core/search/asha.ts';
import { percentOrDash } from './number-text.ts';

/** A value of the decision's metric: accuracies in percent, costs and losses to 4 decimals. */
export function metricText(d: RungDecision, v: number): string {
  return d.metric.endsWith('accuracy') ? percentOrDash(v) : Number.isFinite(v) ? v.toFixed(4) : String(v);
}

export function pruningText(d: RungDecision): string {
  const value = (v: number) => metricText(d, v);
  const worse = d.metric.endsWith('accuracy') ? 'below' : 'above';
  return `At step ${d.step} (rung ${d.rung}, ${d.rungStep} steps), ${d.metric} ${value(d.value)} was ${worse} the threshold ${value(d.threshold)} ` +
    `set by the ${d.competitors} run${d.competitors === 1 ? '' : 's'} that reached the rung.`;
}
