// The engine gives every core to the runs running now: a run alone on the pool may share its
// kernel calls over every core, runs that fill the pool get one thread each (the bits do not
// depend on it: test/workers/runtime/kernel-team.test.ts).
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { Lab } from '../../../src/main/engine/lab.ts';
import { threadsPerRun } from '../../../src/main/engine/pool.ts';
import { RunStore } from '../../../src/main/store/run-store.ts';
import { FIXTURE_SOURCE, runsOf, tinyConfig, withHome } from '../../helpers/engine-fixture.ts';

const PROBE = new URL('../../helpers/threads-probe-worker.ts', import.meta.url);

/** The thread count each of `count` runs was allowed at its start on a pool of `workers`. */
async function threadsSeen(count: number, workers: number): Promise<string[]> {
  return withHome(async (home) => {
    const store = RunStore.open(home, 'test');
    const sweepId = store.createSweep({ name: 'threads', spec: {}, runs: runsOf(Array.from({ length: count }, (_, i) => tinyConfig({ seed: i + 1 }))) });
    const lab = new Lab({ store, data: FIXTURE_SOURCE, workers, workerFile: PROBE });
    try {
      lab.start({ sweepId });
      await lab.whenIdle();
    } finally {
      await lab.close();
    }
    const messages = store.listRuns({ sweepId }).map((r) => r.error?.message ?? '');
    store.close();
    return messages;
  });
}

describe('threads per run', () => {
  it('splits every core (or the pool, if larger) evenly, at least one each', () => {
    const cores = os.availableParallelism();
    expect(threadsPerRun(1, 1)).toBe(cores);
    expect(threadsPerRun(cores + 4, 1)).toBe(cores + 4);
    expect(threadsPerRun(2, 2)).toBe(Math.max(1, Math.floor(Math.max(2, cores) / 2)));
    expect(threadsPerRun(4, 64 * cores)).toBe(1);
  });

  it('gives a run alone every core and runs that fill the pool their share', async () => {
    expect(await threadsSeen(1, 1)).toEqual([`threads ${threadsPerRun(1, 1)}`]);
    expect(await threadsSeen(2, 2)).toEqual(Array(2).fill(`threads ${threadsPerRun(2, 2)}`));
  }, 60_000);
});
