// The number formats shared by the CLI and the app (src/shared/number-text.ts).
import { describe, expect, it } from 'vitest';
import { count, percent, percentOrDash } from '../../src/shared/number-text.ts';

describe('count', () => {
  it('separates thousands with commas', () => {
    expect(count(0)).toBe('0');
    expect(count(999)).toBe('999');
    expect(count(1000)).toBe('1,000');
    expect(count(10000)).toBe('10,000');
    expect(count(1234567)).toBe('1,234,567');
    expect(count(-45000)).toBe('-45,000');
  });

  it('reads as en-US writes whole numbers', () => {
    for (const n of [1, 12, 123, 1234, 12345, 123456, 1234567, 12345678, 123456789, 1_000_000_000, 2 ** 31, Number.MAX_SAFE_INTEGER, -7, -1234]) {
      expect(count(n)).toBe(n.toLocaleString('en-US'));
    }
  });
});

describe('percent', () => {
  it('writes a fraction as a percentage, two decimals unless told', () => {
    expect(percent(0.52457)).toBe('52.46%');
    expect(percent(1)).toBe('100.00%');
    expect(percent(0.52457, 1)).toBe('52.5%');
  });

  it('writes a dash where there is no figure', () => {
    expect([null, undefined, Number.NaN].map((v) => percentOrDash(v))).toEqual(['–', '–', '–']);
    expect(percentOrDash(0.25)).toBe('25.00%');
    expect(percentOrDash(0.25, 1)).toBe('25.0%');
  });
});
