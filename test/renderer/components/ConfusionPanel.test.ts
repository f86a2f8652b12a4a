// @vitest-environment happy-dom
// The Run view's confusion panel as a user meets it: for a completed run, ten rows (true class)
// of ten cells (predicted), each class's images and accuracy, counts switched to % of the true
// class; before the lab answers, or when it cannot, it says so instead of showing a matrix.
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import ConfusionPanel from '../../../src/renderer/components/ConfusionPanel.vue';
import { useRunStore } from '../../../src/renderer/stores/run.ts';
import { ConfigError } from '../../../src/shared/errors.ts';
import type { RunConfusion } from '../../../src/shared/lab-api.ts';
import { CLASS_NAMES, confusionOf, runSummary } from '../lab-fixtures.ts';
import { fakeLab, mountInApp, settle } from '../mount-lab.ts';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());

/** Mounts the panel and opens run 5 as the Run view does; the lab answers `confusion` for it. */
async function openRun(confusion: () => RunConfusion) {
  const calls = fakeLab({ getRun: ({ id }) => ({ run: runSummary(id, 'completed'), curves: [] }), getRunConfusion: confusion });
  wrapper = mountInApp(ConfusionPanel);
  await useRunStore().open(5);
  await settle();
  return calls;
}

const matrixRows = () => wrapper!.findAll('[data-testid="confusion-matrix"] tbody tr');
/** A row as its cells read: [true class, 10 predicted cells…, images, accuracy]. */
const rowText = (t: number) => matrixRows()[t].findAll('th, td').map((cell) => cell.text());

describe('ConfusionPanel', () => {
  it('shows ten rows of ten counts with each class\'s images and accuracy, and the overall figure', async () => {
    const calls = await openRun(() => confusionOf(5));
    expect(calls).toEqual([{ name: 'getRun', input: { id: 5 } }, { name: 'getRunConfusion', input: { id: 5 } }]);
    expect(wrapper!.findAll('[data-testid="confusion-matrix"] thead th').map((th) => th.text())).toEqual(['true ↓ · predicted →', ...CLASS_NAMES, 'images', 'accuracy']);
    expect(matrixRows()).toHaveLength(10);
    // cat: 13 images, 8 right, 5 called deer.
    expect(rowText(3)).toEqual(['cat', '0', '0', '0', '8', '5', '0', '0', '0', '0', '0', '13', '61.5%']);
    // truck: 19 images, 14 right, 5 called airplane (the wrap-around).
    expect(rowText(9)).toEqual(['truck', '5', '0', '0', '0', '0', '0', '0', '0', '0', '14', '19', '73.7%']);
    expect(wrapper!.get('[data-testid="confusion-summary"]').text()).toMatch(/^145 test images, 65\.5% correct; from the stored weights in 1\.5 s/);
  });

  it('switches the cells to % of the true class and back', async () => {
    await openRun(() => confusionOf(5));
    const switchTo = async (label: string) => {
      const radio = wrapper!.findAll('.n-radio-button').find((button) => button.text() === label)!;
      await radio.get('input').setValue(true);
      await settle();
    };
    await switchTo('% of true class');
    expect(rowText(3).slice(1, 11)).toEqual(['0', '0', '0', '61.5', '38.5', '0', '0', '0', '0', '0']);
    expect(rowText(0).slice(1, 3)).toEqual(['50', '50']);
    // The per-class columns do not change with the cells.
    expect(rowText(3).slice(11)).toEqual(['13', '61.5%']);
    await switchTo('counts');
    expect(rowText(3).slice(1, 11)).toEqual(['0', '0', '0', '8', '5', '0', '0', '0', '0', '0']);
  });

  it('names each cell on hover', async () => {
    await openRun(() => confusionOf(5));
    expect(matrixRows()[3].findAll('td')[4].attributes('title')).toBe('true cat → predicted deer: 5');
  });

  it('shows a dash for a class without test images', async () => {
    await openRun(() => {
      const c = confusionOf(5);
      c.counts[2] = c.counts[2].map(() => 0);
      c.perClass[2] = null;
      return c;
    });
    expect(rowText(2).slice(11)).toEqual(['0', '–']);
  });

  it('shows the lab\'s error instead of a matrix', async () => {
    await openRun(() => {
      throw new ConfigError('run 5 has no stored weights');
    });
    expect(wrapper!.find('[data-testid="confusion-matrix"]').exists()).toBe(false);
    expect(wrapper!.text()).toContain('run 5 has no stored weights');
  });
});
