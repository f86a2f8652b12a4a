// Runs a replication's gradient checks one after another on a one-thread Piscina pool
// (gradcheck-worker.ts) and hands each report to the caller as it comes. stop() ends the
// thread at once: a check is seconds to a minute of computation with nothing worth saving,
// and the next `sweeplab replicate` runs the checks not yet stored.
import { pathToFileURL } from 'node:url';
import Piscina from 'piscina';
import type { GradCheckReport } from '../../core/gradcheck.ts';
import type { GradCheckPlan } from '../../core/replicate/plan.ts';
import { workerEntry } from '../app-layout.ts';
import type { DataSource } from '../data/source.ts';
import { workerExecArgv } from '../engine/pool.ts';
import type { CheckTask } from './gradcheck-worker.ts';

const WORKER_FILE = workerEntry('gradcheck');

export interface CheckRunner {
  /** Resolves when every check has run (or stop() was called); rejects with a check's error. */
  done: Promise<void>;
  stop(): Promise<void>;
}

export function runGradChecks(
  source: DataSource, plans: readonly GradCheckPlan[],
  onCheck: (check: { plan: GradCheckPlan; report: GradCheckReport; seconds: number }) => void,
): CheckRunner {
  if (plans.length === 0) return { done: Promise.resolve(), stop: async () => {} };
  const execArgv = workerExecArgv(WORKER_FILE);
  const pool = new Piscina<CheckTask, { report: GradCheckReport; seconds: number }>({
    filename: pathToFileURL(WORKER_FILE).href, minThreads: 1, maxThreads: 1, execArgv,
  });
  const abort = new AbortController();
  let stopped = false;
  const run = async () => {
    for (const plan of plans) {
      if (stopped) return;
      const { report, seconds } = await pool.run({ source, plan }, { signal: abort.signal });
      onCheck({ plan, report, seconds });
    }
  };
  const done = run().catch((err: unknown) => {
    if (!stopped) throw err;
  }).finally(() => pool.destroy());
  return {
    done,
    stop: async () => {
      stopped = true;
      abort.abort();
      await done.catch(() => {});
    },
  };
}
