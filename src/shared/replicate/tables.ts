// The replication report's tables as grids of formatted cells (head, rows, alignment), built
// once from the report model and drawn by every renderer: Markdown, HTML and the app's view.
import type { Summary } from '../sweep/report.ts';
import { duration, scientific } from '../../shared/number-text.ts';
import { fmtDiff, fmtLambda, fmtPct, fmtSummary, STAGE_LABEL } from './format.ts';
import type { LambdaSearch, ReplicationReport, ResultRow } from './model.ts';

export interface Grid {
  head: string[];
  rows: string[][];
  /** Per column: 'r' for numbers. */
  align: Array<'l' | 'r'>;
}

const pctOf = (cell: unknown) => (cell && typeof cell === 'object' ? 100 * (cell as Summary).mean : null);

/** Reference, ours and the difference (points) for preset rows; Δ and the verdict only when comparable. */
export function resultGrid(rows: readonly ResultRow[], comparable: boolean): Grid {
  const triple = (set: 'train' | 'val' | 'test') => (comparable ? [`ref. ${set}`, 'ours', 'Δ'] : [`ref. ${set}`, 'ours']);
  const cells = (r: ResultRow, set: 'train' | 'val' | 'test') => [fmtPct(r.reference[set]), fmtPct(r.ours?.[set]), ...(comparable ? [fmtDiff(r.diff?.[set])] : [])];
  return {
    head: ['id', 'λ', 'status', ...triple('train'), ...triple('val'), ...triple('test'), ...(comparable ? ['test within 1.5'] : [])],
    rows: rows.map((r) => [
      r.id, fmtLambda(r.lambda), r.status, ...cells(r, 'train'), ...cells(r, 'val'), ...cells(r, 'test'),
      ...(comparable ? [r.withinTolerance === null ? '–' : r.withinTolerance ? 'yes' : 'no'] : []),
    ]),
    align: ['l', 'r', 'l', ...Array<'r'>(comparable ? 9 : 6).fill('r'), ...(comparable ? ['l' as const] : [])],
  };
}

export function lambdaGrid(search: LambdaSearch): Grid {
  return {
    head: ['λ', 'final val', 'mean of top-5 val', 'final train', 'n'],
    rows: search.table.rows.map((row) => [fmtLambda(row.lambda as number), fmtPct(pctOf(row.finalVal)), fmtPct(pctOf(row.top5Val)), fmtPct(pctOf(row.finalTrain)), String(row.n ?? 0)]),
    align: ['r', 'r', 'r', 'r', 'r'],
  };
}

export function referenceLambdaGrid(lambda: NonNullable<ReplicationReport['lambda']>): Grid {
  return {
    head: ['λ', 'final val', 'mean of top-5 val', 'final train'],
    rows: lambda.reference.coarse.map((r) => [String(r.lambda), fmtPct(r.finalVal), fmtPct(r.top5Val), fmtPct(r.finalTrain)]),
    align: ['r', 'r', 'r', 'r'],
  };
}

/** An error of the gradient check; null where the tensor's gradient is all zero. */
function checkError(value: number | null): string {
  return value === null ? 'zero gradient' : scientific(value);
}

export function checkGrid(checks: NonNullable<ReplicationReport['gradchecks']>): Grid {
  return {
    head: ['network', 'BN', 'images', 'result', 'max |a − n|', 'max norm-wise rel.', 'max entry rel. (info)', 'zero-grad tensors', 'time'],
    rows: checks.rows.map((r) => [r.layers.join('-'), r.batchNorm ? 'yes' : 'no', String(r.samples), r.passed ? 'PASS' : `FAIL (${r.failing.join(', ')})`,
      checkError(r.maxAbsDiff), checkError(r.maxNormRelError), checkError(r.maxEntryRelError), String(r.zeroGradient), duration(r.seconds)]),
    align: ['l', 'l', 'r', 'l', 'r', 'r', 'r', 'r', 'r'],
  };
}

export function sigmaGrid(sigma: NonNullable<ReplicationReport['sigma']>): Grid {
  return {
    head: ['σ', 'without BN', 'ref.', 'with BN', 'ref.'],
    rows: sigma.rows.map((r) => [String(r.sigma), fmtSummary(r.noBn), fmtPct(r.refNoBn), fmtSummary(r.bn), fmtPct(r.refBn)]),
    align: ['l', 'r', 'r', 'r', 'r'],
  };
}

export function runsGrid(report: ReplicationReport): Grid {
  return {
    head: ['run', 'stage', 'label', 'status', 'train', 'val', 'test', 'time'],
    rows: report.runs.map((r) => [`#${r.runId}`, r.stage, r.label, r.status, fmtPct(r.final?.train), fmtPct(r.final?.val), fmtPct(r.final?.test), duration(r.seconds)]),
    align: ['l', 'l', 'l', 'l', 'r', 'r', 'r', 'r'],
  };
}

export function stagesGrid(report: ReplicationReport): Grid {
  return {
    head: ['stage', 'runs', 'completed', 'training time (sum)'],
    rows: report.timing.stages.map((s) => [STAGE_LABEL[s.stage], String(s.runs), String(s.completed), duration(s.computeSeconds)]),
    align: ['l', 'r', 'r', 'r'],
  };
}
