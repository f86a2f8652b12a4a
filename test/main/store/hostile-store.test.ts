// A sweeplab.db edited by hand (or left half-written): wrong types in JSON columns, NaN written
// as bare JSON, text in numeric columns, an oversized label, weights that do not fit their
// layers, a truncated checkpoint, a sweep spec that is not JSON. `runs`, `show`, `export` and
// `resume` and the LabService requests skip or refuse each bad row with a message naming it,
// and never crash.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabService } from '../../../src/main/lab-service.ts';
import { RunStore } from '../../../src/main/store/run-store.ts';
import { FIXTURE_DATA_DIR, makeTempDir } from '../../helpers/fixture-data.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { tinyConfig } from '../../helpers/tiny-config.ts';

let home: string;
/** Run ids by what was done to them. */
const RUN = { good: 1, wrongType: 2, bareNaN: 3, textStep: 4, hugeLabel: 5, badWeights: 6, truncatedCheckpoint: 7, badPoint: 8 } as const;

beforeAll(async () => {
  home = await makeTempDir('sweeplab-hostile-store-');
  const store = RunStore.open(home, 'test');
  const config = tinyConfig();
  const runs = Object.keys(RUN).map((label, index) => ({ index, label, point: {}, repeat: 0, config }));
  store.createSweep({ name: 'hostile', spec: { name: 'hostile' }, runs });
  store.createSweep({ name: 'broken spec', spec: {}, runs: [] });
  const sql = (text: string, ...params: unknown[]) => store.db.prepare(text).run(...params);
  const final = JSON.stringify({ train: { cost: 1, loss: 1, accuracy: 0.5 }, val: { cost: 1, loss: 1, accuracy: 0.4 }, test: { cost: 1, loss: 1, accuracy: 0.3 } });
  sql("UPDATE runs SET status = 'completed', final_json = ?, step = 20 WHERE id IN (1, 6, 8)", final);
  sql('INSERT INTO metric_points (run_id, step, epoch, eta, val_acc) VALUES (1, 0, 0, 0.1, 0.1), (8, 0, 0, 0.1, 0.2), (8, 10, ?, 0.1, ?)', 'one', 'high');
  sql('UPDATE runs SET config_json = ? WHERE id = ?', JSON.stringify({ ...config, network: 5 }), RUN.wrongType);
  sql("UPDATE runs SET status = 'completed', final_json = ? WHERE id = ?", final.replace('0.4', 'NaN'), RUN.bareNaN);
  sql('UPDATE runs SET step = ? WHERE id = ?', 'many', RUN.textStep);
  sql('UPDATE runs SET label = ? WHERE id = ?', 'x'.repeat(2 << 20), RUN.hugeLabel);
  sql("INSERT INTO weights (run_id, precision, layers_json, params, running) VALUES (?, 'float32', '[3072, 16, 10]', ?, ?)", RUN.badWeights, Buffer.alloc(100), Buffer.alloc(128));
  sql("INSERT INTO checkpoints (run_id, step, state, created_at) VALUES (?, 10, ?, 'now')", RUN.truncatedCheckpoint, Buffer.from([0x53, 0x4c, 0x43, 0x4b, 200, 0, 0, 0, 123]));
  sql("UPDATE sweeps SET spec_json = '{not json' WHERE id = 2");
  store.close();
});
afterAll(() => rm(home, { recursive: true, force: true }));

const skipped = (id: number) => new RegExp(`sweeplab: run ${id} cannot be read from the run store \\(.+\\); it is left out`);

describe('a hostile store through the CLI', () => {
  it('runs: lists the readable runs and names each one left out', async () => {
    const result = await runCli(['runs', '--home', home, '--json']);
    expect(result.code).toBe(0);
    const ids = (JSON.parse(result.stdout) as { runs: Array<{ id: number }> }).runs.map((r) => r.id);
    expect(ids).toEqual([RUN.good, RUN.badWeights, RUN.truncatedCheckpoint, RUN.badPoint]);
    expect(result.stderr).toMatch(skipped(RUN.wrongType));
    expect(result.stderr).toContain('run 2 cannot be read from the run store (config_json.network:');
    expect(result.stderr).toContain('run 3 cannot be read from the run store (final_json: not JSON)');
    expect(result.stderr).toContain('run 4 cannot be read from the run store (step:');
    expect(result.stderr).toContain('run 5 cannot be read from the run store (label:');
    expect(result.stderr).not.toMatch(/unexpected error|at .*\.ts:\d+/);
    const sorted = await runCli(['runs', '--home', home, '--sort', 'lambda']);
    expect(sorted.code).toBe(0);
  });

  it('show: refuses a bad run in one line, shows a good one, and a run whose weights do not fit', async () => {
    const bad = await runCli(['show', String(RUN.wrongType), '--home', home]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(skipped(RUN.wrongType));
    expect((await runCli(['show', String(RUN.good), '--home', home])).code).toBe(0);
    const weights = await runCli(['show', String(RUN.badWeights), '--home', home]);
    expect(weights.stderr).toContain(`the weights of run ${RUN.badWeights} cannot be read from the run store (228 bytes do not fit layers [3072,16,10] in float32)`);
    expect(weights.stderr).not.toMatch(/unexpected error/);
  });

  it('export: the readable runs as CSV, the bad ones named on stderr, bad points left out', async () => {
    const csv = await runCli(['export', '--home', home, '--format', 'csv', '--curves']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.trim().split('\n').length).toBe(3); // header, run 1's point, run 8's good point
    expect(csv.stderr).toContain(`a recorded point of run ${RUN.badPoint} cannot be read from the run store (step 10: step, epoch and eta must be numbers)`);
    expect(csv.stderr).toMatch(skipped(RUN.bareNaN));
  });

  it('resume: a truncated checkpoint fails its run with the reason; nothing crashes', async () => {
    const result = await runCli(['resume', '--home', home, '--data', FIXTURE_DATA_DIR, '--workers', '1']);
    expect(result.stderr).not.toMatch(/unexpected error/);
    const runs = await runCli(['runs', '--home', home, '--json']);
    const byId = new Map((JSON.parse(runs.stdout) as { runs: Array<{ id: number; status: string; error: { message: string } | null }> }).runs.map((r) => [r.id, r]));
    expect(byId.get(RUN.truncatedCheckpoint)).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('checkpoint:') } });
  }, 120_000);
});

describe('a hostile store through the LabService', () => {
  let service: LabService;
  beforeAll(async () => {
    service = await LabService.open({ home, data: `${home}/no-data`, workers: 1 });
  });
  afterAll(() => service?.close());

  it('lists what it can read and refuses the rest as data', async () => {
    const list = await service.dispatch('listRuns', {});
    expect(list.ok && (list.value as Array<{ id: number }>).map((r) => r.id)).toEqual([RUN.good, RUN.badWeights, RUN.truncatedCheckpoint, RUN.badPoint]);
    expect(await service.dispatch('getRun', { id: RUN.bareNaN })).toMatchObject({ ok: false, error: { code: 'bad_data', message: expect.stringMatching(/^run 3 cannot be read/) } });
    expect(await service.dispatch('getRun', { id: RUN.good })).toMatchObject({ ok: true });
    const sweeps = await service.dispatch('listSweeps', {});
    expect(sweeps.ok && (sweeps.value as Array<{ id: number }>).map((s) => s.id)).toEqual([1]);
    expect(await service.dispatch('getSweepReport', { id: 2 })).toMatchObject({ ok: false, error: { code: 'bad_data', message: expect.stringMatching(/^sweep 2 cannot be read .*spec_json: not JSON/) } });
    expect(await service.dispatch('getSweepReport', { id: 1 })).toMatchObject({ ok: true });
    expect(await service.dispatch('getRunMetricsAt', { step: 20 })).toMatchObject({ ok: true });
    const confusion = await service.dispatch('getRunConfusion', { id: RUN.badWeights });
    expect(confusion).toMatchObject({ ok: false });
    expect(confusion.ok ? '' : confusion.error.code).not.toBe('internal');
  });
});
