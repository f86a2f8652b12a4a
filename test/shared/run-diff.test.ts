// Diffs of two runs: only the config fields that differ (nested paths, lists whole, the name
// never), the status when it differs, and metric deltas B − A with missing values as null.
import { describe, expect, it } from 'vitest';
import { parseTrainConfig } from '../../src/shared/config-schema.ts';
import { diffRuns } from '../../src/shared/run-diff.ts';
import type { DiffSide } from '../../src/shared/run-diff.ts';

const config = (over: Record<string, unknown>) => parseTrainConfig({ network: { hidden: [50, 50] }, lambda: 0.005, schedule: { stepSize: 900, cycles: 2 }, ...over }, 'test');
const set = (accuracy: number, cost: number) => ({ accuracy, cost, loss: cost - 0.1 });

describe('diffRuns', () => {
  it('lists the differing fields and the metric deltas side by side', () => {
    const a: DiffSide = { config: config({ name: 'a' }), final: { train: set(0.6, 1.2), val: set(0.5, 1.4), test: set(0.49, 1.45) }, bestVal: { accuracy: 0.52, step: 900 }, status: 'completed', steps: 3600 };
    const b: DiffSide = {
      config: config({ name: 'b', lambda: 0.01, network: { hidden: [50, 30] }, schedule: { stepSize: 900, cycles: 3 } }),
      final: { train: set(0.55, 1.3), val: set(0.53, 1.35), test: set(0.52, 1.4) }, bestVal: { accuracy: 0.54, step: 1800 }, status: 'completed', steps: 5400,
    };
    const diff = diffRuns(a, b);
    expect(diff.fields).toEqual([
      { path: 'network.hidden', a: [50, 50], b: [50, 30] },
      { path: 'lambda', a: 0.005, b: 0.01 },
      { path: 'schedule.cycles', a: 2, b: 3 },
    ]);
    const val = diff.metrics.find((m) => m.metric === 'final.val.accuracy')!;
    expect(val.a).toBe(0.5);
    expect(val.b).toBe(0.53);
    expect(val.delta).toBeCloseTo(0.03, 12);
    expect(diff.metrics.find((m) => m.metric === 'steps')).toEqual({ metric: 'steps', a: 3600, b: 5400, delta: 1800 });
  });

  it('shows a status that differs and a metric only one run has', () => {
    const a: DiffSide = { config: config({}), final: null, bestVal: { accuracy: 0.3, step: 450 }, status: 'pruned' };
    const b: DiffSide = { config: config({}), final: { train: set(0.6, 1), val: set(0.5, 1), test: set(0.5, 1) }, bestVal: { accuracy: 0.5, step: 900 }, status: 'completed' };
    const diff = diffRuns(a, b);
    expect(diff.fields).toEqual([{ path: 'status', a: 'pruned', b: 'completed' }]);
    expect(diff.metrics.find((m) => m.metric === 'final.val.accuracy')).toEqual({ metric: 'final.val.accuracy', a: null, b: 0.5, delta: null });
  });
});
