// The replication report as Markdown (summary.md): every table of the HTML report, without the
// charts (the HTML report beside it has them). Pure: the report model in, one string out.
import { fmtLambda, fmtPct, REPORT_HEADINGS } from '../shared/replicate/format.ts';
import type { ReplicationReport } from '../shared/replicate/model.ts';
import { gradcheckIntro, lambdaIntro, overfitText, provenanceLines, sigmaIntro, timingText } from '../shared/replicate/sentences.ts';
import { summaryLines } from '../shared/replicate/summary.ts';
import { checkGrid, lambdaGrid, referenceLambdaGrid, resultGrid, runsGrid, sigmaGrid, stagesGrid } from '../shared/replicate/tables.ts';
import type { Grid } from '../shared/replicate/tables.ts';

export function markdownTable(grid: Grid): string {
  const esc = (cell: string) => cell.replace(/\|/g, '\\|');
  const rule = grid.head.map((_, i) => (grid.align[i] === 'r' ? '---:' : '---'));
  return [grid.head, rule, ...grid.rows].map((r) => `| ${r.map(esc).join(' | ')} |`).join('\n');
}

export function renderMarkdown(report: ReplicationReport): string {
  const out: string[] = [];
  const h2 = (title: string) => out.push('', `## ${title}`, '');
  out.push(`# Replication of the reference study${report.comparable ? '' : ' (--quick smoke run)'}`, '');
  for (const line of provenanceLines(report)) out.push(`- ${line.replace(/^Command: (.*)$/, 'Command: `$1`')}`);

  h2(REPORT_HEADINGS.summary);
  for (const line of summaryLines(report)) out.push(`- ${line}`);

  if (report.presets) {
    h2(REPORT_HEADINGS.presets);
    out.push('Final accuracies in percent; Δ = ours − reference in points (test accuracy is the figure to match).', '');
    out.push(markdownTable(resultGrid(report.presets, report.comparable)));
    const caveats = report.presets.filter((r) => r.caveat);
    if (caveats.length) out.push('', ...caveats.map((r) => `- ${r.id}: ${r.caveat}`));
  }

  if (report.gradchecks) {
    h2(REPORT_HEADINGS.gradcheck);
    out.push(`${gradcheckIntro(report)}`, '');
    out.push(report.gradchecks.rows.length === 0 ? '_No check has finished yet._' : markdownTable(checkGrid(report.gradchecks)));
    out.push('', `Each row is repeated by hand with \`sweeplab gradcheck\`, e.g. \`${report.gradchecks.rows[0]?.command ?? 'sweeplab gradcheck --layers 3072,50,50,10 --bn'}\`.`);
  }

  if (report.overfit) {
    h2(REPORT_HEADINGS.overfit);
    out.push(overfitText(report.overfit));
  }

  if (report.lambda) {
    const l = report.lambda;
    h2(REPORT_HEADINGS.lambda);
    out.push(`${lambdaIntro(report)} Accuracies in percent (mean over seeds where there are several).`, '');
    out.push(`**Coarse search** (8 λ log-uniform in [1e-5, 1e-1])${l.coarse ? `, sweep #${l.coarse.sweepId}` : ''}:`, '');
    out.push(l.coarse ? markdownTable(lambdaGrid(l.coarse)) : '_not started_');
    out.push('', `**Fine search** (refined around the coarse top 3)${l.fine ? `, sweep #${l.fine.sweepId}` : ''}:`, '');
    out.push(l.fine ? markdownTable(lambdaGrid(l.fine)) : '_waits for the coarse search_');
    out.push('', `Best λ: ${l.best === null ? '–' : fmtLambda(l.best)} (reference: ${l.reference.fineBest}, final val ${l.reference.fineBestVal}%).`, '');
    out.push('**Best-λ runs** (3 cycles with our λ; the reference figures are for its λ 0.0041):', '');
    out.push(markdownTable(resultGrid(l.bestRuns, report.comparable)));
    out.push('', '**Reference coarse search** (8 λ evenly spaced, not log-uniform, so only the ends share a λ with ours):', '');
    out.push(markdownTable(referenceLambdaGrid(l)));
  }

  if (report.sigma) {
    const s = report.sigma;
    h2(REPORT_HEADINGS.sigma);
    out.push(sigmaIntro(report), '');
    out.push(markdownTable(sigmaGrid(s)));
    out.push('', `Spread of the cell means over σ: ${fmtPct(s.spread.bn)} points with BN, ${fmtPct(s.spread.noBn)} without.`, '', `Note: ${s.caveat}`, ...s.notes.map((n) => `\nNote: ${n}`));
  }

  h2(REPORT_HEADINGS.curves);
  out.push('The cost, loss and accuracy curves (train vs val) of every run are charted in report.html; final accuracies in percent here.', '');
  out.push(markdownTable(runsGrid(report)));

  h2(REPORT_HEADINGS.timing);
  out.push(timingText(report), '');
  out.push(markdownTable(stagesGrid(report)));
  return `${out.join('\n')}\n`;
}
