// @vitest-environment happy-dom
// The Queue's table as a user meets it: a row per run with its status, progress and metrics,
// the buttons each status allows calling the lab for that run, and pages past the page size.
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import QueueTable from '../../../src/renderer/components/QueueTable.vue';
import { FLUSH_MS, useLabStore } from '../../../src/renderer/stores/lab.ts';
import type { RunSummary } from '../../../src/shared/lab-api.ts';
import { finalOf, runSummary } from '../lab-fixtures.ts';
import { fakeLab, mountInApp, settle } from '../mount-lab.ts';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());

const ack = { cancelRun: () => ({ cancelled: 1, stopping: 0 }), retryRun: () => ({ requeued: 1 }), runNext: () => ({ priority: 1 }) };

function mountTable(runs: RunSummary[], pageSize = 25) {
  const calls = fakeLab(ack);
  wrapper = mountInApp(QueueTable, { runs, pageSize });
  return calls;
}

const bodyRows = () => wrapper!.findAll('tbody tr');
const cellsOf = (row: number) => bodyRows()[row].findAll('td').map((cell) => cell.text());
const buttonsOf = (id: number) => ['next', 'cancel', 'retry'].filter((action) => wrapper!.find(`[data-testid="${action}-${id}"]`).exists());

describe('QueueTable', () => {
  it('shows one row per run: link, sweep, label, status, progress, val and test accuracy', () => {
    mountTable([
      runSummary(3, 'running', { step: 25, totalSteps: 100 }),
      runSummary(4, 'completed', { step: 100, totalSteps: 100, final: finalOf(0.4321, 0.4198) }),
    ]);
    expect(bodyRows()).toHaveLength(2);
    const [link, sweep, label, status, , val, test] = cellsOf(1);
    expect([link, sweep, label, status, val, test]).toEqual(['#4', 'sweep-a', 'run 4', 'completed', '43.21%', '41.98%']);
    expect(cellsOf(0)[5]).toBe('–');
    expect(wrapper!.get('[data-testid="run-link-3"]').attributes('href')).toBe('/run/3');
    // The bar's text: the share of steps done.
    expect(cellsOf(0)[4]).toBe('25%');
    expect(cellsOf(1)[4]).toBe('100%');
  });

  it('shows the live step and η of a running run from the store', async () => {
    mountTable([runSummary(3, 'running', { step: 0, totalSteps: 100 })]);
    useLabStore().handleEvent({ kind: 'progress', runId: 3, progress: { step: 60, totalSteps: 100, epoch: 1, eta: 0.05, batchCost: 1.2346 } });
    await new Promise((resolve) => setTimeout(resolve, FLUSH_MS + 50));
    await settle();
    expect(cellsOf(0)[4]).toBe('60%step 60/100 · η 5.0e-2 · batch cost 1.235');
  });

  it('offers run next and cancel for a queued run, cancel for a running one, retry for a failed one', () => {
    mountTable([runSummary(1, 'queued'), runSummary(2, 'running'), runSummary(3, 'failed'), runSummary(4, 'completed'), runSummary(5, 'cancelled')]);
    expect(buttonsOf(1)).toEqual(['next', 'cancel']);
    expect(buttonsOf(2)).toEqual(['cancel']);
    expect(buttonsOf(3)).toEqual(['retry']);
    expect(buttonsOf(4)).toEqual([]);
    expect(buttonsOf(5)).toEqual(['retry']);
  });

  it('calls the lab for the run whose button is clicked', async () => {
    const calls = mountTable([runSummary(1, 'queued'), runSummary(2, 'running'), runSummary(3, 'failed')]);
    await wrapper!.get('[data-testid="next-1"]').trigger('click');
    await wrapper!.get('[data-testid="cancel-2"]').trigger('click');
    await wrapper!.get('[data-testid="retry-3"]').trigger('click');
    expect(calls).toEqual([{ name: 'runNext', input: { id: 1 } }, { name: 'cancelRun', input: { id: 2 } }, { name: 'retryRun', input: { id: 3 } }]);
  });

  it('pages the runs by the page size', async () => {
    mountTable(Array.from({ length: 7 }, (_, i) => runSummary(i + 1, 'queued')), 3);
    expect(bodyRows().map((row) => row.find('td').text())).toEqual(['#1', '#2', '#3']);
    await wrapper!.findAll('.n-pagination-item').find((item) => item.text() === '3')!.trigger('click');
    await settle();
    expect(bodyRows().map((row) => row.find('td').text())).toEqual(['#7']);
  });

  it('shows an empty state and no row when there is no run', () => {
    mountTable([]);
    expect(bodyRows()).toHaveLength(0);
    expect(wrapper!.find('.queue-empty').exists()).toBe(true);
  });
});
