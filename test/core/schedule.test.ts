import { describe, expect, it } from 'vitest';
import { cyclicalLr, totalSteps } from '../../src/core/schedule.ts';

describe('triangular cyclical learning rate', () => {
  const spec = { etaMin: 1e-5, etaMax: 1e-1, stepSize: 800, cycles: 3 };
  it('rises from η_min to η_max over n_s steps and falls back over the next n_s', () => {
    expect(cyclicalLr(0, spec)).toBe(1e-5);
    expect(cyclicalLr(400, spec)).toBeCloseTo((1e-5 + 1e-1) / 2, 15);
    expect(cyclicalLr(800, spec)).toBe(1e-1);
    expect(cyclicalLr(1200, spec)).toBeCloseTo((1e-5 + 1e-1) / 2, 15);
    expect(cyclicalLr(1600, spec)).toBe(1e-5);
    expect(cyclicalLr(1601, spec)).toBeCloseTo(1e-5 + (1e-1 - 1e-5) / 800, 15);
  });
  it('repeats every 2·n_s steps and runs cycles·2·n_s steps in all', () => {
    for (const s of [0, 123, 800, 1599]) expect(cyclicalLr(s + 1600, spec)).toBe(cyclicalLr(s, spec));
    expect(totalSteps(spec)).toBe(4800);
  });
});
