// The engine gives its thread budget (the worker count the user chose, else every core) to the
// runs running now: a run alone may share its kernel calls over all of it, runs that fill the
// pool get one thread each (the bits do not depend on it: test/workers/runtime/kernel-team.test.ts).
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { Lab } from '../../../src/main/engine/lab.ts';
import { threadBudget, threadsPerRun } from '../../../src/main/engine/pool.ts';
import { RunStore } from '../../../src/main/store/run-store.ts';
import { FIXTURE_SOURCE, runsOf, tinyConfig, withHome } from '../../helpers/engine-fixture.ts';

const PROBE = new URL('../../helpers/threads-probe-worker.ts', import.meta.url);

/** The thread count each of `count` runs was allowed at its start on a pool of `workers` (default: the Lab's). */
async function threadsSeen(count: number, workers?: number): Promise<string[]> {
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
  it('splits the budget evenly, at least one each; the budget is the chosen worker count, else every core', () => {
    expect(threadBudget(undefined)).toBe(os.availableParallelism());
    expect(threadBudget(3)).toBe(3);
    expect(threadsPerRun(8, 1)).toBe(8);
    expect(threadsPerRun(8, 3)).toBe(2);
    expect(threadsPerRun(4, 64)).toBe(1);
  });

  it('gives a run alone every core by default, and runs that fill a chosen pool one thread each', async () => {
    expect(await threadsSeen(1)).toEqual([`threads ${os.availableParallelism()}`]);
    expect(await threadsSeen(2, 2)).toEqual(['threads 1', 'threads 1']);
    expect(await threadsSeen(1, 3)).toEqual(['threads 3']);
  }, 60_000);
});
