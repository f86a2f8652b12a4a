// Rung decisions: stored with their evidence, read back per run and per sweep, the values of
// the other runs of the same sweep at a rung (not those of another sweep), and dropped past a
// step when a run resumes from a checkpoint.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RungDecision } from '../../../src/core/search/asha.ts';
import { DecisionStore } from '../../../src/main/store/decision-store.ts';
import { RunStore } from '../../../src/main/store/run-store.ts';
import { runsOf, tinyConfig, withHome } from '../../helpers/engine-fixture.ts';

const decision = (rung: number, value: number, action: 'continue' | 'prune'): RungDecision => ({
  rung, rungStep: 10 * 3 ** rung, step: 10 * 3 ** rung, metric: 'val.accuracy', value, threshold: 0.3, competitors: 2, action,
});

describe('DecisionStore', () => {
  it('stores decisions with their evidence and serves the rung values of a sweep', async () => {
    await withHome(async (home) => {
      const store = RunStore.open(path.join(home, 'h'), 'test');
      const one = store.createSweep({ name: 'a', spec: {}, runs: runsOf([tinyConfig(), tinyConfig({ seed: 2 }), tinyConfig({ seed: 3 })]) });
      const other = store.createSweep({ name: 'b', spec: {}, runs: runsOf([tinyConfig()]) });
      const [a, b, c] = store.listRuns({ sweepId: one }).map((r) => r.id);
      const [d] = store.listRuns({ sweepId: other }).map((r) => r.id);
      const decisions = new DecisionStore(store);
      decisions.save(a, decision(0, 0.3, 'continue'));
      decisions.save(a, decision(1, 0.4, 'continue'));
      decisions.save(b, decision(0, 0.2, 'prune'));
      decisions.save(d, decision(0, 0.9, 'continue'));
      decisions.save(c, decision(0, Number.NaN, 'prune'));

      expect(decisions.of(a)).toEqual([decision(0, 0.3, 'continue'), decision(1, 0.4, 'continue')]);
      expect(decisions.valuesAt(one, 0, b)).toEqual([0.3, Number.NaN]);
      expect(decisions.pruning(one)).toEqual(new Map([[b, decision(0, 0.2, 'prune')], [c, decision(0, Number.NaN, 'prune')]]));
      expect(decisions.pruning().size).toBe(2);

      decisions.dropAfter(a, 10);
      expect(decisions.of(a).map((x) => x.rung)).toEqual([0]);
      store.close();
    });
  });
});
