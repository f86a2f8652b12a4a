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
import { runCli } from '../../helpers/run-cli.ts';
import { searchSweepFile } from '../../helpers/search-sweep-file.ts';
import { readStore } from '../../helpers/sweep-cli.ts';

const skip = redisSkipReason();


describe.skipIf(skip !== undefined)('a search on remote workers', { timeout: 300_000 }, () => {
  let redis: TestRedis;
  beforeAll(async () => { redis = await startRedis({ password: 'search-test-pass' }); });
  afterAll(async () => { await redis?.stop(); });

  it('runs every trial and stores each pruned run as pruned, with its decision', async () => {
    await withHome(async (home) => {
      const worker = startWorker(redis.url, 'solo');
      try {
        await worker.saw('taking runs from');
        const sweep = await runCli(['sweep', searchSweepFile(), '--workers', '0', '--redis', redis.url, '--home', home, '--data', FIXTURE_DATA_DIR]);
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
