// The one mean ± std formula and text, and the one list of run states.
import { describe, expect, it } from 'vitest';
import { meanStd } from '../../src/core/statistics.ts';
import { percentSpread } from '../../src/shared/number-text.ts';
import { isActiveStatus, RUN_STATUSES } from '../../src/shared/run-status.ts';

describe('meanStd', () => {
  it('gives the mean and the sample (n − 1) standard deviation', () => {
    expect(meanStd([0.5, 0.6, 0.7])).toEqual({ mean: (0.5 + 0.6 + 0.7) / 3, std: expect.closeTo(0.1, 12), n: 3 });
    expect(meanStd([0.42])).toEqual({ mean: 0.42, std: 0, n: 1 });
    expect(meanStd([])).toBeNull();
  });
});

describe('percentSpread', () => {
  it('writes mean ± std in percent, or the mean alone for one value', () => {
    expect(percentSpread({ mean: 0.534, std: 0.0021, n: 5 })).toBe('53.40 ± 0.21');
    expect(percentSpread({ mean: 0.534, std: 0.0021, n: 5 }, '%')).toBe('53.40% ± 0.21');
    expect(percentSpread({ mean: 0.534, std: 0, n: 1 })).toBe('53.40');
  });
});

describe('run statuses', () => {
  it('counts queued and running runs as active, every other state as ended', () => {
    expect(RUN_STATUSES.filter(isActiveStatus)).toEqual(['queued', 'running']);
  });
});
