// The replication report as plain data, built from what the store holds: per stage its runs
// (config, status, final metrics, curves, compute time), the gradient-check reports and the
// replication's own record. Every figure the Markdown summary, the HTML report and the app's
// Replication view show comes from here; they only format it. Accuracies are in percent and
// differences in percentage points (ours − reference), as EXPERIMENTS.md writes them.
import type { GradCheckReport, GradCheckRule } from '../../core/gradcheck.ts';
import type { RecordPoint } from '../../core/metrics.ts';
import { lambdaTable, sigmaBnTable } from '../sweep/report.ts';
import type { ReportTable, RunResult, Summary } from '../sweep/report.ts';
import { getPreset } from '../presets.ts';
import type { PresetId, ReferenceFigures } from '../presets.ts';
import { sweepPresetList } from '../sweep-presets.ts';
import type { SweepReference } from '../sweep-presets.ts';
import { BEST_LAMBDA_ROWS, bestLambda, gradCheckCommand, OVERFIT_MAX_TRAIN_LOSS, PRESET_ROWS, STAGES, TEST_TOLERANCE_POINTS } from './plan.ts';
import type { GradCheckPlan, SectionId, StageId } from './plan.ts';

/** Where and how a replication was (last) run; each `sweeplab replicate` rewrites it. */
export interface ReplicationInfo {
  command?: string;
  workers?: number;
  dataSource?: string;
  appVersion?: string;
  /** Every section ever asked for (--only adds to it). */
  sections?: SectionId[];
  machine?: { cores: number; cpu: string; memoryGiB: number; platform: string; node: string };
}

export interface ReplicationRun extends RunResult {
  id: number;
  label: string;
  computeSeconds: number;
}

export interface ReplicationInput {
  id: number;
  mode: 'full' | 'quick';
  repeats: number;
  info: ReplicationInfo;
  createdAt: string;
  finishedAt: string | null;
  wallSeconds: number;
  stages: Partial<Record<StageId, { sweepId: number; name: string; runs: ReplicationRun[] }>>;
  checks: Array<{ plan: GradCheckPlan; report: GradCheckReport; seconds: number }>;
  /** Gradient checks still to do (the report lists them as pending). */
  plannedChecks?: number;
}

export interface Accuracies {
  train: number;
  val: number;
  test: number;
}

/** One row of "Results to reproduce" (or a best-λ re-run): reference, ours, difference. */
export interface ResultRow {
  id: PresetId;
  description: string;
  runId: number | null;
  status: string;
  lambda: number;
  reference: ReferenceFigures;
  ours: Accuracies | null;
  /** ours − reference in points; null where either is missing. */
  diff: { train: number | null; val: number | null; test: number } | null;
  /** |test difference| ≤ 1.5 points; null when not finished or not comparable (--quick). */
  withinTolerance: boolean | null;
  caveat: string | null;
  seconds: number;
}

export interface CheckRow {
  key: string;
  command: string;
  layers: number[];
  batchNorm: boolean;
  samples: number;
  passed: boolean;
  tensors: number;
  failing: string[];
  zeroGradient: number;
  maxAbsDiff: number;
  /** Largest norm-wise relative error over the tensors that have one. */
  maxNormRelError: number | null;
  maxEntryRelError: number;
  seconds: number;
}

export interface LambdaSearch {
  sweepId: number;
  name: string;
  table: ReportTable;
  /** (λ, mean final val accuracy in %) per point, λ ascending: the log-λ chart. */
  points: Array<{ lambda: number; val: number }>;
}

export interface SigmaRow {
  sigma: number | 'He';
  noBn: Summary | null;
  bn: Summary | null;
  refNoBn: number | null;
  refBn: number | null;
}

export interface RunCurves {
  runId: number;
  stage: StageId;
  label: string;
  status: string;
  seconds: number;
  final: Accuracies | null;
  curves: RecordPoint[];
}

export interface ReplicationReport {
  id: number;
  mode: 'full' | 'quick';
  /** Full runs are compared with the reference; --quick ones are not. */
  comparable: boolean;
  repeats: number;
  info: ReplicationInfo;
  createdAt: string;
  finishedAt: string | null;
  sections: SectionId[];
  progress: { runs: number; completed: number; running: number; queued: number; failed: number; checks: number; checksPlanned: number };
  presets: ResultRow[] | null;
  gradchecks: { rule: GradCheckRule | null; rows: CheckRow[] } | null;
  overfit: { runId: number | null; status: string; trainLoss: number | null; trainAccuracy: number | null; steps: number | null; maxLoss: number; passed: boolean | null } | null;
  lambda: {
    coarse: LambdaSearch | null;
    fine: LambdaSearch | null;
    best: number | null;
    bestRuns: ResultRow[];
    reference: { coarse: Array<{ lambda: number; finalVal: number; top5Val: number; finalTrain: number }>; fineBest: number; fineBestVal: number };
  } | null;
  sigma: {
    sweepId: number;
    rows: SigmaRow[];
    notes: string[];
    caveat: string;
    /** Largest minus smallest cell mean over σ, in points: BN's insensitivity to σ in one number each. */
    spread: { noBn: number | null; bn: number | null };
  } | null;
  runs: RunCurves[];
  timing: { wallSeconds: number; computeSeconds: number; workers: number | null; checkSeconds: number; stages: Array<{ stage: StageId; runs: number; completed: number; computeSeconds: number }> };
}

const pct = (fraction: number) => 100 * fraction;
const accuracies = (run: RunResult): Accuracies | null => (run.status === 'completed' && run.final
  ? { train: pct(run.final.train.accuracy), val: pct(run.final.val.accuracy), test: pct(run.final.test.accuracy) } : null);

/** EXPERIMENTS.md's fine search: best λ 0.0041, final val 53.26%. */
const FINE_REFERENCE = { fineBest: 0.0041, fineBestVal: 53.26 };

export function buildReplicationReport(input: ReplicationInput): ReplicationReport {
  const comparable = input.mode === 'full';
  const stages = input.stages;
  const sections = input.info.sections ?? [];
  const allRuns = STAGES.flatMap((stage) => (stages[stage]?.runs ?? []).map((run) => ({ stage, run })));
  const count = (status: string) => allRuns.filter(({ run }) => run.status === status).length;
  const has = (section: SectionId) => sections.includes(section);

  const presets = has('presets') ? PRESET_ROWS.map((id) => resultRow(id, stages.presets?.runs.find((r) => r.point.preset === id), comparable)) : null;

  const coarse = stages['lambda-coarse'] && lambdaSearch(stages['lambda-coarse']);
  const fine = stages['lambda-fine'] && lambdaSearch(stages['lambda-fine']);
  const coarseReference = sweepPresetList().find((p) => p.id === 'lambda-coarse')?.reference;
  const lambda = has('lambda') ? {
    coarse: coarse ?? null,
    fine: fine ?? null,
    best: stages['lambda-fine'] ? bestLambda(stages['lambda-fine'].runs) ?? null : null,
    bestRuns: BEST_LAMBDA_ROWS.map((id) => resultRow(id, stages['best-lambda']?.runs.find((r) => r.point.preset === id), comparable)),
    reference: { coarse: coarseReference?.kind === 'lambda' ? coarseReference.rows : [], ...FINE_REFERENCE },
  } : null;

  const overfitRun = stages.overfit?.runs[0];
  const overfit = has('overfit') ? {
    runId: overfitRun?.id ?? null,
    status: overfitRun?.status ?? 'not queued',
    trainLoss: overfitRun?.final?.train.loss ?? null,
    trainAccuracy: overfitRun?.final ? pct(overfitRun.final.train.accuracy) : null,
    steps: overfitRun?.curves.at(-1)?.step ?? null,
    maxLoss: OVERFIT_MAX_TRAIN_LOSS,
    passed: overfitRun?.final ? overfitRun.final.train.loss <= OVERFIT_MAX_TRAIN_LOSS : null,
  } : null;

  const rule = input.checks[0]?.report.rule ?? null;
  const gradchecks = has('gradcheck') ? { rule, rows: input.checks.map(checkRow) } : null;

  return {
    id: input.id, mode: input.mode, comparable, repeats: input.repeats, info: input.info,
    createdAt: input.createdAt, finishedAt: input.finishedAt, sections,
    progress: {
      runs: allRuns.length, completed: count('completed'), running: count('running'), queued: count('queued'),
      failed: allRuns.length - count('completed') - count('running') - count('queued'),
      checks: input.checks.length, checksPlanned: input.checks.length + (input.plannedChecks ?? 0),
    },
    presets, gradchecks, overfit, lambda,
    sigma: has('sigma') && stages.sigma ? sigmaSection(stages.sigma.sweepId, stages.sigma.runs) : null,
    runs: allRuns.map(({ stage, run }) => ({
      runId: run.id, stage, label: run.label, status: run.status, seconds: run.computeSeconds, final: accuracies(run), curves: run.curves,
    })),
    timing: {
      wallSeconds: input.wallSeconds,
      computeSeconds: allRuns.reduce((sum, { run }) => sum + run.computeSeconds, 0),
      workers: input.info.workers ?? null,
      checkSeconds: input.checks.reduce((sum, c) => sum + c.seconds, 0),
      stages: STAGES.filter((stage) => stages[stage]).map((stage) => {
        const runs = stages[stage]!.runs;
        return { stage, runs: runs.length, completed: runs.filter((r) => r.status === 'completed').length, computeSeconds: runs.reduce((s, r) => s + r.computeSeconds, 0) };
      }),
    },
  };
}

function resultRow(id: PresetId, run: ReplicationRun | undefined, comparable: boolean): ResultRow {
  const preset = getPreset(id);
  const reference = preset.reference ?? { test: Number.NaN };
  const ours = run ? accuracies(run) : null;
  const minus = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? null : a - b);
  const diff = ours ? { train: minus(ours.train, reference.train), val: minus(ours.val, reference.val), test: ours.test - reference.test } : null;
  return {
    id, description: preset.description, runId: run?.id ?? null, status: run?.status ?? 'not queued',
    lambda: run?.config.lambda ?? preset.config.lambda, reference, ours, diff,
    withinTolerance: comparable && diff ? Math.abs(diff.test) <= TEST_TOLERANCE_POINTS : null,
    caveat: preset.caveat ?? null, seconds: run?.computeSeconds ?? 0,
  };
}

function lambdaSearch(stage: { sweepId: number; name: string; runs: ReplicationRun[] }): LambdaSearch {
  const table = lambdaTable(stage.runs);
  const points = table.rows.flatMap((row) => {
    const val = row.finalVal as Summary | null;
    return val ? [{ lambda: row.lambda as number, val: pct(val.mean) }] : [];
  });
  return { sweepId: stage.sweepId, name: stage.name, table, points };
}

function checkRow({ plan, report, seconds }: { plan: GradCheckPlan; report: GradCheckReport; seconds: number }): CheckRow {
  const norms = report.tensors.map((t) => t.normRelError).filter((v): v is number => v !== null);
  return {
    key: plan.key, command: gradCheckCommand(plan), layers: report.layers, batchNorm: report.batchNorm, samples: report.samples,
    passed: report.passed, tensors: report.tensors.length,
    failing: report.tensors.filter((t) => !t.passed).map((t) => `${t.tensor}${t.layer}`),
    zeroGradient: report.tensors.filter((t) => t.zeroGradient).length,
    maxAbsDiff: Math.max(...report.tensors.map((t) => t.maxAbsDiff)),
    maxNormRelError: norms.length ? Math.max(...norms) : null,
    // Zero-gradient tensors' entry quotients are rounding noise over rounding noise: left out.
    maxEntryRelError: Math.max(0, ...report.tensors.filter((t) => !t.zeroGradient).map((t) => t.maxEntryRelError)),
    seconds,
  };
}

function sigmaSection(sweepId: number, runs: ReplicationRun[]): NonNullable<ReplicationReport['sigma']> {
  const table = sigmaBnTable(runs);
  const reference = sweepPresetList().find((p) => p.id === 'sigma-sensitivity')?.reference as Extract<SweepReference, { kind: 'sigma-bn' }>;
  const rows: SigmaRow[] = table.rows.map((row) => {
    const ref = reference.rows.find((r) => r.sigma === row.sigma);
    return { sigma: row.sigma as number | 'He', noBn: row.noBn as Summary | null, bn: row.bn as Summary | null, refNoBn: ref?.noBn ?? null, refBn: ref?.bn ?? null };
  });
  const spread = (cells: Array<Summary | null>) => {
    const means = cells.filter((c): c is Summary => c !== null).map((c) => pct(c.mean));
    return means.length > 1 ? Math.max(...means) - Math.min(...means) : null;
  };
  return { sweepId, rows, notes: table.notes, caveat: reference.caveat, spread: { noBn: spread(rows.map((r) => r.noBn)), bn: spread(rows.map((r) => r.bn)) } };
}
