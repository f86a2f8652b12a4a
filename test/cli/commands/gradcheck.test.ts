// `sweeplab gradcheck` run as a user runs it, on the committed CIFAR-10 slice: passing checks
// exit 0 with a row per tensor, --json is one parseable object, a coarse step fails with exit 1.
import { describe, expect, it } from 'vitest';
import type { GradCheckReport } from '../../../src/core/gradcheck.ts';
import { FIXTURE_DATA_DIR } from '../../helpers/fixture-data.ts';
import { runCli } from '../../helpers/run-cli.ts';

const gradcheck = (...args: string[]) => runCli(['gradcheck', ...args, '--data', FIXTURE_DATA_DIR]);

/** Table rows of the human output: "│ layer │ tensor │ … │ PASS │". */
const tableRows = (stdout: string) => stdout.split('\n').filter((line) => /│\s+\d+\s+│/.test(line));

describe('sweeplab gradcheck', () => {
  it('passes on the full 3072-dimensional input with batch norm, one PASS row per tensor', async () => {
    const { code, stdout, stderr } = await gradcheck('--layers', '3072,10,10', '--bn', '--samples', '5');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const rows = tableRows(stdout);
    // Layer 1: W, b, γ, β; layer 2 (output): W, b.
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r.split('│')[2].trim())).toEqual(['W', 'b', 'γ', 'β', 'W', 'b']);
    for (const row of rows) expect(row).toMatch(/│ PASS\s+│$/);
    expect(rows[1]).toContain('zero gradient'); // b of a BN layer: β absorbs it
    expect(stdout).toContain('Rule: every entry |a − n| ≤ 1e-7 + 1e-6·|n|');
    expect(stdout).toContain('PASS: all 6 tensors pass.');
  });

  it('passes on reduced inputs (--dims) for a 3-layer network without batch norm', async () => {
    const { code, stdout } = await gradcheck('--dims', '20', '--layers', '20,10,10,10');
    expect(code).toBe(0);
    expect(tableRows(stdout)).toHaveLength(6);
    expect(stdout).toContain('first 20 features');
  });

  it('prints only the report as one JSON object with --json, every tensor of every layer in it', async () => {
    const { code, stdout } = await gradcheck('--dims', '20', '--layers', '20,10,10,10', '--bn', '--samples', '4', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as GradCheckReport;
    expect(report).toMatchObject({ layers: [20, 10, 10, 10], batchNorm: true, samples: 4, passed: true });
    expect(report.tensors.map((t) => `${t.tensor}${t.layer}`)).toEqual(
      ['W1', 'b1', 'gamma1', 'beta1', 'W2', 'b2', 'gamma2', 'beta2', 'W3', 'b3']);
    expect(report.tensors.filter((t) => t.zeroGradient).map((t) => `${t.tensor}${t.layer}`)).toEqual(['b1', 'b2']);
  });

  it('fails with exit code 1 when the check fails (a step h = 1 is far too coarse)', async () => {
    const { code, stdout } = await gradcheck('--dims', '20', '--layers', '20,10,10', '--h', '1');
    expect(code).toBe(1);
    expect(tableRows(stdout).some((row) => row.includes('FAIL'))).toBe(true);
    expect(stdout).toMatch(/FAIL: \d+ of 4 tensors fail/);
  });

  it('explains an input width that does not match the images, in one line', async () => {
    const { code, stdout, stderr } = await gradcheck('--layers', '20,10,10');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('sweeplab: --layers starts with 20, but an image has 3072 features; add --dims 20 to keep only the first 20\n');
  });
});
