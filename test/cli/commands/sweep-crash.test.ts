// Crash safety with a real SIGKILL: `sweeplab sweep` is killed while its second run is
// mid-way; `sweeplab resume` then finishes the sweep. Finished runs stay as they were, the
// interrupted run continues from its last checkpoint, and every run ends bit for bit as in an
// uninterrupted sweep.
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { RunStore } from '../../../src/main/store/run-store.ts';
import { FIXTURE_DATA_DIR } from '../../helpers/fixture-data.ts';
import { withHome } from '../../helpers/engine-fixture.ts';
import { runCli, startCli } from '../../helpers/run-cli.ts';
import { readStore, sweepFile } from '../../helpers/sweep-cli.ts';

const data = ['--data', FIXTURE_DATA_DIR];
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function results(store: RunStore) {
  return store.listRuns().map((run) => ({
    label: run.label, status: run.status, final: run.final, curves: store.getCurves(run.id),
    weights: sha256(store.getWeights(run.id)?.params ?? new Uint8Array()), running: sha256(store.getWeights(run.id)?.running ?? new Uint8Array()),
  }));
}

describe('a sweep killed with SIGKILL', () => {
  it('keeps finished runs and resumes the interrupted one to exactly the uninterrupted result', async () => {
    const file = sweepFile(150);
    await withHome(async (root) => {
      const reference = `${root}/reference`, crashed = `${root}/crashed`;
      const whole = await runCli(['sweep', file, '--workers', '2', '--home', reference, ...data]);
      expect(whole.code, whole.stderr).toBe(0);
      const expected = readStore(reference, results);
      expect(expected.map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);

      const cli = startCli(['sweep', file, '--workers', '1', '--home', crashed, ...data]);
      let killedAt: { finished: { id: number; finishedAt: string | null }[]; running: number; checkpoint: number } | undefined;
      const deadline = Date.now() + 150_000;
      while (!killedAt && Date.now() < deadline) {
        await sleep(25);
        killedAt = tryReadStore(crashed, (store) => {
          const done = store.listRuns({ status: 'completed' });
          const running = store.listRuns({ status: 'running' })[0];
          const checkpoint = running && store.getCheckpoint(running.id);
          return done.length >= 1 && running && checkpoint && checkpoint.step >= 100
            ? { finished: done.map((r) => ({ id: r.id, finishedAt: r.finishedAt })), running: running.id, checkpoint: checkpoint.step }
            : undefined;
        });
      }
      cli.child.kill('SIGKILL');
      const killed = await cli.result;
      expect(killed.code, killed.stderr).toBe(null);
      expect(killedAt, `the sweep should have been caught mid-way; its stderr:\n${killed.stderr}`).toBeDefined();
      expect(readStore(crashed, (s) => s.getRun(killedAt!.running)?.status)).toBe('running');

      const resume = await runCli(['resume', '--workers', '2', '--home', crashed, ...data]);
      expect(resume.code, resume.stderr).toBe(0);
      expect(resume.stderr).toMatch(/interrupted; they continue from their last checkpoints/);
      readStore(crashed, (store) => {
        for (const before of killedAt!.finished) {
          expect(store.getRun(before.id)).toMatchObject({ status: 'completed', finishedAt: before.finishedAt, attempts: 1 });
        }
        const resumed = store.getRun(killedAt!.running)!;
        expect(resumed.attempts).toBe(2);
        expect(resumed.resumedFromStep).toBeGreaterThanOrEqual(killedAt!.checkpoint);
        expect(results(store)).toEqual(expected);
      });
    });
  }, 300_000);
});

/** The store may not exist yet while the child starts up. */
function tryReadStore<T>(home: string, read: (store: RunStore) => T): T | undefined {
  try {
    return readStore(home, read);
  } catch {
    return undefined;
  }
}
