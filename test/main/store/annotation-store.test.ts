// Notes and tags on runs and sweeps: set, read back, tags kept once and removable, a missing
// target reported as such, and the runs of a tag found.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnnotationStore } from '../../../src/main/store/annotation-store.ts';
import { RunStore } from '../../../src/main/store/run-store.ts';
import { runsOf, tinyConfig, withHome } from '../../helpers/engine-fixture.ts';

describe('AnnotationStore', () => {
  it('keeps notes and tags of runs and sweeps', async () => {
    await withHome(async (home) => {
      const store = RunStore.open(path.join(home, 'h'), 'test');
      const sweepId = store.createSweep({ name: 's', spec: {}, runs: runsOf([tinyConfig(), tinyConfig({ seed: 2 })]) });
      const [a, b] = store.listRuns({ sweepId }).map((r) => r.id);
      const notes = new AnnotationStore(store);
      expect(notes.setNote({ runId: a }, 'λ too high?')).toBe(true);
      expect(notes.addTags({ runId: a }, ['probe', 'baseline', 'probe'])).toBe(true);
      expect(notes.addTags({ runId: b }, ['probe'])).toBe(true);
      expect(notes.get({ runId: a })).toEqual({ note: 'λ too high?', tags: ['baseline', 'probe'] });
      expect(notes.runsTagged('probe')).toEqual([a, b]);
      expect(notes.removeTags({ runId: a }, ['probe'])).toBe(true);
      expect(notes.runTags()).toEqual(new Map([[a, ['baseline']], [b, ['probe']]]));

      expect(notes.setNote({ sweepId }, 'coarse pass')).toBe(true);
      expect(notes.addTags({ sweepId }, ['week-49'])).toBe(true);
      expect(notes.get({ sweepId })).toEqual({ note: 'coarse pass', tags: ['week-49'] });
      expect(notes.sweepTags()).toEqual(new Map([[sweepId, ['week-49']]]));

      expect(notes.setNote({ runId: 999 }, 'x')).toBe(false);
      expect(notes.addTags({ sweepId: 999 }, ['x'])).toBe(false);
      expect(notes.get({ runId: 999 })).toBeUndefined();
      store.close();
    });
  });
});
