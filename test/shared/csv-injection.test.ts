// CSV exports never hand a spreadsheet a formula: text starting with =, +, -, @, tab or CR gets
// a leading apostrophe; numbers (negative ones too) and numeric text stay numbers.
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../src/shared/csv.ts';

describe('csv formula injection', () => {
  it('prefixes text a spreadsheet would run', () => {
    expect(csvLine(['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\tindented', '\rcr', '=1'])).toBe(
      `"'=HYPERLINK(""http://x"",""y"")",'+1+2,'-2+3,'@SUM(A1),'\tindented,"'\rcr",'=1`);
  });

  it('leaves numbers and numeric text as numbers', () => {
    expect(csvLine([-0.5, -1e-7, 3, '-0.5', '+2', '-1e-3', '.5', '12.'])).toBe('-0.5,-1e-7,3,-0.5,+2,-1e-3,.5,12.');
  });

  it('leaves other text alone, a formula character inside it included', () => {
    expect(csvLine(['λ=0.1', 'run 1 - copy', 'a@b', ''])).toBe('λ=0.1,run 1 - copy,a@b,');
  });
});
