// A TPE search with ASHA through the real `sweeplab` binary on the committed slice: every trial
// is run, some are pruned with their decision stored and shown, the update steps saved are
// reported, and the same search run again in another home gives the same trials and results
// (one worker). Plus the shipped example search file.
import { describe, expect, it } from 'vitest';
import { DecisionStore } from '../../../src/main/store/decision-store.ts';
import { loadAnySweepFile } from '../../../src/cli/sweep-file.ts';
import { FIXTURE_DATA_DIR } from '../../helpers/fixture-data.ts';
import { withHome } from '../../helpers/engine-fixture.ts';
import { runCli, startCli } from '../../helpers/run-cli.ts';
import { searchSweepFile } from '../../helpers/search-sweep-file.ts';
import { readStore } from '../../helpers/sweep-cli.ts';


interface Outcome { label: string; status: string; step: number; val: number | undefined; bestStep: number | undefined }

async function runSearch(file: string): Promise<{ outcomes: Outcome[]; pruned: number[]; home: string; stdout: string; report: string; show: string }> {
  return withHome(async (home) => {
    const sweep = await runCli(['sweep', file, '--workers', '1', '--home', home, '--data', FIXTURE_DATA_DIR]);
    expect(sweep.stderr).toContain('Sweep #1 tpe-asha: a TPE search of 7 trials (3 at random first, seed 5), stopped early by ASHA on val.accuracy');
    expect(sweep.code).toBe(0);
    const { outcomes, pruned } = readStore(home, (store) => {
      const runs = store.listRuns({ sweepId: 1 });
      const decisions = new DecisionStore(store).pruning(1);
      return { outcomes: runs.map((r) => ({ label: r.label, status: r.status, step: r.step, val: r.final?.val.accuracy, bestStep: r.bestVal?.step })), pruned: [...decisions.keys()] };
    });
    const report = (await runCli(['report', '1', '--home', home])).stdout;
    const show = pruned.length ? (await runCli(['show', String(pruned[0]), '--home', home])).stdout : '';
    return { outcomes, pruned, home, stdout: sweep.stdout, report, show };
  });
}

// Two searches and a few more CLI starts: on a loaded machine a minute is short.
describe('a TPE search with ASHA', { timeout: 300_000 }, () => {
  it('runs every trial, prunes some with evidence, and repeats exactly', async () => {
    const file = searchSweepFile();
    const first = await runSearch(file);
    expect(first.outcomes).toHaveLength(7);
    expect(first.outcomes.map((o) => o.label.split(' ')[0])).toEqual(['#1', '#2', '#3', '#4', '#5', '#6', '#7']);
    expect(first.outcomes.every((o) => ['completed', 'pruned', 'diverged'].includes(o.status))).toBe(true);
    expect(first.pruned.length).toBeGreaterThan(0);
    for (const id of first.pruned) expect(first.outcomes.find((_, i) => i + 1 === id)?.status).toBe('pruned');
    // A pruned run stopped at its rung: its best point lies at or before it.
    for (const o of first.outcomes.filter((x) => x.status === 'pruned')) expect(o.bestStep).toBeLessThanOrEqual(o.step);
    expect(first.show).toMatch(/: pruned\n/);
    expect(first.show).toMatch(/Rung \d \(step \d+.*\): val\.accuracy [\d.]+% vs threshold [\d.]+% of \d+ runs? → pruned/);
    expect(first.report).toMatch(/Early stopping \(ASHA on val\.accuracy\): \d+ of 7 runs pruned, \d+ update steps saved \(\d+% of the \d+ a full sweep would take\)/);

    const again = await runSearch(file);
    expect(again.outcomes).toEqual(first.outcomes);
  });

  it('continues a search stopped with Ctrl-C to the same trials and results', async () => {
    // Longer runs than above, so that the stop lands in the middle of the search.
    const file = searchSweepFile('[100, 200]');
    const outcomesOf = (home: string) => readStore(home, (store) => store.listRuns({ sweepId: 1 })
      .map((r) => ({ label: r.label, status: r.status, step: r.step, val: r.final?.val.accuracy })));
    const whole = await withHome(async (home) => {
      expect((await runCli(['sweep', file, '--workers', '1', '--home', home, '--data', FIXTURE_DATA_DIR])).code).toBe(0);
      return outcomesOf(home);
    });
    const resumed = await withHome(async (home) => {
      const cli = startCli(['sweep', file, '--workers', '1', '--home', home, '--data', FIXTURE_DATA_DIR]);
      // Stop it once a few trials have ended (the store is readable while the sweep writes).
      const ended = () => { try { return readStore(home, (store) => store.listRuns({ sweepId: 1 }).filter((r) => r.finishedAt).length); } catch { return 0; } };
      while (ended() < 2) await new Promise((resolve) => setTimeout(resolve, 50));
      cli.child.kill('SIGINT');
      const stopped = await cli.result;
      expect(stopped.code, stopped.stderr).toBe(130);
      expect(outcomesOf(home).length).toBeLessThan(7);
      const resume = await runCli(['resume', '--workers', '1', '--home', home, '--data', FIXTURE_DATA_DIR]);
      expect(resume.code).toBe(0);
      return outcomesOf(home);
    });
    expect(resumed).toEqual(whole);
  });

  it('the shipped example search file loads', async () => {
    const spec = await loadAnySweepFile(new URL('../../../resources/examples/lambda-eta-tpe.search.yaml', import.meta.url).pathname);
    expect(spec).toMatchObject({ search: { kind: 'tpe', trials: 24, startup: 8, seed: 1 }, scheduler: { kind: 'asha', minSteps: 450, reduction: 3 } });
  });
});
