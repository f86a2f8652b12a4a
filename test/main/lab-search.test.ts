// The LabApi's search, notes, tags and diffs through LabService.dispatch with no data (so
// nothing runs): a search sweep queues its start-up trials, a bad search names its field, notes
// and tags on runs and sweeps come back in the summaries, and two runs diff.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabService } from '../../src/main/lab-service.ts';
import type { RunSummary, SweepReport, SweepSummary } from '../../src/shared/lab-api.ts';
import { withHome } from '../helpers/engine-fixture.ts';

const base = { network: { hidden: [10] }, lambda: 0, schedule: { stepSize: 5, cycles: 1 }, split: 'a2' };
const spec = {
  name: 'tpe', base, search: { kind: 'tpe', trials: 6, startup: 2, seed: 1 },
  scheduler: { kind: 'asha', minSteps: 2 },
  axes: [{ path: 'lambda', logUniform: { min: 1e-5, max: 1e-1 } }],
};

describe('LabService: searches, notes, tags, diffs', () => {
  it('queues a search\'s start-up trials and annotates runs and sweeps', async () => {
    await withHome(async (home) => {
      const service = await LabService.open({ home: path.join(home, 'h'), data: path.join(home, 'no-data') });
      try {
        const created = await service.dispatch('createSweep', { spec });
        expect(created).toMatchObject({ ok: true, value: { sweepId: 1 } });
        const runs = (await service.dispatch('listRuns', {})) as { ok: true; value: RunSummary[] };
        expect(runs.value.map((r) => r.label.split(' ')[0])).toEqual(['#1', '#2']);

        const bad = await service.dispatch('createSweep', { spec: { ...spec, axes: [{ path: 'lambda', values: [0.1, 0.01] }] } });
        expect(bad).toMatchObject({ ok: false, error: { code: 'bad_config' } });
        expect((bad as { error: { message: string } }).error.message).toMatch(/^sweep: axes\[0\]\.values: lists real numbers/);

        const [a, b] = runs.value.map((r) => r.id);
        expect(await service.dispatch('setNote', { runId: a, note: 'first' })).toEqual({ ok: true, value: { note: 'first', tags: [] } });
        expect(await service.dispatch('setTags', { runId: a, tags: ['x', 'y'] })).toEqual({ ok: true, value: { note: 'first', tags: ['x', 'y'] } });
        expect(await service.dispatch('setTags', { runId: a, tags: ['y'] })).toEqual({ ok: true, value: { note: 'first', tags: ['y'] } });
        expect(await service.dispatch('setTags', { sweepId: 1, tags: ['bad tag'] })).toMatchObject({ ok: false, error: { code: 'bad_config' } });
        await service.dispatch('setNote', { sweepId: 1, note: 'λ only' });

        const run = (await service.dispatch('getRun', { id: a })) as { ok: true; value: { run: RunSummary } };
        expect(run.value.run).toMatchObject({ note: 'first', tags: ['y'], pruning: null });
        const sweeps = (await service.dispatch('listSweeps', {})) as { ok: true; value: SweepSummary[] };
        expect(sweeps.value[0]).toMatchObject({ note: 'λ only', search: { kind: 'tpe', trials: 6 }, scheduler: { kind: 'asha', minSteps: 2 } });
        const report = (await service.dispatch('getSweepReport', { id: 1 })) as { ok: true; value: SweepReport };
        expect(report.value.stepsSaved).toEqual({ saved: 0, full: 20 });
        expect(report.value.search?.progress.map((p) => p.value)).toEqual([null, null]);

        const diff = (await service.dispatch('diffRuns', { a, b })) as { ok: true; value: { fields: Array<{ path: string }> } };
        expect(diff.value.fields.map((f) => f.path)).toEqual(['lambda']);
      } finally {
        await service.close();
      }
    });
  });
});
