// CSV as the CLI's export and the app's tables write it (src/shared/csv.ts), and never with a
// cell a spreadsheet would run as a formula.
import { describe, expect, it } from 'vitest';
import { csvLine, toCsv } from '../../src/shared/csv.ts';

describe('csv', () => {
  it('quotes only fields holding a comma, a quote or a line break, doubling quotes', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere'])).toBe('plain,"a,b","say ""hi""","two\nlines","cr\rhere"');
  });

  it('writes numbers in full and null or undefined as empty fields', () => {
    expect(csvLine([0.1 + 0.2, 1e-7, null, undefined, true])).toBe('0.30000000000000004,1e-7,,,true');
  });

  it('ends every line, the last included, with a newline', () => {
    expect(toCsv([['a', 'b'], [1, 2]])).toBe('a,b\n1,2\n');
    expect(toCsv([['only a header']])).toBe('only a header\n');
  });
});

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
