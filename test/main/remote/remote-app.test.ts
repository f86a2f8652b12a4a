// The app as a coordinator (serve --redis, or a Redis URL in Settings): its queue goes to
// remote workers, this machine lends its threads through the same queue, and the runs say
// which worker (name@host) trains them. A Redis that is not there leaves the app on its pool.
import { describe, expect, it } from 'vitest';
import { LabService } from '../../../src/main/lab-service.ts';
import type { RunSummary } from '../../../src/shared/lab-api.ts';
import { FIXTURE_DATA_DIR } from '../../helpers/fixture-data.ts';
import { withHome } from '../../helpers/engine-fixture.ts';
import { redisSkipReason, startRedis } from '../../helpers/redis-server.ts';

const skip = redisSkipReason();

const spec = {
  name: 'app-remote',
  base: { network: { hidden: [16], batchNorm: true }, lambda: 0, schedule: { stepSize: 20, cycles: 1 }, batchSize: 10, recordsPerCycle: 4, split: 'a2' },
  axes: [{ path: 'lambda', values: [0.001, 0.01] }],
};

describe.skipIf(skip !== undefined)('the app with remote workers', { timeout: 180_000 }, () => {
  it('trains its queue through Redis on its own lent threads and shows the worker of each run', async () => {
    const redis = await startRedis({ password: 'app-pass' });
    try {
      await withHome(async (home) => {
        const service = await LabService.open({ home, data: FIXTURE_DATA_DIR, workers: 1, redis: redis.url });
        try {
          const status = await service.dispatch('getStatus', {});
          expect(status).toMatchObject({ ok: true, value: { redis: { url: `redis://127.0.0.1:${redis.port}`, ok: true, message: null } } });
          expect(await service.dispatch('createSweep', { spec })).toMatchObject({ ok: true });
          const runs = await poll(service);
          expect(runs.map((r) => r.status)).toEqual(['completed', 'completed']);
          expect(runs.every((r) => /^coordinator@/.test(r.worker ?? ''))).toBe(true);
        } finally {
          await service.close();
        }
      });
    } finally {
      await redis.stop();
    }
  });

  it('stays on its own pool, saying why, when the Redis does not answer', async () => {
    await withHome(async (home) => {
      const service = await LabService.open({ home, data: FIXTURE_DATA_DIR, workers: 1, redis: 'redis://127.0.0.1:9' });
      try {
        const status = await service.dispatch('getStatus', {});
        expect(status).toMatchObject({ ok: true, value: { redis: { url: 'redis://127.0.0.1:9', ok: false, message: 'cannot reach Redis at redis://127.0.0.1:9' } } });
        expect(await service.dispatch('updateSettings', { redisUrl: 'redis://10.1.2.3' })).toMatchObject({ ok: false, error: { code: 'bad_config', message: expect.stringMatching(/no password/) } });
      } finally {
        await service.close();
      }
    });
  });
});

async function poll(service: LabService): Promise<RunSummary[]> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const answer = await service.dispatch('listRuns', {});
    const runs = answer.ok ? (answer.value as RunSummary[]) : [];
    if (runs.length === 2 && runs.every((r) => r.status === 'completed')) return runs;
    if (Date.now() > deadline) return runs;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
