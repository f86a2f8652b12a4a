// The sentences of the replication report (provenance, section intros, the overfit verdict, the
// wall time), shared by the Markdown summary, the HTML report and the app's Replication view so
// the three say the same thing. Pure strings from the report model; no markup.
import { duration } from '../number-text.ts';
import { fmtPct } from './format.ts';
import type { ReplicationReport } from './model.ts';

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
