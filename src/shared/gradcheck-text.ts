// How a gradient-check report reads, in the CLI's table and in the app's panel alike: one row
// of cells per tensor, the pass rule of EXPERIMENTS.md in words, and the verdict. Text only;
// the check itself is src/core/gradcheck.ts.
import type { GradCheckReport, GradCheckRule, TensorCheck } from '../core/gradcheck.ts';
import { count, scientific, setting } from './number-text.ts';

export const TENSOR_LABELS: Record<TensorCheck['tensor'], string> = { W: 'W', b: 'b', gamma: 'γ', beta: 'β' };

/** Column titles of `tensorCells`, in order. */
export const GRADCHECK_COLUMNS = ['layer', 'tensor', 'size', 'max |a−n|', 'norm-wise rel. error', 'max entry rel. error (info)', 'failing entries', 'result'] as const;

export function tensorCells(t: TensorCheck): string[] {
  return [
    String(t.layer),
    TENSOR_LABELS[t.tensor],
    count(t.size),
    scientific(t.maxAbsDiff),
    t.normRelError === null ? 'zero gradient' : scientific(t.normRelError),
    scientific(t.maxEntryRelError),
    count(t.failingEntries),
    t.passed ? 'PASS' : 'FAIL',
  ];
}

export function describeRule(rule: GradCheckRule): string {
  return `Rule: every entry |a − n| ≤ ${setting(rule.atol)} + ${setting(rule.rtol)}·|n|, and every tensor ‖a − n‖ / max(1e-12, ‖a‖ + ‖n‖) ≤ ${setting(rule.normTol)};\n` +
    `a zero gradient (RMS of a and n both < ${setting(rule.zeroRms)}) is held to the entry rule only. Max entry rel. error is for information.`;
}

export function verdict(report: GradCheckReport): string {
  const failed = report.tensors.filter((t) => !t.passed).map((t) => `${TENSOR_LABELS[t.tensor]}${t.layer}`);
  return failed.length === 0
    ? `PASS: all ${report.tensors.length} tensors pass.`
    : `FAIL: ${failed.length} of ${report.tensors.length} tensors fail (${failed.join(', ')}).`;
}
