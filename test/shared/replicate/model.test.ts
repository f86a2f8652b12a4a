// The replication report model and its Markdown on fake stored results (no training): the
// reference / ours / difference rows and the 1.5-point verdict (none with --quick), the σ × BN
// cells with mean ± std and min–max over seeds and BN's spread, the best λ of the fine search,
// gradient-check rows, and --only parsing. The end-to-end run is test/cli/commands/replicate.test.ts.
import { describe, expect, it } from 'vitest';
import type { GradCheckReport, TensorCheck } from '../../../src/core/gradcheck.ts';
import { DEFAULT_RULE } from '../../../src/core/gradcheck.ts';
import type { SetMetrics } from '../../../src/core/metrics.ts';
import { REPORT_HEADINGS } from '../../../src/shared/replicate/format.ts';
import { renderMarkdown } from '../../../src/report/markdown.ts';
import { buildReplicationReport } from '../../../src/shared/replicate/model.ts';
import type { ReplicationInput, ReplicationRun } from '../../../src/shared/replicate/model.ts';
import { bestLambda, gradCheckPlans, parseSections, PRESET_ROWS, presetConfig, quickConfig, SECTIONS } from '../../../src/shared/replicate/plan.ts';
import { expandSweep } from '../../../src/shared/sweep/expand.ts';
import { getPreset } from '../../../src/shared/presets.ts';
import { getSweepPreset } from '../../../src/shared/sweep-presets.ts';

const set = (accuracy: number, loss = 1): SetMetrics => ({ accuracy, cost: loss, loss });
let nextId = 1;
function run(config: ReplicationRun['config'], point: Record<string, unknown>, test: number, val = test, label = 'run'): ReplicationRun {
  return {
    id: nextId++, label, config, point, status: 'completed', computeSeconds: 10,
    final: { train: set(0.6, 0.9), val: set(val), test: set(test) },
    curves: [{ step: 0, epoch: 0, eta: 1e-5, train: set(0.1, 2.3), val: set(0.1, 2.3) }, { step: 100, epoch: 1, eta: 0.1, train: set(0.6, 0.9), val: set(val) }],
  };
}

function tensor(name: TensorCheck['tensor'], layer: number, passed = true, zeroGradient = false): TensorCheck {
  return { layer, tensor: name, size: 10, maxAbsDiff: passed ? 1e-10 : 1e-3, normRelError: zeroGradient ? null : passed ? 3e-10 : 0.9, maxEntryRelError: zeroGradient ? 1 : 1e-4, failingEntries: passed ? 0 : 10, zeroGradient, passed };
}
const check = (layers: number[], tensors: TensorCheck[]): GradCheckReport => ({ layers, batchNorm: true, samples: 10, h: 1e-5, lambda: 0, rule: DEFAULT_RULE, tensors, passed: tensors.every((t) => t.passed) });

/** Six preset runs whose test accuracy is the reference's plus `offsets` points. */
function presetRuns(offsets: number[]): ReplicationRun[] {
  return PRESET_ROWS.map((id, i) => run(presetConfig(id, false), { preset: id }, (getPreset(id).reference!.test + offsets[i]) / 100, 0.5, id));
}

function sigmaRuns(): ReplicationRun[] {
  const spec = { ...getSweepPreset('sigma-sensitivity'), repeats: 3 };
  // BN cells all about 53%; without BN, σ = 1e-4 stays at chance and σ = 1e-3 splits by seed.
  const noBn: Record<string, number[]> = { 0.1: [0.535, 0.53, 0.54], 0.001: [0.1, 0.5, 0.52], 0.0001: [0.1, 0.1, 0.1] };
  return expandSweep(spec).map((p) => run(p.config, p.point, p.config.network.batchNorm ? 0.53 + 0.001 * p.repeat : noBn[String(p.config.network.init.kind === 'normal' ? p.config.network.init.sigma : 0)][p.repeat]));
}

function input(overrides: Partial<ReplicationInput> = {}): ReplicationInput {
  const fine = [0.001, 0.0041, 0.01].map((lambda, i) => run({ ...presetConfig('ex3-bn-3layer', false), lambda }, { lambda }, 0.53, [0.52, 0.535, 0.53][i]));
  return {
    id: 1, mode: 'full', repeats: 3, createdAt: '2026-11-27T20:00:00Z', finishedAt: null, wallSeconds: 600,
    info: { sections: [...SECTIONS], workers: 2, command: 'sweeplab replicate', machine: { cores: 2, cpu: 'test cpu', memoryGiB: 24, platform: 'Linux', node: '20' } },
    stages: {
      presets: { sweepId: 1, name: 'rep1-presets', runs: presetRuns([0.5, -0.2, 14, 1.4, -1.6, 0]) },
      'lambda-fine': { sweepId: 2, name: 'rep1-lambda-coarse-fine', runs: fine },
      sigma: { sweepId: 3, name: 'rep1-sigma', runs: sigmaRuns() },
    },
    checks: [
      { plan: gradCheckPlans(false)[0], report: check([20, 50, 10], [tensor('W', 1), tensor('b', 1, true, true), tensor('gamma', 1), tensor('beta', 1), tensor('W', 2), tensor('b', 2)]), seconds: 1 },
      { plan: gradCheckPlans(false)[1], report: check([20, 50, 50, 10], [tensor('W', 1, false), tensor('b', 1)]), seconds: 2 },
    ],
    plannedChecks: 3,
    ...overrides,
  };
}

describe('the replication report model', () => {
  it('puts the reference, ours and the difference in points on every preset row, and judges test within 1.5 points', () => {
    const report = buildReplicationReport(input());
    const rows = report.presets!;
    expect(rows.map((r) => r.id)).toEqual([...PRESET_ROWS]);
    expect(rows[0].reference.test).toBe(45.38);
    expect(rows[0].ours!.test).toBeCloseTo(45.88, 10);
    expect(rows[0].diff!.test).toBeCloseTo(0.5, 10);
    expect(rows[0].diff!.val).toBeCloseTo(50 - 44.55, 10);
    expect(rows.map((r) => r.withinTolerance)).toEqual([true, true, false, true, false, true]);
    expect(rows[2].caveat).toMatch(/He-initialised/);
  });

  it('judges nothing in a --quick run', () => {
    const report = buildReplicationReport(input({ mode: 'quick' }));
    expect(report.comparable).toBe(false);
    expect(report.presets!.every((r) => r.withinTolerance === null)).toBe(true);
    expect(renderMarkdown(report)).not.toContain('test within 1.5');
    expect(renderMarkdown(report)).not.toContain('| Δ |');
  });

  it('gives every σ × BN cell mean ± std and min–max over seeds, beside the reference, and the spread over σ', () => {
    const sigma = buildReplicationReport(input()).sigma!;
    expect(sigma.rows.map((r) => r.sigma)).toEqual([0.1, 0.001, 0.0001]);
    const split = sigma.rows[1].noBn!;
    expect(split.n).toBe(3);
    expect(split.min).toBe(0.1);
    expect(split.max).toBe(0.52);
    expect(split.mean).toBeCloseTo((0.1 + 0.5 + 0.52) / 3, 12);
    expect(sigma.rows[1].refNoBn).toBe(51.35);
    expect(sigma.rows[2].refBn).toBe(53.4);
    expect(sigma.spread.bn).toBeCloseTo(0, 10);
    expect(sigma.spread.noBn).toBeCloseTo(100 * (0.535 - 0.1), 10);
  });

  it('takes the best λ from the fine search by mean final val accuracy', () => {
    const report = buildReplicationReport(input());
    expect(report.lambda!.best).toBe(0.0041);
    expect(bestLambda(input().stages['lambda-fine']!.runs)).toBe(0.0041);
    expect(report.lambda!.coarse).toBeNull();
    expect(report.lambda!.bestRuns.map((r) => r.status)).toEqual(['not queued', 'not queued']);
  });

  it('summarises gradient checks per network and leaves zero-gradient tensors out of the entry error', () => {
    const report = buildReplicationReport(input());
    const [ok, bad] = report.gradchecks!.rows;
    expect(ok.passed).toBe(true);
    expect(ok.zeroGradient).toBe(1);
    expect(ok.maxEntryRelError).toBe(1e-4);
    expect(ok.command).toBe('sweeplab gradcheck --layers 20,50,10 --bn --dims 20 --samples 10 --seed 12345');
    expect(bad.failing).toEqual(['W1']);
    expect(report.progress.checks).toBe(2);
    expect(report.progress.checksPlanned).toBe(5);
  });

  it('renders every section in Markdown, and only the sections asked for', () => {
    const markdown = renderMarkdown(buildReplicationReport(input()));
    for (const heading of Object.values(REPORT_HEADINGS)) expect(markdown).toContain(`## ${heading}`);
    expect(markdown).toContain('| ex2.3-9layer | 0.005 | completed | 43.23 | 60.00 | +16.77 | 38.06 | 50.00 | +11.94 | 38.35 | 52.35 | +14.00 | no |');
    expect(markdown).toContain('Test accuracy within 1.5 points of the reference: 4 of 6 rows.');
    expect(markdown).toContain('Gradient checks: 1 of 2 FAIL (20-50-50-10 BN)');
    const only = renderMarkdown(buildReplicationReport(input({ info: { sections: ['sigma'] } })));
    expect(only).toContain(`## ${REPORT_HEADINGS.sigma}`);
    expect(only).not.toContain(`## ${REPORT_HEADINGS.presets}`);
  });
});

describe('what replicate runs', () => {
  it('parses --only and names the valid sections when one is wrong', () => {
    expect(parseSections('sigma, lambda')).toEqual(['lambda', 'sigma']);
    expect(parseSections(undefined)).toEqual([...SECTIONS]);
    expect(() => parseSections('lambda,sigmas')).toThrow('--only: unknown section "sigmas"; valid: presets, gradcheck, overfit, lambda, sigma');
  });

  it('plans BN and no-BN checks of 2-, 3- and 4-layer nets, full 3072-dim inputs except with --quick', () => {
    expect(gradCheckPlans(true).map((p) => p.key)).toEqual(['20-50-10 BN', '20-50-50-10 BN', '20-50-50-50-10 BN', '20-50-10', '20-50-50-10', '20-50-50-50-10']);
    expect(gradCheckPlans(false).filter((p) => p.layers[0] === 3072)).toHaveLength(6);
  });

  it('shrinks data and steps with --quick and leaves the frozen presets alone', () => {
    const quick = quickConfig(getPreset('ex2.2-3layer').config);
    expect(quick.split).toEqual({ kind: 'holdout', validation: 100, trainLimit: 400 });
    expect(quick.schedule.stepSize).toBe(20);
    expect(quickConfig(getPreset('ex2.1-a2').config).split).toEqual({ kind: 'a2', trainLimit: 100 });
    expect(getPreset('ex2.2-3layer').config.schedule.stepSize).toBe(2250);
  });
});
