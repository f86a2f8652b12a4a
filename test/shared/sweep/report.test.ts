// Report tables and ranking on fake results (no training): metric values, rankRuns order, the
// λ table (final val, mean of the top-5 recorded val accuracies, final train; mean ± std over
// repeats) and the σ × BN table of test accuracy with n.
import { describe, expect, it } from 'vitest';
import type { TrainConfig } from '../../../src/core/config.ts';
import type { RecordPoint, SetMetrics } from '../../../src/core/metrics.ts';
import { expandSweep } from '../../../src/shared/sweep/expand.ts';
import { lambdaTable, metricOf, rankRuns, sigmaBnTable, summarize, sweepReport, topKMean } from '../../../src/shared/sweep/report.ts';
import type { RunResult } from '../../../src/shared/sweep/report.ts';
import { getSweepPreset } from '../../../src/shared/sweep-presets.ts';

const set = (accuracy: number, cost = 1): SetMetrics => ({ accuracy, cost, loss: cost });
const curve = (vals: number[]): RecordPoint[] => vals.map((v, step) => ({ step, epoch: step, eta: 0.01, train: set(v + 0.1), val: set(v) }));

function run(config: TrainConfig, point: Record<string, unknown>, acc: { train: number; val: number; test: number; valCost?: number }, vals: number[] = [acc.val]): RunResult {
  return { config, point, status: 'completed', final: { train: set(acc.train), val: set(acc.val, acc.valCost), test: set(acc.test) }, curves: curve(vals) };
}

const smoke = getSweepPreset('smoke').base;
const withLambda = (lambda: number) => ({ ...smoke, lambda });

describe('metrics and ranking', () => {
  const a = run(smoke, {}, { train: 0.6, val: 0.5, test: 0.45, valCost: 2 }, [0.3, 0.55, 0.5]);
  const b = run(smoke, {}, { train: 0.7, val: 0.52, test: 0.44, valCost: 1.5 }, [0.52]);
  const failed: RunResult = { config: smoke, point: {}, status: 'diverged', curves: curve([0.2, 0.6, Number.NaN]) };

  it('reads each metric; best.val.accuracy is the highest recorded val accuracy', () => {
    expect(['final.val.accuracy', 'final.test.accuracy', 'final.train.accuracy', 'final.val.cost', 'best.val.accuracy'].map((m) => metricOf(a, m as never)))
      .toEqual([0.5, 0.45, 0.6, 2, 0.55]);
    expect(metricOf(failed, 'final.val.accuracy')).toBeUndefined();
    expect(metricOf(failed, 'best.val.accuracy')).toBe(0.6);
  });

  it('ranks accuracies high-first, costs low-first, runs without a value last', () => {
    expect(rankRuns([failed, a, b]).map((r) => [r.run, r.value])).toEqual([[b, 0.52], [a, 0.5], [failed, undefined]]);
    expect(rankRuns([failed, b, a], 'final.test.accuracy').map((r) => r.run)).toEqual([a, b, failed]);
    expect(rankRuns([a, b, failed], 'final.val.cost').map((r) => r.value)).toEqual([1.5, 2, undefined]);
    expect(rankRuns([a, b, failed], 'best.val.accuracy').map((r) => r.run)).toEqual([failed, a, b]);
  });

  it('keeps input order among ties', () => {
    const c = run(smoke, { i: 1 }, { train: 0.6, val: 0.5, test: 0.4 });
    const d = run(smoke, { i: 2 }, { train: 0.6, val: 0.5, test: 0.4 });
    expect(rankRuns([c, d]).map((r) => r.run)).toEqual([c, d]);
    expect(rankRuns([d, c]).map((r) => r.run)).toEqual([d, c]);
  });
});

describe('summaries', () => {
  it('mean and sample std (n − 1), 0 for one value, null for none', () => {
    const s = summarize([0.5, 0.52, 0.54])!;
    expect(s.mean).toBeCloseTo(0.52, 12);
    expect(s.std).toBeCloseTo(0.02, 12);
    expect([s.n, s.min, s.max]).toEqual([3, 0.5, 0.54]);
    expect(summarize([0.3])).toEqual({ mean: 0.3, std: 0, n: 1, min: 0.3, max: 0.3 });
    expect(summarize([])).toBeNull();
  });

  it('top-5 mean: the five highest recorded val accuracies, whatever their order', () => {
    expect(topKMean(curve([0.1, 0.5, 0.2, 0.45, 0.3, 0.4, 0.35]))).toBeCloseTo((0.5 + 0.45 + 0.4 + 0.35 + 0.3) / 5, 12);
    expect(topKMean(curve([0.2, 0.4]))).toBeCloseTo(0.3, 12);
    expect(topKMean([])).toBeUndefined();
  });
});

describe('lambdaTable', () => {
  it('one row per λ, ascending, mean ± std over repeats, top-5 val per run then averaged', () => {
    const results = [
      run(withLambda(0.1), { lambda: 0.1 }, { train: 0.49, val: 0.46, test: 0.45 }, [0.40, 0.42, 0.44, 0.46, 0.41, 0.43]),
      run(withLambda(1e-5), { lambda: 1e-5 }, { train: 0.62, val: 0.52, test: 0.5 }, [0.50, 0.51, 0.52, 0.53, 0.54, 0.1]),
      run(withLambda(1e-5), { lambda: 1e-5 }, { train: 0.60, val: 0.50, test: 0.5 }, [0.50, 0.50, 0.50, 0.50, 0.50]),
      { config: withLambda(1e-5), point: { lambda: 1e-5 }, status: 'failed', curves: [] },
    ];
    const table = lambdaTable(results);
    expect(table.columns.map((c) => c.key)).toEqual(['lambda', 'finalVal', 'top5Val', 'finalTrain', 'n']);
    expect(table.rows.map((row) => [row.lambda, row.n])).toEqual([[1e-5, 2], [0.1, 1]]);
    const [small, large] = table.rows;
    expect(small.finalVal).toMatchObject({ mean: expect.closeTo(0.51, 12), std: expect.closeTo(Math.SQRT2 * 0.01, 12), n: 2 });
    expect(small.top5Val).toMatchObject({ mean: expect.closeTo((0.52 + 0.50) / 2, 12), n: 2 });
    expect(small.finalTrain).toMatchObject({ mean: expect.closeTo(0.61, 12) });
    expect(large.top5Val).toMatchObject({ mean: expect.closeTo((0.46 + 0.44 + 0.43 + 0.42 + 0.41) / 5, 12), std: 0, n: 1 });
    expect(table.notes).toEqual(['1 run not completed (1 failed) left out of the figures']);
  });

  it('adds a column for every other swept field, and a point with nothing finished gets nulls', () => {
    const runs = expandSweep({ ...getSweepPreset('smoke'), axes: [{ path: 'lambda', values: [0, 0.1] }, { path: 'network.hidden', values: [[10], [5, 5]] }] });
    const results: RunResult[] = runs.map((r, i) => (i === 3
      ? { config: r.config, point: r.point, status: 'queued', curves: [] }
      : run(r.config, r.point, { train: 0.5, val: 0.4, test: 0.4 })));
    const table = lambdaTable(results);
    expect(table.columns.map((c) => [c.key, c.kind])).toEqual([['lambda', 'axis'], ['network.hidden', 'axis'], ['finalVal', 'accuracy'], ['top5Val', 'accuracy'], ['finalTrain', 'accuracy'], ['n', 'count']]);
    expect(table.rows.map((row) => [row.lambda, row['network.hidden'], row.n])).toEqual([[0, '[10]', 1], [0, '[5,5]', 1], [0.1, '[10]', 1], [0.1, '[5,5]', 0]]);
    expect(table.rows[3].finalVal).toBeNull();
  });
});

describe('sigmaBnTable', () => {
  const runs = expandSweep(getSweepPreset('sigma-sensitivity'));
  // Test accuracy by (σ, BN, repeat): BN steady; σ = 1e-3 without BN bimodal; 1e-4 without BN at chance.
  const testAcc = (sigma: number, bn: boolean, repeat: number) =>
    bn ? 0.53 + 0.001 * repeat : sigma === 0.1 ? 0.535 : sigma === 0.001 ? (repeat % 2 ? 0.1 : 0.5) : 0.1;
  const results = runs.map((r) => run(r.config, r.point, { train: 0.6, val: 0.5, test: testAcc(r.point['network.init.sigma'] as number, r.config.network.batchNorm, r.repeat) }));

  it('rows σ largest first, columns without / with BN, test accuracy mean ± std and n', () => {
    const table = sigmaBnTable(results);
    expect(table.columns.map((c) => c.label)).toEqual(['σ', 'without BN (test)', 'with BN (test)']);
    expect(table.rows.map((row) => row.sigma)).toEqual([0.1, 0.001, 0.0001]);
    const [big, mid, small] = table.rows;
    expect(big.noBn).toMatchObject({ mean: expect.closeTo(0.535, 12), std: expect.closeTo(0, 12), n: 5 });
    expect(big.bn).toMatchObject({ mean: expect.closeTo(0.532, 12), std: expect.closeTo(Math.sqrt(2.5e-6), 12), n: 5 });
    expect(mid.noBn).toMatchObject({ mean: expect.closeTo((3 * 0.5 + 2 * 0.1) / 5, 12), min: 0.1, max: 0.5, n: 5 });
    expect(small.noBn).toMatchObject({ mean: expect.closeTo(0.1, 12), n: 5 });
    expect(table.notes).toEqual([]);
  });

  it('is the table sweepReport picks for a σ sweep; a λ sweep gets the λ table', () => {
    expect(sweepReport(results).kind).toBe('sigma-bn');
    expect(sweepReport([run(smoke, { lambda: 0 }, { train: 0.5, val: 0.4, test: 0.4 })]).kind).toBe('lambda');
  });

  it('says when a cell pools runs that differ in another swept field, and counts only completed runs', () => {
    const mixed = [
      run(smoke, { 'network.init.sigma': 0.1, lambda: 0 }, { train: 0.5, val: 0.4, test: 0.4 }),
      run(smoke, { 'network.init.sigma': 0.1, lambda: 0.1 }, { train: 0.5, val: 0.4, test: 0.2 }),
      { config: smoke, point: { 'network.init.sigma': 0.1, lambda: 0.1 }, status: 'diverged', curves: [] },
    ];
    const table = sigmaBnTable(mixed);
    expect(table.rows).toEqual([{ sigma: 'He', noBn: null, bn: expect.objectContaining({ mean: expect.closeTo(0.3, 12), n: 2 }) }]);
    expect(table.notes).toEqual(['1 run not completed (1 diverged) left out of the figures', 'cells pool runs that differ in lambda']);
  });
});
