// The replication report as Markdown (summary.md): every table of the HTML report, without the
// charts (the HTML report beside it has them). Pure: the report model in, one string out.
import { duration } from '../../shared/number-text.ts';
import { fmtLambda, fmtPct, REPORT_HEADINGS } from './format.ts';
import type { ReplicationReport } from './model.ts';
import { summaryLines } from './summary.ts';
import { checkGrid, lambdaGrid, referenceLambdaGrid, resultGrid, runsGrid, sigmaGrid, stagesGrid } from './tables.ts';
import type { Grid } from './tables.ts';

export function markdownTable(grid: Grid): string {
  const esc = (cell: string) => cell.replace(/\|/g, '\\|');
  const rule = grid.head.map((_, i) => (grid.align[i] === 'r' ? '---:' : '---'));
  return [grid.head, rule, ...grid.rows].map((r) => `| ${r.map(esc).join(' | ')} |`).join('\n');
}

/** The lines under the title: when, what command, which machine, how long. */
export function provenanceLines(report: ReplicationReport): string[] {
  const { info } = report;
  return [
    `Replication #${report.id}, started ${report.createdAt}${report.finishedAt ? `, finished ${report.finishedAt}` : ', not finished'}`,
    ...(info.command ? [`Command: ${info.command}`] : []),
    ...(info.machine ? [`Machine: ${info.machine.cores} cores (${info.machine.cpu}), ${info.machine.memoryGiB} GiB, ${info.machine.platform}, Node ${info.machine.node}`] : []),
    `Workers: ${report.timing.workers ?? '?'}; total wall time ${duration(report.timing.wallSeconds)}`,
    ...(info.dataSource ? [`Data: ${info.dataSource}`] : []),
    ...(info.appVersion ? [`Sweeplab ${info.appVersion}`] : []),
  ];
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

export function gradcheckIntro(report: ReplicationReport): string {
  const rule = report.gradchecks?.rule;
  const base = 'Float64, centered differences (h 1e-5) on 10 real training images, every tensor (W, b, γ, β) of every layer.';
  const e = (v: number) => v.toExponential();
  const reduced = report.gradchecks?.rows.some((r) => r.layers[0] < 3072) ? ' Rows with an input width under 3072 keep only the first features of each image (reduced inputs).' : '';
  return rule ? `${base}${reduced} Pass: every entry |a − n| ≤ ${e(rule.atol)} + ${e(rule.rtol)}·|n| and every tensor ‖a − n‖ / (‖a‖ + ‖n‖) ≤ ${e(rule.normTol)}; a zero gradient (the b of BN layers, which β absorbs) is held to the entry rule only, and left out of the max entry rel. column.` : base + reduced;
}

export function overfitText(o: NonNullable<ReplicationReport['overfit']>): string {
  return `3-layer [50,50] BN on the first 100 images of data_batch_1, λ 0: ${o.status}` +
    (o.trainLoss !== null ? `, final training loss ${o.trainLoss.toFixed(4)} after ${o.steps} updates, training accuracy ${fmtPct(o.trainAccuracy)}%: ${o.passed ? 'passes' : 'FAILS'} (bar: loss ≤ ${o.maxLoss}).` : '.');
}

/** What --quick changed, for the section intros. */
const QUICK_SETUP = ' (--quick: 400 training and 100 validation images, n_s 20)';

export function lambdaIntro(report: ReplicationReport): string {
  return `3-layer [50,50] BN, 45k/5k, 2 cycles of n_s 2250${report.comparable ? '' : QUICK_SETUP}.`;
}

export function sigmaIntro(report: ReplicationReport): string {
  return `3-layer [50,50], every weight from N(0, σ²), λ 0.005, 2 cycles${report.comparable ? '' : QUICK_SETUP}; test accuracy in percent as mean ± std (min–max, n) over ${report.repeats} seed${report.repeats === 1 ? '' : 's'}${report.sigma ? `, sweep #${report.sigma.sweepId}` : ''}.`;
}

export function timingText(report: ReplicationReport): string {
  const t = report.timing;
  return `Total wall time ${duration(t.wallSeconds)} with ${t.workers ?? '?'} worker(s); training time summed over runs ${duration(t.computeSeconds)}; gradient checks ${duration(t.checkSeconds)} (in a thread of their own, beside training).`;
}
