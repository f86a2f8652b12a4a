// What happens to a remote sweep when something dies, against a real redis-server: a worker
// killed with SIGKILL (another takes its run within 30 s and continues from its checkpoint),
// the coordinator killed and resumed, and Redis restarted empty. Each time the sweep ends with
// exactly the bits of an uninterrupted local sweep, and no finished run is lost or run twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DATA_DIR } from '../../helpers/fixture-data.ts';
import { withHome } from '../../helpers/engine-fixture.ts';
import { redisSkipReason, startRedis } from '../../helpers/redis-server.ts';
import type { TestRedis } from '../../helpers/redis-server.ts';
import { lambdaSweep, runDigest, startWorker, waitFor } from '../../helpers/remote-fixture.ts';
import type { WorkerProcess } from '../../helpers/remote-fixture.ts';
import { runCli, startCli } from '../../helpers/run-cli.ts';
import { readStore } from '../../helpers/sweep-cli.ts';

const skip = redisSkipReason();
/** A checkpoint every interval, not every 10 s: these runs take a few seconds. */
const FREQUENT_CHECKPOINTS = { extra: ['--checkpoint-every', '0'] };
const data = ['--data', FIXTURE_DATA_DIR];

/** The local, uninterrupted result of `file`. */
async function reference(file: string, home: string) {
  const local = await runCli(['sweep', file, '--workers', '1', '--home', home, ...data]);
  expect(local.code, local.stderr).toBe(0);
  return readStore(home, runDigest);
}

/** Waits until a run is mid-way on a worker with a stored checkpoint; returns it. */
function midway(home: string, before = 450) {
  return waitFor('a run mid-way with a checkpoint', () => readStore(home, (store) => {
    const run = store.listRuns({ status: 'running' }).find((r) => r.worker !== null && r.step < before);
    const checkpoint = run && store.getCheckpoint(run.id);
    return run && checkpoint && checkpoint.step >= 100 ? { id: run.id, worker: run.worker!, checkpoint: checkpoint.step } : undefined;
  }), 120_000);
}

/**
 * Starts a coordinator with --workers 0 on `workers` (named one and two) and waits until one
 * of them holds the sweep's run mid-way (before step `before`).
 */
async function sweepOnTwo(workers: WorkerProcess[], file: string, home: string, before: number) {
  await Promise.all(workers.map((w) => w.saw('taking runs from')));
  const coordinator = startCli(['sweep', file, '--workers', '0', '--redis', workers[0].redisUrl, '--home', home, ...data]);
  const held = await midway(home, before);
  const [holder, other] = held.worker.startsWith('one@') ? workers : [workers[1], workers[0]];
  return { coordinator, held, holder, other };
}

describe.skipIf(skip !== undefined)('a remote sweep when something dies', { timeout: 300_000 }, () => {
  let redis: TestRedis;
  beforeAll(async () => { redis = await startRedis(); });
  afterAll(async () => { await redis?.stop(); });

  it('moves the run of a worker killed with SIGKILL to another within 30 s, which finishes it identically', async () => {
    const file = lambdaSweep('killed-worker', [0.001], 300);
    await withHome(async (root) => {
      const expected = await reference(file, `${root}/local`);
      const workers = [startWorker(redis.url, 'one', FREQUENT_CHECKPOINTS), startWorker(redis.url, 'two', FREQUENT_CHECKPOINTS)];
      try {
        const { coordinator, held, holder: victim, other: survivor } = await sweepOnTwo(workers, file, `${root}/remote`, 900);
        victim.child.kill('SIGKILL');
        await survivor.saw(/started at step [1-9]\d* of 1200/, 30_000);
        const done = await coordinator.result;
        expect(done.code, done.stderr).toBe(0);
        expect(readStore(`${root}/remote`, runDigest)).toEqual(expected);
        expect(readStore(`${root}/remote`, (store) => store.getRun(held.id)?.worker)).toMatch(survivor === workers[0] ? /^one@/ : /^two@/);
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
      }
    });
  });

  it('hands a run back when its worker is stopped with Ctrl-C; another continues it from the checkpoint', async () => {
    const file = lambdaSweep('interrupted-worker', [0.001], 300); // long enough not to end before Ctrl-C lands
    await withHome(async (root) => {
      const expected = await reference(file, `${root}/local`);
      const workers = [startWorker(redis.url, 'one', FREQUENT_CHECKPOINTS), startWorker(redis.url, 'two', FREQUENT_CHECKPOINTS)];
      try {
        const { coordinator, holder: stopped, other: survivor } = await sweepOnTwo(workers, file, `${root}/remote`, 600);
        expect(await stopped.stop(), stopped.log()).toBe(0);
        expect(stopped.log()).toMatch(/checkpointed, back in the queue/);
        await survivor.saw(/started at step [1-9]\d* of 1200/, 30_000);
        const done = await coordinator.result;
        expect(done.code, done.stderr).toBe(0);
        expect(readStore(`${root}/remote`, runDigest)).toEqual(expected);
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
      }
    });
  });

  it('continues after the coordinator is killed: resume --redis loses and repeats no finished run', async () => {
    const file = lambdaSweep('killed-coordinator', [0.0001, 0.001, 0.01], 150);
    await withHome(async (root) => {
      const expected = await reference(file, `${root}/local`);
      const worker = startWorker(redis.url, 'steady', FREQUENT_CHECKPOINTS);
      try {
        await worker.saw('taking runs from');
        const home = `${root}/remote`;
        const coordinator = startCli(['sweep', file, '--workers', '0', '--redis', redis.url, '--home', home, ...data]);
        const finished = await waitFor('a finished run and one mid-way', () => readStore(home, (store) => {
          const done = store.listRuns({ status: 'completed' });
          const running = store.listRuns({ status: 'running' }).find((r) => r.worker !== null && store.getCheckpoint(r.id));
          return done.length >= 1 && running ? done.map((r) => ({ id: r.id, finishedAt: r.finishedAt })) : undefined;
        }), 120_000);
        coordinator.child.kill('SIGKILL');
        await coordinator.result;
        const resumed = await runCli(['resume', '--workers', '0', '--redis', redis.url, '--home', home, ...data]);
        expect(resumed.code, resumed.stderr).toBe(0);
        expect(readStore(home, runDigest)).toEqual(expected);
        readStore(home, (store) => {
          for (const before of finished) expect(store.getRun(before.id)).toMatchObject({ status: 'completed', finishedAt: before.finishedAt, attempts: 1 });
        });
      } finally {
        await worker.stop();
      }
    });
  });

  it('publishes the unfinished run again from the store when Redis restarts empty', async () => {
    const file = lambdaSweep('lost-redis', [0.001], 300);
    await withHome(async (root) => {
      const expected = await reference(file, `${root}/local`);
      // The worker dies with Redis, so only the store still knows the run: nothing else can bring it back.
      const first = startWorker(redis.url, 'first', FREQUENT_CHECKPOINTS);
      let second: ReturnType<typeof startWorker> | undefined;
      try {
        await first.saw('taking runs from');
        const home = `${root}/remote`;
        const coordinator = startCli(['sweep', file, '--workers', '0', '--redis', redis.url, '--home', home, ...data]);
        const held = await midway(home, 900);
        first.child.kill('SIGKILL');
        await redis.restartEmpty();
        second = startWorker(redis.url, 'second', FREQUENT_CHECKPOINTS);
        const done = await coordinator.result;
        expect(done.code, done.stderr).toBe(0);
        const from = /run 1: Redis lost its job; publishing it again from step (\d+)/.exec(done.stderr)?.[1];
        expect(Number(from), done.stderr).toBeGreaterThanOrEqual(held.checkpoint);
        expect(second.log()).toContain(`started at step ${from} of 1200`);
        expect(readStore(home, runDigest)).toEqual(expected);
      } finally {
        await first.stop();
        await second?.stop();
      }
    });
  });
});
