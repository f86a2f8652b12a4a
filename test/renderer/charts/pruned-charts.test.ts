// Pruned runs in Compare's charts: dimmed and dashed in the val-curve overlay, and present in
// the parallel coordinates at their best val accuracy, faint and dashed, named as pruned.
import { describe, expect, it } from 'vitest';
import type { RecordPoint } from '../../../src/core/metrics.ts';
import { buildOverlayOption } from '../../../src/renderer/charts/compare.ts';
import { buildParallelOption } from '../../../src/renderer/charts/parallel.ts';
import type { RunSummary } from '../../../src/shared/lab-api.ts';
import { tinyConfig } from '../../helpers/engine-fixture.ts';

const set = (accuracy: number) => ({ cost: 1, loss: 1, accuracy });
const point = (step: number, accuracy: number): RecordPoint => ({ step, epoch: step / 10, eta: 0.01, train: set(accuracy), val: set(accuracy) });
const run = (id: number, lambda: number, status: 'completed' | 'pruned'): RunSummary => ({
  id, sweepId: 1, sweepName: 's', label: `λ=${lambda}`, point: { lambda }, repeat: 0, status, priority: 0, step: 10, totalSteps: 40,
  config: tinyConfig({ lambda }), final: status === 'completed' ? { train: set(0.5), val: set(0.4), test: set(0.39) } : null,
  bestVal: { accuracy: status === 'completed' ? 0.4 : 0.2, step: 10 }, error: null, createdAt: '', finishedAt: null, computeSeconds: 1,
  note: '', tags: [], pruning: null,
});

describe('pruned runs in Compare', () => {
  it('are dimmed and dashed in the overlay', () => {
    const option = buildOverlayOption([
      { name: 'done', curves: [point(0, 0.1), point(10, 0.4)] },
      { name: 'pruned', curves: [point(0, 0.1), point(5, 0.2)], dimmed: true },
    ]);
    const [done, pruned] = option.series as Array<{ lineStyle?: { opacity: number; type: string } }>;
    expect(done.lineStyle).toBeUndefined();
    expect(pruned.lineStyle).toEqual({ opacity: 0.3, type: 'dashed' });
  });

  it('are drawn faint in the parallel coordinates at their best val accuracy', () => {
    const option = buildParallelOption([run(1, 0.001, 'completed'), run(2, 0.01, 'pruned')]);
    const data = (option.series as Array<{ data: Array<{ name: string; value: Array<number | string>; lineStyle?: unknown }> }>)[0].data;
    expect(data.map((d) => d.name)).toEqual(['#1 λ=0.001', '#2 λ=0.01 (pruned)']);
    const valAxis = (option.parallelAxis as Array<{ name: string }>).findIndex((a) => a.name === 'final val (%)');
    expect(data[1].value[valAxis]).toBe(20);
    expect(data[0].lineStyle).toBeUndefined();
    expect(data[1].lineStyle).toEqual({ opacity: 0.15, type: 'dashed' });
  });
});
