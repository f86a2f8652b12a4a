// `sweeplab replicate --quick` end to end on the committed CIFAR-10 slice: interrupted with
// Ctrl-C mid-way (exit 130, running runs back in the queue), continued by running it again,
// then run once more with nothing left to do. The report files hold every section, charts as
// inline SVG and nothing fetched; the store holds one lineage of sweeps (fine refined from
// coarse, best-λ runs with the fine search's best λ) and every gradient check.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { REPORT_HEADINGS } from '../../../src/shared/replicate/format.ts';
import { bestLambda, gradCheckPlans, STAGES } from '../../../src/shared/replicate/plan.ts';
import { sweepRuns } from '../../../src/main/replicate/load.ts';
import { ReplicationStore } from '../../../src/main/store/replication-store.ts';
import { FIXTURE_DATA_DIR } from '../../helpers/fixture-data.ts';
import { withHome } from '../../helpers/engine-fixture.ts';
import { runCli, startCli } from '../../helpers/run-cli.ts';
import { readStore } from '../../helpers/sweep-cli.ts';

const RUNS = 6 + 1 + 8 + 8 + 2 + 6 * 2; // presets, overfit, coarse, fine, best λ, σ × BN × 2 seeds

function completedRuns(home: string): number {
  try {
    return readStore(home, (store) => store.listRuns({ status: 'completed' }).length);
  } catch {
    return 0; // not created yet, or busy
  }
}

describe('sweeplab replicate --quick', () => {
  it('stops on Ctrl-C, continues when run again, and writes a report with every section', { timeout: 240_000 }, async () => {
    await withHome(async (home) => {
      const out = path.join(home, 'report');
      const args = ['replicate', '--quick', '--home', home, '--data', FIXTURE_DATA_DIR, '--out', out];

      const first = startCli([...args, '--workers', '1']);
      const deadline = Date.now() + 120_000;
      while (completedRuns(home) < 3 && Date.now() < deadline) await sleep(50);
      first.child.kill('SIGINT');
      const stopped = await first.result;
      expect(stopped.code, stopped.stderr).toBe(130);
      expect(stopped.stderr).toContain('Starting replication #1');
      const done = completedRuns(home);
      expect(done).toBeGreaterThanOrEqual(3);
      expect(done).toBeLessThan(RUNS);

      const second = await runCli(args);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toContain('Continuing replication #1');
      expect(second.stdout).toMatch(/^Finished: 37 of 37 runs completed; 6 of 6 gradient checks done\./);
      expect(second.stdout).toContain('Gradient checks: all 6 pass');

      readStore(home, (store) => {
        const replication = new ReplicationStore(store).latest()!;
        expect(replication.id).toBe(1);
        expect(replication.finishedAt).not.toBeNull();
        expect(Object.keys(replication.sweeps).sort()).toEqual([...STAGES].sort());
        expect(store.listSweeps()).toHaveLength(STAGES.length); // continuing made no second copy of a stage
        expect(store.listRuns().map((r) => r.status)).toEqual(Array(RUNS).fill('completed'));
        expect(store.getSweep(replication.sweeps['lambda-fine']!)!.parentId).toBe(replication.sweeps['lambda-coarse']);
        const best = bestLambda(sweepRuns(store, replication.sweeps['lambda-fine']!));
        expect(store.listRuns({ sweepId: replication.sweeps['best-lambda'] }).map((r) => r.config.lambda)).toEqual([best, best]);
        expect(new ReplicationStore(store).checks(1).map((c) => c.key).sort()).toEqual(gradCheckPlans(true).map((p) => p.key).sort());
      });

      const third = await runCli(args);
      expect(third.code, third.stderr).toBe(0);
      expect(third.stdout).toContain('Finished: 37 of 37 runs completed');
      expect(readStore(home, (store) => store.listRuns().length)).toBe(RUNS);

      const markdown = readFileSync(path.join(out, 'summary.md'), 'utf8');
      const html = readFileSync(path.join(out, 'report.html'), 'utf8');
      for (const heading of Object.values(REPORT_HEADINGS)) {
        expect(markdown).toContain(`\n## ${heading}\n`);
        expect(html).toMatch(new RegExp(`<h2 id="\\w+">${heading.replace(/[()]/g, '\\$&')}</h2>`));
      }
      expect(markdown).toContain('Command: `sweeplab replicate --quick --home <home> --data <data> --out');
      expect(markdown).toContain('\n- Data: <data>\n');
      expect(html).toContain('--home &lt;home&gt; --data &lt;data&gt;');
      for (const text of [markdown, html]) expect(text).not.toContain(home);
      expect(markdown).toMatch(/Machine: \d+ cores/);
      expect(markdown).toMatch(/Workers: 2; total wall time \d/);
      // One λ chart, then cost, loss and accuracy of every run; all inline, nothing to fetch.
      expect(html.match(/<svg /g)).toHaveLength(1 + 3 * RUNS);
      expect(html).not.toMatch(/<script|<link|src="|href="http/);
    });
  });

  it('refuses an unknown --only section before doing anything', async () => {
    await withHome(async (home) => {
      const result = await runCli(['replicate', '--only', 'presets,lamda', '--home', home, '--data', FIXTURE_DATA_DIR]);
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe('sweeplab: --only: unknown section "lamda"; valid: presets, gradcheck, overfit, lambda, sigma');
    });
  });
});
