// The at-step query behind the Compare table's "val acc @ step N" columns: for every run (or
// the ones asked for), its last recorded point at or before step N or epoch N, in one query.
import { describe, expect, it } from 'vitest';
import type { RecordPoint } from '../../../src/core/metrics.ts';
import { RunStore } from '../../../src/main/store/run-store.ts';
import { runsOf, tinyConfig, withHome } from '../../helpers/engine-fixture.ts';

/** A point whose val accuracy encodes its run and step, so a wrong row shows at once. */
const point = (run: number, step: number): RecordPoint => ({
  step, epoch: step / 40, eta: 0.01, train: { cost: 1, loss: 1, accuracy: 0.5 }, val: { cost: 2, loss: 2, accuracy: run / 10 + step / 10_000 },
});

describe('RunStore.pointsAt', () => {
  it('answers the last point at or before step N (or epoch N) of each run, leaving out runs with none', async () => {
    await withHome(async (home) => {
      const store = RunStore.open(home, 'test');
      store.createSweep({ name: 's', spec: {}, runs: runsOf([1, 2, 3].map((seed) => tinyConfig({ seed }))) });
      for (const step of [0, 100, 200, 300]) store.addPoint(1, point(1, step));
      for (const step of [0, 100, 200]) store.addPoint(2, point(2, step)); // run 3 has no points yet

      const at150 = store.pointsAt({ step: 150 });
      expect(at150.map((r) => [r.runId, r.point.step])).toEqual([[1, 100], [2, 100]]);
      expect(at150.map((r) => r.point)).toEqual([point(1, 100), point(2, 100)]); // whole points, not a mix of rows

      expect(store.pointsAt({ step: 1000 }).map((r) => [r.runId, r.point.step])).toEqual([[1, 300], [2, 200]]);
      expect(store.pointsAt({ step: 200 }, [2, 3]).map((r) => [r.runId, r.point.step])).toEqual([[2, 200]]);
      // Epoch 5 = step 200 here (epoch = step / 40); epoch 2.5 = step 100.
      expect(store.pointsAt({ epoch: 5 }).map((r) => [r.runId, r.point.step])).toEqual([[1, 200], [2, 200]]);
      expect(store.pointsAt({ epoch: 2.5 }, [1]).map((r) => r.point.step)).toEqual([100]);
      store.close();
    });
  });
});
