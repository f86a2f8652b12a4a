// @vitest-environment happy-dom
// The Compare view's table as a user meets it: a row per run with the default columns, sorted
// by a click on a header, narrowed by the filter, widened by the column chooser (a config field,
// or a metric at a step the lab looks up), and ticked runs' curves fetched for the overlay.
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(async () => {
  const { LaidOutResizeObserver } = await import('../layout-size.ts');
  Object.assign(window, { ResizeObserver: LaidOutResizeObserver });
});

import CompareView from '../../../src/renderer/views/CompareView.vue';
import type { RunSummary } from '../../../src/shared/lab-api.ts';
import { finalOf, labStatus, runSummary } from '../lab-fixtures.ts';
import { fakeLab, mountInApp, settle } from '../mount-lab.ts';

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  document.body.innerHTML = '';
});

const config = (lambda: number, seed: number) => ({ ...runSummary(0, 'queued').config, lambda, seed });
const RUNS: RunSummary[] = [
  runSummary(1, 'completed', { label: 'lambda small', config: config(0.0001, 11), final: finalOf(0.42, 0.41) }),
  runSummary(2, 'completed', { label: 'lambda large', sweepName: 'sweep-b', config: config(0.01, 12), final: finalOf(0.38, 0.37) }),
  runSummary(3, 'failed', { label: 'lambda huge', config: config(1, 13) }),
  runSummary(4, 'completed', { label: 'lambda mid', config: config(0.001, 14), final: finalOf(0.45, 0.44) }),
];

async function mountCompare() {
  const calls = fakeLab({
    getStatus: () => labStatus, listSweeps: () => [], listRuns: () => RUNS,
    getRun: ({ id }) => ({ run: RUNS.find((r) => r.id === id)!, curves: [{ step: 0, epoch: 0, eta: 0.01, train: { cost: 1, loss: 1, accuracy: 0.1 }, val: { cost: 1, loss: 1, accuracy: 0.1 } }] }),
    getRunMetricsAt: () => [{ runId: 4, point: { step: 100, epoch: 1, eta: 0.01, train: { cost: 1, loss: 1, accuracy: 0.3 }, val: { cost: 1, loss: 1, accuracy: 0.3125 } } }],
  });
  // vue-echarts needs a canvas; the charts' options are tested on their own (charts/).
  wrapper = mountInApp(CompareView, {}, { stubs: { echarts: true } });
  await settle();
  return calls;
}

const table = () => wrapper!.get('[data-testid="compare-table"]');
const headers = () => table().findAll('thead th').map((th) => th.text());
const rows = () => table().findAll('tbody tr').map((tr) => tr.findAll('td').slice(1).map((td) => td.text()));
const idColumn = () => rows().map((cells) => cells[0]);
const title = () => wrapper!.get('.n-card-header__main').text();

describe('CompareView', () => {
  it('shows every run with the default columns', async () => {
    const calls = await mountCompare();
    expect(calls.map((c) => c.name).sort()).toEqual(['getStatus', 'listRuns', 'listSweeps']);
    expect(title()).toBe('Runs — 4 of 4');
    expect(headers().slice(1)).toEqual(['run', 'sweep', 'label', 'status', 'λ', 'hidden', 'BN', 'final val', 'final test', 'best val']);
    expect(rows()[1]).toEqual(['#2', 'sweep-b', 'lambda large', 'completed', '0.01', '16', 'yes', '38.00', '37.00', '']);
    expect(rows()[2].slice(7)).toEqual(['', '', '']);
  });

  it('sorts by a column when its header is clicked, descending then ascending, a run without the figure lowest', async () => {
    await mountCompare();
    const header = table().findAll('thead th').find((th) => th.text() === 'final val')!;
    await header.trigger('click');
    await settle();
    expect(idColumn()).toEqual(['#4', '#1', '#2', '#3']);
    await header.trigger('click');
    await settle();
    expect(idColumn()).toEqual(['#3', '#2', '#1', '#4']);
  });

  it('filters the rows by label, sweep or #id as the user types', async () => {
    await mountCompare();
    await wrapper!.get('[data-testid="compare-filter"] input').setValue('sweep-b');
    await settle();
    expect(idColumn()).toEqual(['#2']);
    expect(title()).toBe('Runs — 1 of 4');
    await wrapper!.get('[data-testid="compare-filter"] input').setValue('#4');
    await settle();
    expect(idColumn()).toEqual(['#4']);
  });

  it('adds a config column ticked in the column chooser', async () => {
    await mountCompare();
    await wrapper!.get('[data-testid="columns"]').trigger('click');
    await settle();
    const seed = [...document.querySelectorAll('.n-checkbox')].find((box) => box.textContent?.trim() === 'seed') as HTMLElement;
    seed.click();
    await settle();
    expect(headers().at(-1)).toBe('seed');
    expect(rows().map((cells) => cells.at(-1))).toEqual(['11', '12', '13', '14']);
  });

  it('adds a metric-at-step column whose values the lab looks up', async () => {
    const calls = await mountCompare();
    await wrapper!.get('[data-testid="columns"]').trigger('click');
    await settle();
    (document.querySelector('[data-testid="add-at-column"]') as HTMLElement).click();
    await settle();
    expect(calls.filter((c) => c.name === 'getRunMetricsAt').map((c) => c.input)).toEqual([{ step: 100 }]);
    expect(headers().at(-1)).toMatch(/@ step 100/);
    expect(rows().map((cells) => cells.at(-1))).toEqual(['', '', '', '31.25']);
  });

  it('fetches the curves of a ticked run for the overlay chart', async () => {
    const calls = await mountCompare();
    expect(wrapper!.find('[data-testid="overlay-chart"]').exists()).toBe(false);
    await table().findAll('tbody tr')[3].get('.n-checkbox').trigger('click');
    await settle();
    expect(calls.filter((c) => c.name === 'getRun').map((c) => c.input)).toEqual([{ id: 4 }]);
    expect(wrapper!.find('[data-testid="overlay-chart"]').exists()).toBe(true);
  });
});
