// Ending runs as pruned: status, step, weights kept, checkpoint gone, and the best validation
// accuracy taken from each run's own points, also when several runs are pruned in a row.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../../src/main/store/run-store.ts';
import { SearchStore } from '../../../src/main/store/search-store.ts';
import { runsOf, tinyConfig, withHome } from '../../helpers/engine-fixture.ts';

const point = (step: number, accuracy: number) => {
  const set = { cost: 1, loss: 1, accuracy };
  return { step, epoch: step / 10, eta: 0.01, train: set, val: set };
};
// A 4-2 linear classifier in float32: W (2, 4) and b (2), 40 bytes, no BN statistics.
const params = Uint8Array.from({ length: 40 }, (_, i) => i);
const weights = { precision: 'float32' as const, layers: [4, 2], params, running: new Uint8Array() };

describe('SearchStore.prune', () => {
  it('keeps each pruned run\'s own best, its weights, and drops its checkpoint', async () => {
    await withHome(async (home) => {
      const store = RunStore.open(path.join(home, 'h'), 'test');
      const sweepId = store.createSweep({ name: 's', spec: {}, runs: runsOf([tinyConfig(), tinyConfig({ seed: 2 }), tinyConfig({ seed: 3 })]) });
      const [a, b, c] = store.listRuns({ sweepId }).map((r) => r.id);
      const search = new SearchStore(store);
      for (const [id, accuracies] of [[a, [0.1, 0.3]], [b, [0.1, 0.2]], [c, [0.4, 0.5]]] as const) {
        accuracies.forEach((acc, i) => store.addPoint(id, point(5 * i, acc)));
      }
      store.saveCheckpoint(a, 5, new Uint8Array([9]));
      search.prune(a, { steps: 5, weights, computeSeconds: 1 });
      search.prune(b, { steps: 5, weights, computeSeconds: 1 });
      expect(store.getRun(a)).toMatchObject({ status: 'pruned', step: 5, bestVal: { accuracy: 0.3, step: 5 }, final: null });
      expect(store.getRun(b)).toMatchObject({ status: 'pruned', bestVal: { accuracy: 0.2, step: 5 } });
      expect(store.getWeights(a)?.params).toEqual(params);
      expect(store.getCheckpoint(a)).toBeUndefined();
      expect(search.trialsOf(sweepId)).toMatchObject({ inFlight: 1, total: 3 });
      expect(search.trialsOf(sweepId).finished.map((r) => r.id)).toEqual([a, b]);
      store.close();
    });
  });
});
