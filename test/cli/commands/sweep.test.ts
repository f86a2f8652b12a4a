// The sweep commands end to end through the real `sweeplab` binary on the committed slice:
// sweep (file and preset), runs, show, report, export, refine, resume, cancel, and the
// errors a bad sweep file or a bad store gives.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DATA_DIR } from '../../helpers/fixture-data.ts';
import { withHome } from '../../helpers/engine-fixture.ts';
import { runCli, tempFile } from '../../helpers/run-cli.ts';
import { readStore } from '../../helpers/sweep-cli.ts';

const data = ['--data', FIXTURE_DATA_DIR];

describe('sweeplab sweep and the commands that read its results', () => {
  it('runs the smoke preset, then lists, shows, reports, exports and refines it', async () => {
    await withHome(async (home) => {
      const sweep = await runCli(['sweep', '--preset', 'smoke', '--workers', '2', '--home', home, ...data]);
      expect(sweep.stderr).toContain('Sweep #1 smoke: 4 run(s)');
      expect(sweep.stderr).toMatch(/#1 λ=0: completed \(\d\/4 runs done/); // the plain log: stderr is a pipe
      expect(sweep.stdout).toContain('Sweep #1: 4 completed, 0 diverged, 0 failed, 0 cancelled, 0 pruned, 0 left.');
      expect(sweep.code).toBe(0);

      const runs = await runCli(['runs', '--home', home, '--sort', 'final.val.accuracy', '--json']);
      const listed = JSON.parse(runs.stdout) as { runs: { id: number; status: string; final: { val: { accuracy: number } } }[] };
      expect(listed.runs.map((r) => r.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
      const vals = listed.runs.map((r) => r.final.val.accuracy);
      expect(vals).toEqual([...vals].sort((a, b) => b - a));

      const show = await runCli(['show', '2', '--home', home]);
      expect(show.stdout).toMatch(/Run #2 λ=0.001 \(sweep #1, repeat 1\): completed/);
      expect(show.stdout).toContain('Weights stored: float32, 3072-10-10');

      const report = await runCli(['report', '1', '--home', home]);
      expect(report.stdout).toContain('λ: final and top-5 validation accuracy, final training accuracy');
      expect(report.stdout).toMatch(/│ 0\.1 +│ +\d+\.\d\d% │/);

      const csv = await runCli(['export', '--home', home, '--sweep', '1', '--format', 'csv', '--curves']);
      const lines = csv.stdout.trim().split('\n');
      expect(lines[0]).toBe('run,sweep,label,repeat,step,epoch,eta,train_cost,train_loss,train_acc,val_cost,val_loss,val_acc');
      expect(lines.length).toBe(1 + 4 * 11); // 10 records per cycle + step 0, per run

      const refine = await runCli(['refine', '1', '--top', '2', '--count', '3', '--home', home]);
      expect(refine.stdout).toMatch(/Sweep #2 smoke-fine: 3 run\(s\) queued, refined from #1/);
      expect(readStore(home, (s) => s.getSweep(2)?.parentId)).toBe(1);

      const cancel = await runCli(['cancel', '6', '--home', home]);
      expect(cancel.stdout).toContain('Cancelled run #6: 1 queued run(s) cancelled.');
      const resume = await runCli(['resume', '--home', home, '--workers', '1', ...data]);
      expect(resume.code).toBe(0);
      expect(readStore(home, (s) => s.listRuns({ sweepId: 2 }).map((r) => r.status))).toEqual(['completed', 'cancelled', 'completed']);
    });
  }, 180_000); // nine CLI starts: slow when the two cores are busy

  it('reports a σ × BN sweep with repeats as mean ± std per cell', async () => {
    await withHome(async (home) => {
      const file = tempFile('sigma.yaml', [
        'name: sigma-mini',
        'base: { network: { hidden: [8] }, lambda: 0.005, schedule: { stepSize: 10, cycles: 1 }, batchSize: 20, split: a2 }',
        'axes:',
        '  - { path: network.init.sigma, values: [0.1, 0.001] }',
        '  - { path: network.batchNorm, values: [false, true] }',
        'repeats: 2',
      ].join('\n'));
      expect((await runCli(['sweep', file, '--workers', '2', '--home', home, ...data])).code).toBe(0);
      const report = await runCli(['report', '1', '--home', home]);
      expect(report.stdout).toContain('Test accuracy by initial σ, without and with batch normalization');
      expect(report.stdout).toMatch(/│ 0\.1 +│ +\d+\.\d\d% ± \d+\.\d\d │ +\d+\.\d\d% ± \d+\.\d\d │/);
      expect(report.stdout).toMatch(/│ 0\.001 +│/);
      expect(report.stdout).toContain('Accuracies: mean ± std (percentage points) over the completed repeats.');
    });
  }, 120_000);

  it('rejects a bad sweep file naming the field, and stores nothing', async () => {
    await withHome(async (home) => {
      const file = tempFile('bad.yaml', [
        'name: bad',
        'base: { network: { hidden: [10] }, lambda: 0, schedule: { stepSize: 5, cycles: 1 } }',
        'axes:',
        '  - path: lambda',
        '    uniform: { min: 1, max: 0.1, count: 3 }',
      ].join('\n'));
      const result = await runCli(['sweep', file, '--home', home, ...data]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`sweeplab: ${file}: axes[0].uniform.min: must be <= max (0.1) (got 1)\n`);
      expect(readFileSync(path.join(home, 'sweeplab.db'), { flag: 'a+' }).length).toBe(0);
    });
  });

  it('refuses a corrupted store with one line and leaves it as it was', async () => {
    await withHome(async (home) => {
      const file = path.join(home, 'sweeplab.db');
      writeFileSync(file, 'not a database, just text that happens to be here');
      const result = await runCli(['sweep', '--preset', 'smoke', '--home', home, ...data]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^sweeplab: .*sweeplab\.db: not a readable Sweeplab run store .* left untouched/);
      expect(readFileSync(file, 'utf8')).toBe('not a database, just text that happens to be here');
    });
  });
});
