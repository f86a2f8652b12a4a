// Training threads run at nice BACKGROUND_NICE so the UI gets the CPU first; the thread that
// started them (Electron's main, serve's event loop) keeps its priority. Read from the kernel:
// /proc/self/task/<tid>/stat holds each thread's nice value (field 19).
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE } from '../../../workers/runtime/background-priority.ts';
import { createTrainPool } from '../../../src/main/engine/pool.ts';

/** Nice value of every thread of this process. */
function threadNices(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // the name may hold spaces
    return Number(fields[16]); // field 19 of stat; fields here start at field 3
  });
}

// Threads start at their creator's nice: in a test process already at BACKGROUND_NICE or
// lower priority the workers would be there without the call, and the test could not fail.
const skip = process.platform !== 'linux'
  ? `on ${process.platform} — per-thread nice values are Linux's (and lowering is done there only)`
  : os.getPriority(0) >= BACKGROUND_NICE ? `the tests run at nice ${os.getPriority(0)} already, so new threads start there` : null;
if (skip) console.log(`background-priority: skipped ${skip}`);

describe.runIf(!skip)('training threads run at a lower priority', () => {
  it('lowers each training worker, not the thread that started them', async () => {
    const mainBefore = os.getPriority(0);
    const pool = createTrainPool(2);
    try {
      const deadline = Date.now() + 30_000;
      while (threadNices().filter((n) => n === BACKGROUND_NICE).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(threadNices().filter((n) => n === BACKGROUND_NICE)).toHaveLength(2);
      expect(os.getPriority(0)).toBe(mainBefore);
    } finally {
      await pool.destroy();
    }
  }, 40_000);
});
