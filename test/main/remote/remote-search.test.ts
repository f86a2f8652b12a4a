// A TPE search with ASHA early stopping through Redis: the coordinator judges the points the
// remote worker sends, every trial is run, and each run the scheduler pruned is stored as
// pruned (even one that finished before the prune reached its worker), with its decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionStore } from '../../../src/main/store/decision-store.ts';
import { FIXTURE_DATA_DIR } from '../../helpers/fixture-data.ts';
import { withHome } from '../../helpers/engine-fixture.ts';
import { redisSkipReason, startRedis } from '../../helpers/redis-server.ts';
import type { TestRedis } from '../../helpers/redis-server.ts';
import { startWorker } from '../../helpers/remote-fixture.ts';
import { runCli, tempFile } from '../../helpers/run-cli.ts';
import { readStore } from '../../helpers/sweep-cli.ts';

const skip = redisSkipReason();

const searchFile = () => tempFile('search.yaml', [
  'name: tpe-asha',
  'base:',
  '  network: { hidden: [16], batchNorm: true }',
  '  lambda: 0',
  '  schedule: { stepSize: 20, cycles: 1 }',
  '  batchSize: 10',
  '  recordsPerCycle: 8',
  '  split: a2',
  'search: { kind: tpe, trials: 7, startup: 3, seed: 5 }',
  'scheduler: { kind: asha, metric: val.accuracy, minSteps: 5, reduction: 2 }',
  'axes:',
  '  - { path: lambda, logUniform: { min: 1.0e-5, max: 1.0e-1 } }',
  '  - { path: schedule.etaMax, logUniform: { min: 1.0e-2, max: 3.0e-1 } }',
  '  - { path: schedule.stepSize, values: [10, 20] }',
  '',
].join('\n'));

describe.skipIf(skip !== undefined)('a search on remote workers', { timeout: 300_000 }, () => {
  let redis: TestRedis;
  beforeAll(async () => { redis = await startRedis({ password: 'search-test-pass' }); });
  afterAll(async () => { await redis?.stop(); });

  it('runs every trial and stores each pruned run as pruned, with its decision', async () => {
    await withHome(async (home) => {
      const worker = startWorker(redis.url, 'solo');
      try {
        await worker.saw('taking runs from');
        const sweep = await runCli(['sweep', searchFile(), '--workers', '0', '--redis', redis.url, '--home', home, '--data', FIXTURE_DATA_DIR]);
        expect(sweep.code, sweep.stderr).toBe(0);
        expect(sweep.stderr).toContain('a TPE search of 7 trials');
        const { statuses, pruned } = readStore(home, (store) => ({
          statuses: new Map(store.listRuns({ sweepId: 1 }).map((r) => [r.id, r.status])),
          pruned: [...new DecisionStore(store).pruning(1).keys()],
        }));
        expect(statuses.size).toBe(7);
        expect([...statuses.values()].every((s) => ['completed', 'pruned', 'diverged'].includes(s))).toBe(true);
        expect(pruned.length).toBeGreaterThan(0);
        expect([...statuses].filter(([, s]) => s === 'pruned').map(([id]) => id).sort()).toEqual([...pruned].sort());
      } finally {
        expect(await worker.stop(), worker.log()).toBe(0);
      }
    });
  });
});
