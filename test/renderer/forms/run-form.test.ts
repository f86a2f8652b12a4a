// The new-run form → sweep spec: what the lab receives from the form, and that the lab's own
// schema accepts the defaults and names a bad field as the form shows it.
import { parseAnySweepSpec } from '../../../src/shared/search-schema.ts';
import { describe, expect, it } from 'vitest';
import { expandSweep } from '../../../src/shared/sweep/expand.ts';
import { defaultForm, formFromConfig, newAxis, numberOrText, parseHidden, runCount, specFromForm } from '../../../src/renderer/forms/run-form.ts';
import { getPreset } from '../../../src/shared/presets.ts';
import { parseSweepSpec } from '../../../src/shared/sweep-schema.ts';

describe('specFromForm', () => {
  it('turns the default form into one valid run with the study settings', () => {
    const spec = parseSweepSpec(specFromForm(defaultForm()), 'form');
    expect(expandSweep(spec)).toHaveLength(1);
    expect(spec.base.network.hidden).toEqual([50, 50]);
    expect(spec.base.split).toEqual({ kind: 'holdout', validation: 5000 });
    expect(spec.base.schedule).toEqual({ etaMin: 1e-5, etaMax: 1e-1, stepSize: 2250, cycles: 2 });
  });

  it('builds axes and repeats: list × log-uniform × 2 seeds', () => {
    const form = defaultForm();
    form.axes = [{ ...newAxis('network.batchNorm'), values: 'false, true' }, { ...newAxis('lambda'), kind: 'logUniform', min: '1e-5', max: '1e-1', count: '4' }];
    form.repeats = '2';
    expect(runCount(form)).toBe(16);
    const spec = parseSweepSpec(specFromForm(form), 'form');
    expect(expandSweep(spec)).toHaveLength(16);
    expect(spec.axes[0]).toEqual({ path: 'network.batchNorm', values: [false, true] });
  });

  it('sends text that is not a number as written, so the message shows it', () => {
    const form = defaultForm();
    form.lambda = 'abc';
    expect(() => parseSweepSpec(specFromForm(form), 'form')).toThrow('base.lambda: must be a number >= 0 (got "abc")');
  });

  it('a train-image limit turns the split into its object form', () => {
    const form = { ...defaultForm(), split: 'a2' as const, trainLimit: '100' };
    expect((specFromForm(form).base as { split: unknown }).split).toEqual({ kind: 'a2', trainLimit: 100 });
  });
});

describe('form helpers', () => {
  it('reads numbers in any JS notation and widths separated by commas or spaces', () => {
    expect(numberOrText(' 1e-3 ')).toBe(0.001);
    expect(numberOrText('')).toBe('');
    expect(parseHidden('50, 30 20')).toEqual([50, 30, 20]);
    expect(parseHidden('')).toEqual([]);
  });

  it('fills the form from a preset, and that form gives the preset config back', () => {
    const preset = getPreset('ex3-bn-3layer');
    const spec = parseSweepSpec(specFromForm(formFromConfig(preset.config, preset.id)), 'form');
    expect({ ...spec.base, name: undefined }).toEqual({ ...preset.config, name: undefined });
  });

  it('has no count while a count cannot be read', () => {
    expect(runCount({ ...defaultForm(), repeats: 'x' })).toBeNull();
    expect(runCount({ ...defaultForm(), axes: [{ ...newAxis(), values: '' }] })).toBeNull();
  });
});

describe('search and early stopping in the form', () => {
  it('builds a TPE search with ASHA that the lab accepts, and counts its trials', () => {
    const form = defaultForm();
    form.axes = [{ ...newAxis('lambda'), kind: 'logUniform', min: '1e-5', max: '1e-1' }, { ...newAxis('schedule.stepSize'), values: '450, 900, 2250' }];
    form.search = { on: true, trials: '12', startup: '4', seed: '3' };
    form.asha = { on: true, metric: 'val.accuracy', minSteps: '450', reduction: '3' };
    const spec = parseAnySweepSpec(specFromForm(form), 'form');
    expect(spec).toMatchObject({
      search: { kind: 'tpe', trials: 12, startup: 4, seed: 3 }, scheduler: { kind: 'asha', metric: 'val.accuracy', minSteps: 450, reduction: 3 },
      axes: [{ path: 'lambda', logUniform: { min: 1e-5, max: 1e-1 } }, { path: 'schedule.stepSize', values: [450, 900, 2250] }],
    });
    expect(runCount(form)).toBe(12);
  });

  it('lets the lab name a list of real numbers in a search', () => {
    const form = { ...defaultForm(), axes: [{ ...newAxis('lambda'), values: '0.1, 0.01' }], search: { on: true, trials: '5', startup: '2', seed: '0' } };
    expect(() => parseAnySweepSpec(specFromForm(form), 'form')).toThrow('form: axes[0].values: lists real numbers');
  });
});
