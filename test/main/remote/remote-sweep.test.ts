// A sweep through Redis against a real redis-server: a coordinator that trains nothing itself
// (`--workers 0`) and two `sweeplab worker` processes end with exactly the bits of the same
// sweep run locally on one thread; a worker with other data refuses the run; a wrong password
// is one clear line. Nothing of a finished sweep stays in Redis but BullMQ's bookkeeping.
import { appendFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, FIXTURE_DATA_DIR, makeTempDir } from '../../helpers/fixture-data.ts';
import { withHome } from '../../helpers/engine-fixture.ts';
import { redisSkipReason, startRedis } from '../../helpers/redis-server.ts';
import type { TestRedis } from '../../helpers/redis-server.ts';
import { lambdaSweep, runDigest, startWorker } from '../../helpers/remote-fixture.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { readStore } from '../../helpers/sweep-cli.ts';

const skip = redisSkipReason();
const data = ['--data', FIXTURE_DATA_DIR];

describe.skipIf(skip !== undefined)('a sweep on remote workers', { timeout: 300_000 }, () => {
  let redis: TestRedis;
  beforeAll(async () => { redis = await startRedis({ password: 'sweep-test-pass' }); });
  afterAll(async () => { await redis?.stop(); });

  it('gives the bits of a local one-thread sweep with two workers and a coordinator that trains nothing', async () => {
    const file = lambdaSweep('six', [0, 0.0001, 0.001, 0.003, 0.01, 0.03], 20);
    await withHome(async (root) => {
      const local = await runCli(['sweep', file, '--workers', '1', '--home', `${root}/local`, ...data]);
      expect(local.code, local.stderr).toBe(0);
      const workers = [startWorker(redis.url, 'left'), startWorker(redis.url, 'right')];
      try {
        await Promise.all(workers.map((w) => w.saw('taking runs from')));
        const remote = await runCli(['sweep', file, '--workers', '0', '--redis', redis.url, '--home', `${root}/remote`, ...data]);
        expect(remote.code, remote.stderr).toBe(0);
        expect(remote.stderr).toMatch(/on remote workers through redis:\/\/127\.0\.0\.1:\d+ only/);
        expect(remote.stderr).not.toContain('sweep-test-pass');
        const expected = readStore(`${root}/local`, runDigest);
        expect(expected.map((r) => r.status)).toEqual(Array(6).fill('completed'));
        expect(readStore(`${root}/remote`, runDigest)).toEqual(expected);
        const ranOn = readStore(`${root}/remote`, (store) => new Set(store.listRuns().map((r) => r.worker)));
        expect([...ranOn].every((w) => /^(left|right)@/.test(w ?? ''))).toBe(true);
        const listed = await runCli(['runs', '--home', `${root}/remote`]);
        expect(listed.stdout).toMatch(/│ worker\s+│/);
        expect(listed.stdout).toMatch(/│ (left|right)@\S+\s+│/);
      } finally {
        const codes = await Promise.all(workers.map((w) => w.stop()));
        expect(codes, workers.map((w) => w.log()).join('\n')).toEqual([0, 0]);
      }
      const client = new Redis(redis.url);
      try {
        const keys = await client.keys('sweeplab:*');
        expect(keys.filter((k) => /:(run-|control:)/.test(k))).toEqual([]); // run jobs, messages and controls all gone
      } finally {
        client.disconnect();
      }
    });
  });

  it('fails a run on a worker whose data differs, naming the file, and trains nothing', async () => {
    const file = lambdaSweep('other-data', [0.001], 20);
    await withHome(async (root) => {
      const copy = await copyFixture(await makeTempDir());
      await appendFile(`${copy}/data_batch_3.bin`, Buffer.from([0]));
      const worker = startWorker(redis.url, 'stale', { data: copy });
      try {
        await worker.saw('taking runs from');
        const remote = await runCli(['sweep', file, '--workers', '0', '--redis', redis.url, '--home', root, ...data]);
        expect(remote.code, remote.stderr).toBe(0);
        const [run] = readStore(root, (store) => store.listRuns());
        expect(run.status).toBe('failed');
        expect(run.error?.message).toMatch(/worker stale@\S+: data_batch_3\.bin differs from the coordinator's data/);
        expect(readStore(root, (store) => store.getCurves(run.id))).toEqual([]);
        expect(worker.log()).toMatch(/refused — worker stale@/);
        expect(worker.log()).not.toMatch(/started at step/);
      } finally {
        await worker.stop();
      }
    });
  });

  it('says in one line that Redis refused a wrong password', async () => {
    const wrong = redis.url.replace('sweep-test-pass', 'not-the-password');
    const worker = await runCli(['worker', '--redis', wrong, ...data]);
    expect(worker.code).toBe(1);
    expect(worker.stderr.trim()).toMatch(/^sweeplab: Redis at redis:\/\/127\.0\.0\.1:\d+ refused the credentials \(WRONGPASS[^\n]*\); check the user and password in --redis$/);
    const coordinator = await runCli(['sweep', lambdaSweep('refused', [0.001], 20), '--workers', '0', '--redis', wrong, '--home', await makeTempDir(), ...data]);
    expect(coordinator.code).toBe(1);
    expect(coordinator.stderr).toMatch(/^sweeplab: Redis at redis:\/\/127\.0\.0\.1:\d+ refused the credentials \(WRONGPASS/m);
  });
});
