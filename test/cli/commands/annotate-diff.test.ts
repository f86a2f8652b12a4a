// The CLI's notes, tags and diffs on a store seeded directly: note and tag a run and a sweep,
// list and export by tag, refuse a bad tag or a missing run in one line, show a pruned run's
// decision, and diff two runs' configs and metrics.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionStore } from '../../../src/main/store/decision-store.ts';
import { RunStore } from '../../../src/main/store/run-store.ts';
import { makeTempDir } from '../../helpers/fixture-data.ts';
import { runsOf, tinyConfig } from '../../helpers/engine-fixture.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { rm } from 'node:fs/promises';

let home: string;
let sweepId: number;
let ids: number[];

beforeAll(async () => {
  home = path.join(await makeTempDir('sweeplab-annotate-'), 'home');
  const store = RunStore.open(home, 'test');
  sweepId = store.createSweep({ name: 'pair', spec: {}, runs: runsOf([tinyConfig(), tinyConfig({ lambda: 0.01, seed: 2 })]) });
  ids = store.listRuns({ sweepId }).map((r) => r.id);
  const set = (accuracy: number) => ({ accuracy, cost: 1, loss: 0.9 });
  store.db.prepare(`UPDATE runs SET status = 'completed', step = 40, final_json = ?, final_val_acc = 0.3 WHERE id = ?`)
    .run(JSON.stringify({ train: set(0.4), val: set(0.3), test: set(0.31) }), ids[0]);
  store.db.prepare(`UPDATE runs SET status = 'pruned', step = 10 WHERE id = ?`).run(ids[1]);
  new DecisionStore(store).save(ids[1], { rung: 0, rungStep: 10, step: 10, metric: 'val.accuracy', value: 0.12, threshold: 0.2, competitors: 3, action: 'prune' });
  store.close();
});

afterAll(async () => {
  await rm(path.dirname(home), { recursive: true, force: true });
});

// Several CLI starts per test (each a Node process with tsx): on a loaded machine a minute is short.
describe('sweeplab note, tag, runs --tag, show, diff', { timeout: 300_000 }, () => {
  it('notes and tags runs and sweeps, and lists and exports by tag', async () => {
    expect((await runCli(['note', String(ids[0]), 'the baseline', '--home', home])).stdout).toBe(`Noted on run #${ids[0]}.\n`);
    expect((await runCli(['note', String(ids[0]), '--home', home])).stdout).toBe('the baseline\n');
    expect((await runCli(['tag', String(ids[0]), 'baseline', 'keep', '--home', home])).stdout).toBe(`run #${ids[0]} tags: baseline, keep\n`);
    expect((await runCli(['tag', String(ids[0]), 'keep', '--remove', '--home', home])).stdout).toBe(`run #${ids[0]} tags: baseline\n`);
    expect((await runCli(['tag', String(sweepId), 'week-49', '--sweep', '--home', home])).code).toBe(0);

    const listed = JSON.parse((await runCli(['runs', '--tag', 'baseline', '--json', '--home', home])).stdout) as { runs: Array<{ id: number; note: string; tags: string[] }> };
    expect(listed.runs.map((r) => [r.id, r.note, r.tags])).toEqual([[ids[0], 'the baseline', ['baseline']]]);
    const csv = (await runCli(['export', '--format', 'csv', '--tag', 'baseline', '--home', home])).stdout.trim().split('\n');
    expect(csv).toHaveLength(2);
    expect(csv[0].endsWith(',tags,note')).toBe(true);
    expect(csv[1].endsWith(',baseline,the baseline')).toBe(true);
  });

  it('refuses a bad tag and a missing run in one line', async () => {
    const bad = await runCli(['tag', String(ids[0]), 'two words', '--home', home]);
    expect([bad.code, bad.stderr]).toEqual([1, 'sweeplab: tag "two words": must be 1-40 letters, digits, or . _ - : / + (no spaces or commas) (got "two words")\n']);
    const missing = await runCli(['note', '999', 'x', '--home', home]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^sweeplab: no run 999 in .*\n$/);
  });

  it('shows why a run was pruned, and diffs two runs', async () => {
    const shown = (await runCli(['show', String(ids[1]), '--home', home])).stdout;
    expect(shown).toContain(': pruned');
    expect(shown).toContain('Rung 0 (step 10): val.accuracy 12.00% vs threshold 20.00% of 3 runs → pruned');

    const diff = JSON.parse((await runCli(['diff', String(ids[0]), String(ids[1]), '--json', '--home', home])).stdout) as { fields: Array<{ path: string }>; metrics: Array<{ metric: string; delta: number | null }> };
    expect(diff.fields.map((f) => f.path)).toEqual(['status', 'lambda', 'seed']);
    expect(diff.metrics.find((m) => m.metric === 'steps')?.delta).toBe(-30);
    const table = (await runCli(['diff', String(ids[0]), String(ids[1]), '--home', home])).stdout;
    expect(table).toMatch(/lambda\s+│?\s*0\.001\s+│?\s*0\.01/);
  });
});
