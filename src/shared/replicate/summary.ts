// The few sentences at the top of a replication report: how far it got and, for a full run,
// whether it met the study's bars (test accuracy within 1.5 points, every gradient check
// passing, BN insensitive to σ). Plain strings, shared by the Markdown, HTML and app views.
import { duration } from '../../shared/number-text.ts';
import { fmtDiff, fmtLambda, fmtPct } from './format.ts';
import type { ReplicationReport, ResultRow } from './model.ts';
import { TEST_TOLERANCE_POINTS } from './plan.ts';

export function summaryLines(report: ReplicationReport): string[] {
  const lines: string[] = [];
  const { progress } = report;
  const done = progress.completed + progress.failed === progress.runs && progress.checks >= progress.checksPlanned;
  lines.push(`${done ? 'Finished' : 'In progress'}: ${progress.completed} of ${progress.runs} runs completed` +
    `${progress.failed ? `, ${progress.failed} failed, diverged or cancelled` : ''}` +
    `${progress.running ? `, ${progress.running} running` : ''}${progress.queued ? `, ${progress.queued} queued` : ''}; ` +
    `${progress.checks} of ${progress.checksPlanned} gradient checks done.`);
  if (!report.comparable) {
    lines.push('This is a --quick smoke run (a sliver of the data, a few dozen updates per run): its numbers show that every stage runs, and are not compared with the reference.');
  }
  const rows = [...(report.presets ?? []).map((row) => ({ row, tag: '' })), ...(report.lambda?.bestRuns ?? []).map((row) => ({ row, tag: ' (our λ)' }))];
  const judged = rows.filter(({ row }) => row.withinTolerance !== null);
  if (report.comparable && judged.length) {
    const off = judged.filter(({ row }) => !row.withinTolerance);
    const why = (row: ResultRow) => (row.caveat ? ' — a row EXPERIMENTS.md says correct code does not reproduce' : '');
    lines.push(`Test accuracy within ${TEST_TOLERANCE_POINTS} points of the reference: ${judged.length - off.length} of ${judged.length} rows.` +
      (off.length ? ` Outside: ${off.map(({ row, tag }) => `${row.id}${tag} ${fmtDiff(row.diff?.test)}${why(row)}`).join('; ')}.` : ''));
  }
  if (report.gradchecks?.rows.length) {
    const failed = report.gradchecks.rows.filter((r) => !r.passed);
    lines.push(failed.length === 0
      ? `Gradient checks: all ${report.gradchecks.rows.length} pass (every tensor W, b, γ, β of every layer).`
      : `Gradient checks: ${failed.length} of ${report.gradchecks.rows.length} FAIL (${failed.map((r) => r.key).join(', ')}).`);
  }
  if (report.overfit?.passed !== null && report.overfit?.passed !== undefined) {
    lines.push(`Overfit-100: final training loss ${report.overfit.trainLoss?.toFixed(4)} (${report.overfit.passed ? 'passes' : 'FAILS'} the ≤ ${report.overfit.maxLoss} bar), training accuracy ${fmtPct(report.overfit.trainAccuracy)}%.`);
  }
  if (report.lambda?.best !== null && report.lambda?.best !== undefined) {
    lines.push(`Best λ of the fine search: ${fmtLambda(report.lambda.best)} (the reference found ${report.lambda.reference.fineBest}).`);
  }
  const spread = report.sigma?.spread;
  if (spread && (spread.bn !== null || spread.noBn !== null)) {
    lines.push(`σ sensitivity: across σ ∈ {1e-1, 1e-3, 1e-4} mean test accuracy moves by ${fmtPct(spread.bn)} points with BN and by ${fmtPct(spread.noBn)} points without.`);
  }
  lines.push(`Wall time ${duration(report.timing.wallSeconds)} on ${report.timing.workers ?? '?'} worker(s); ${duration(report.timing.computeSeconds)} of training summed over runs.`);
  return lines;
}
