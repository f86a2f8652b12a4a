// `sweeplab train`'s result table: a preset's reference figures beside the run's own, with
// the difference in points; plain accuracy, cost and loss without a preset.
import { describe, expect, it } from 'vitest';
import { renderFinal } from '../../src/cli/train-summary.ts';

describe('train summary', () => {
  const metrics = (accuracy: number) => ({ cost: 1.5, loss: 1.25, accuracy });
  const final = { train: metrics(0.6), val: metrics(0.52), test: metrics(0.53125) };

  it('shows the reference accuracy and the difference in points, "-" where the report gives none', () => {
    const table = renderFinal(final, { test: 52.46 });
    expect(table).toMatch(/│ train │\s+60\.00% │\s+- │\s+- │\s+1\.5000 │\s+1\.2500 │/);
    // 53.13 shown, so the difference is 53.13 − 52.46 = +0.67 (not +0.665 rounded).
    expect(table).toMatch(/│ test\s+│\s+53\.13% │\s+52\.46% │\s+\+0\.67 │/);
  });

  it('has no reference columns without a preset', () => {
    const table = renderFinal(final, undefined);
    expect(table).not.toContain('reference');
    expect(table).toMatch(/│ val\s+│\s+52\.00% │\s+1\.5000 │\s+1\.2500 │/);
  });
});
