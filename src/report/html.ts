// The replication report as one self-contained HTML file (report.html): inline CSS, every chart
// rendered to inline SVG by ECharts' server-side renderer, no script and nothing fetched, so it
// opens offline anywhere. Same sections, tables and sentences as the Markdown summary.
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { CURVE_METRICS, lambdaChartOption, runCurveOption } from '../shared/replicate/charts.ts';
import { fmtLambda, fmtPct, REPORT_HEADINGS, STAGE_LABEL } from '../shared/replicate/format.ts';
import { gradcheckIntro, lambdaIntro, overfitText, provenanceLines, sigmaIntro, timingText } from '../shared/replicate/sentences.ts';
import type { ReplicationReport } from '../shared/replicate/model.ts';
import { summaryLines } from '../shared/replicate/summary.ts';
import { checkGrid, lambdaGrid, referenceLambdaGrid, resultGrid, runsGrid, sigmaGrid, stagesGrid } from '../shared/replicate/tables.ts';
import type { Grid } from '../shared/replicate/tables.ts';
import { duration } from '../shared/number-text.ts';

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function svgChart(option: EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function htmlTable(grid: Grid): string {
  const cell = (tag: 'th' | 'td', text: string, i: number) => `<${tag}${grid.align[i] === 'r' ? ' class="r"' : ''}>${esc(text)}</${tag}>`;
  const rowClass = (row: string[]) => (row.some((c) => c.startsWith('FAIL')) || row.at(-1) === 'no' ? ' class="bad"' : '');
  return `<table><thead><tr>${grid.head.map((h, i) => cell('th', h, i)).join('')}</tr></thead><tbody>${
    grid.rows.map((row) => `<tr${rowClass(row)}>${row.map((c, i) => cell('td', c, i)).join('')}</tr>`).join('')}</tbody></table>`;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1180px;padding:0 16px;color:#222}
h1{font-size:24px}h2{font-size:19px;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0 12px;font-variant-numeric:tabular-nums}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:left}th{background:#f4f4f4}.r{text-align:right}
tr.bad td{background:#fff1ef}.meta{color:#555}.note{color:#555;font-size:13px}
.runs{display:grid;grid-template-columns:repeat(3,1fr);gap:4px}.run h3{font-size:14px;margin:18px 0 2px}
svg{max-width:100%;height:auto}`;

export function renderHtml(report: ReplicationReport): string {
  const out: string[] = [];
  const section = (id: string, title: string) => out.push(`<h2 id="${id}">${esc(title)}</h2>`);
  const p = (text: string, cls = '') => out.push(`<p${cls ? ` class="${cls}"` : ''}>${esc(text)}</p>`);
  const title = `Replication of the reference study${report.comparable ? '' : ' (--quick smoke run)'}`;
  out.push(`<h1>${esc(title)}</h1>`, `<ul class="meta">${provenanceLines(report).map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`);

  section('summary', REPORT_HEADINGS.summary);
  out.push(`<ul>${summaryLines(report).map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`);

  if (report.presets) {
    section('presets', REPORT_HEADINGS.presets);
    p('Final accuracies in percent; Δ = ours − reference in points (test accuracy is the figure to match).', 'note');
    out.push(htmlTable(resultGrid(report.presets, report.comparable)));
    for (const row of report.presets.filter((r) => r.caveat)) p(`${row.id}: ${row.caveat}`, 'note');
  }

  if (report.gradchecks) {
    section('gradcheck', REPORT_HEADINGS.gradcheck);
    p(gradcheckIntro(report), 'note');
    out.push(report.gradchecks.rows.length ? htmlTable(checkGrid(report.gradchecks)) : '<p>No check has finished yet.</p>');
  }

  if (report.overfit) {
    section('overfit', REPORT_HEADINGS.overfit);
    p(overfitText(report.overfit));
  }

  if (report.lambda) {
    const l = report.lambda;
    section('lambda', REPORT_HEADINGS.lambda);
    p(`${lambdaIntro(report)} Accuracies in percent.`, 'note');
    out.push(svgChart(lambdaChartOption(l), 720, 360));
    out.push(`<h3>Coarse search (8 λ log-uniform in [1e-5, 1e-1])${l.coarse ? `, sweep #${l.coarse.sweepId}` : ''}</h3>`, l.coarse ? htmlTable(lambdaGrid(l.coarse)) : '<p>not started</p>');
    out.push(`<h3>Fine search (around the coarse top 3)${l.fine ? `, sweep #${l.fine.sweepId}` : ''}</h3>`, l.fine ? htmlTable(lambdaGrid(l.fine)) : '<p>waits for the coarse search</p>');
    p(`Best λ: ${l.best === null ? '–' : fmtLambda(l.best)} (reference: ${l.reference.fineBest}, final val ${l.reference.fineBestVal}%).`);
    out.push('<h3>Best-λ runs (3 cycles with our λ; reference figures are for its λ 0.0041)</h3>', htmlTable(resultGrid(l.bestRuns, report.comparable)));
    out.push('<h3>Reference coarse search (8 λ evenly spaced, not log-uniform)</h3>', htmlTable(referenceLambdaGrid(l)));
  }

  if (report.sigma) {
    const s = report.sigma;
    section('sigma', REPORT_HEADINGS.sigma);
    p(sigmaIntro(report), 'note');
    out.push(htmlTable(sigmaGrid(s)));
    p(`Spread of the cell means over σ: ${fmtPct(s.spread.bn)} points with BN, ${fmtPct(s.spread.noBn)} without.`);
    for (const note of [s.caveat, ...s.notes]) p(`Note: ${note}`, 'note');
  }

  section('curves', REPORT_HEADINGS.curves);
  p('Train (blue) and validation (red) cost, loss and accuracy (%) against the update step, as recorded during each run.', 'note');
  out.push(htmlTable(runsGrid(report)));
  for (const run of report.runs.filter((r) => r.curves.length > 0)) {
    out.push(`<div class="run"><h3>#${run.runId} ${esc(STAGE_LABEL[run.stage])}: ${esc(run.label)} (${esc(run.status)}, ${esc(duration(run.seconds))})</h3><div class="runs">`);
    for (const metric of CURVE_METRICS) out.push(svgChart(runCurveOption(run.curves, metric), 360, 200));
    out.push('</div></div>');
  }

  section('timing', REPORT_HEADINGS.timing);
  p(timingText(report));
  out.push(htmlTable(stagesGrid(report)));

  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head>\n<body>\n${out.join('\n')}\n</body></html>\n`;
}
