// @vitest-environment happy-dom
// The new-run form as a user meets it: the fields it shows, a bad value answered with the lab's
// field message and nothing queued, a good form queued as the sweep spec the lab expects, and
// a sweep preset queued by name.
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import NewRunForm from '../../../src/renderer/components/NewRunForm.vue';
import { getPreset } from '../../../src/shared/presets.ts';
import { parseSweepSpec } from '../../../src/shared/sweep-schema.ts';
import { labStatus } from '../lab-fixtures.ts';
import { fakeLab, mountInApp, settle } from '../mount-lab.ts';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());

const preset = getPreset('ex3-bn-3layer');

/** A lab that validates a spec as the real one does (the shared schema) and queues one run per valid spec. */
function validatingLab() {
  return fakeLab({
    listPresets: () => ({ runs: [{ id: preset.id, description: preset.description, config: preset.config, referenceTest: null }], sweeps: [{ id: 'lambda-coarse', description: 'coarse λ' }] }),
    createSweep: (input) => {
      if ('spec' in input) parseSweepSpec(input.spec, 'sweep');
      return { sweepId: 7, runIds: [11] };
    },
    getStatus: () => labStatus,
    listRuns: () => [],
    listSweeps: () => [],
  });
}

async function mountForm() {
  const calls = validatingLab();
  wrapper = mountInApp(NewRunForm);
  await settle();
  return calls;
}

const field = (testId: string) => wrapper!.get(`[data-testid="${testId}"] input`);
const queueButton = () => wrapper!.get('[data-testid="queue-form"]');

describe('NewRunForm', () => {
  it('shows every setting of a run with the study defaults, and loads the presets', async () => {
    const calls = await mountForm();
    const labels = wrapper!.findAll('.n-form-item-label').map((label) => label.text());
    for (const label of ['name', 'hidden layers (widths)', 'batch norm', 'init', 'σ', 'λ (L2)', 'η min', 'η max', 'n_s (step size)', 'cycles', 'batch size', 'BN α', 'seed', 'split', 'repeats (seeds)']) {
      expect(labels.some((text) => text.startsWith(label)), label).toBe(true);
    }
    expect((field('f-hidden').element as HTMLInputElement).value).toBe('50, 50');
    expect((field('f-stepsize').element as HTMLInputElement).value).toBe('2250');
    expect(queueButton().text()).toBe('Queue 1 run');
    expect(calls.map((c) => c.name)).toEqual(['listPresets']);
  });

  it('counts the runs as the user adds a sweep axis and repeats', async () => {
    await mountForm();
    await wrapper!.get('[data-testid="add-axis"]').trigger('click');
    await wrapper!.get('[data-testid="axis-values"] input').setValue('0.001, 0.01, 0.1');
    await field('f-repeats').setValue('2');
    expect(queueButton().text()).toBe('Queue 6 runs');
  });

  it('shows the field the lab rejects and queues nothing', async () => {
    const calls = await mountForm();
    await field('f-lambda').setValue('-1');
    await queueButton().trigger('click');
    await settle();
    expect(wrapper!.get('[data-testid="form-errors"]').text()).toContain('base.lambda: must be a number >= 0 (got -1)');
    // Rejected, so the lists are not re-read: no run was queued.
    expect(calls.map((c) => c.name)).toEqual(['listPresets', 'createSweep']);
  });

  it('queues a good form as one sweep spec carrying what the user typed', async () => {
    const calls = await mountForm();
    await field('f-hidden').setValue('30 20');
    await field('f-lambda').setValue('0.005');
    await field('f-seed').setValue('42');
    await queueButton().trigger('click');
    await settle();
    expect(wrapper!.find('[data-testid="form-errors"]').exists()).toBe(false);
    const create = calls.find((c) => c.name === 'createSweep');
    const spec = parseSweepSpec((create?.input as { spec: unknown }).spec, 'test');
    expect(spec.base).toMatchObject({ network: { hidden: [30, 20] }, lambda: 0.005, seed: 42 });
    expect(spec.axes).toEqual([]);
    // Queued, so the queue is re-read.
    expect(calls.map((c) => c.name)).toContain('listRuns');
  });

  it('fills the form from a run preset', async () => {
    await mountForm();
    const select = wrapper!.getComponent({ name: 'Select' });
    select.vm.$emit('update:value', preset.id);
    await settle();
    expect((field('f-hidden').element as HTMLInputElement).value).toBe(preset.config.network.hidden.join(', '));
    expect((field('f-lambda').element as HTMLInputElement).value).toBe(String(preset.config.lambda));
  });
});
