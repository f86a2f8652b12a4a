// How the replication report writes its numbers, shared by the Markdown summary, the HTML
// report and the app's view so the three read the same: percents with two decimals, signed
// differences in points, mean ± std (min–max, n) over seeds, durations, errors.
import { percentSpread } from '../../shared/number-text.ts';
import type { Summary } from '../sweep/report.ts';
import type { StageId } from './plan.ts';

export const fmtPct = (value: number | null | undefined): string => (value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(2));

export function fmtDiff(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const text = Math.abs(value).toFixed(2);
  return `${value < 0 && text !== '0.00' ? '−' : '+'}${text}`;
}

/** A σ cell: "53.40 ± 0.21 (53.1–53.7, n 5)" in percent; one seed shows just its value. */
export function fmtSummary(cell: Summary | null): string {
  if (!cell) return '–';
  if (cell.n === 1) return `${percentSpread(cell)} (n 1)`;
  return `${percentSpread(cell)} (${(100 * cell.min).toFixed(1)}–${(100 * cell.max).toFixed(1)}, n ${cell.n})`;
}


export function fmtLambda(value: number): string {
  const magnitude = Math.abs(value);
  return magnitude !== 0 && magnitude < 1e-3 ? value.toExponential(2) : Number(value.toPrecision(4)).toString();
}


export const STAGE_LABEL: Record<StageId, string> = {
  presets: 'Results to reproduce (six preset runs)',
  overfit: 'Overfit-100 sanity check',
  'lambda-coarse': 'Coarse λ search',
  'lambda-fine': 'Fine λ search',
  'best-lambda': 'Best-λ runs (3 cycles)',
  sigma: 'σ × BN sensitivity',
};

/** The report's sections, in order, with the headings both renderers use (a test checks them). */
export const REPORT_HEADINGS = {
  summary: 'Summary',
  presets: 'Results to reproduce',
  gradcheck: 'Gradient checks',
  overfit: 'Sanity check: overfitting 100 images',
  lambda: 'λ search',
  sigma: 'Sensitivity to initialisation (σ × BN)',
  curves: 'Curves per run',
  timing: 'Wall time',
} as const;
