// The Run view's analyses in the renderer: the confusion matrix's table (cells, per-class rows,
// CSV) and its PNG chart option built from the lab's answer, and the run store loading a completed run's matrix, running a gradient
// check and following its progress events.
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CustomSeriesOption, CustomSeriesRenderItem } from 'echarts';
import { LabClient } from '../../../src/renderer/api/client.ts';
import type { LabTransport } from '../../../src/renderer/api/client.ts';
import { setLabClient } from '../../../src/renderer/api/lab.ts';
import { buildConfusionOption } from '../../../src/renderer/charts/confusion-chart.ts';
import { cellColor, confusionCsv, matrixRows, perClassRows } from '../../../src/renderer/charts/confusion-table.ts';
import { useRunStore } from '../../../src/renderer/stores/run.ts';
import type { RunConfusion, RunGradCheck, RunSummary } from '../../../src/shared/lab-api.ts';
import { tinyConfig } from '../../helpers/engine-fixture.ts';

// Three classes: 4 "cat" (3 right), 2 "dog" (both right), no "frog".
const confusion: RunConfusion = {
  runId: 7, classNames: ['cat', 'dog', 'frog'], counts: [[3, 1, 0], [0, 2, 0], [0, 0, 0]], perClass: [0.75, 1, null], accuracy: 5 / 6, n: 6, seconds: 0.4,
};

describe('confusion matrix table', () => {
  it('puts counts in cells, true class down and predicted across, shaded by value', () => {
    const rows = matrixRows(confusion, false);
    expect(rows.map((r) => r.name)).toEqual(['cat', 'dog', 'frog']);
    expect(rows[0].cells.map((c) => c.text)).toEqual(['3', '1', '0']); // true cat: 3 right, 1 taken for a dog
    expect(rows[1].cells.map((c) => c.text)).toEqual(['0', '2', '0']);
    expect(rows[0].cells[0]).toMatchObject({ fill: cellColor(1), ink: '#fff', title: 'true cat → predicted cat: 3' });
    expect(rows[0].cells[1]).toMatchObject({ fill: cellColor(1 / 3), ink: '#333', title: 'true cat → predicted dog: 1' });
    expect(rows.map((r) => [r.images, r.accuracy])).toEqual([[4, 0.75], [2, 1], [0, null]]);
    expect(cellColor(0)).toBe('rgb(247, 251, 255)');
    expect(cellColor(1)).toBe('rgb(66, 146, 198)');
    expect(cellColor(0.5)).toBe('rgb(157, 199, 227)');
  });

  it('shows each row as a share of its true class, a class with no images as 0', () => {
    const rows = matrixRows(confusion, true);
    expect(rows[0].cells.map((c) => c.text)).toEqual(['75', '25', '0']);
    expect(rows[0].cells[1].title).toBe('true cat → predicted dog: 25%');
    expect(rows[1].cells.map((c) => c.text)).toEqual(['0', '100', '0']);
    expect(rows[2].cells.map((c) => c.text)).toEqual(['0', '0', '0']);
    expect(rows[1].cells[1].fill).toBe(cellColor(1)); // the largest share is the darkest, not the largest count
  });

  it('lists images, correct and accuracy per class', () => {
    expect(perClassRows(confusion)).toEqual([
      { name: 'cat', images: 4, correct: 3, accuracy: 0.75 },
      { name: 'dog', images: 2, correct: 2, accuracy: 1 },
      { name: 'frog', images: 0, correct: 0, accuracy: null },
    ]);
  });

  it('exports the counts as CSV with each class\'s images, correct and accuracy', () => {
    expect(confusionCsv(confusion)).toBe([
      'true \\ predicted,cat,dog,frog,images,correct,accuracy (%)',
      'cat,3,1,0,4,3,75.00',
      'dog,0,2,0,2,2,100.00',
      'frog,0,0,0,0,0,',
      '',
    ].join('\n'));
  });
});

describe('confusion matrix PNG', () => {
  it('draws each cell as a labelled rectangle filling its band, true class down, darker for larger values', () => {
    const option = buildConfusionOption(confusion, false);
    const [series] = option.series as CustomSeriesOption[];
    expect(series.data).toContainEqual([0, 0, 3]); // predicted cat, true cat
    expect(series.data).toContainEqual([1, 0, 1]); // true cat predicted dog
    expect(series.data).toHaveLength(9);
    expect(option.yAxis).toMatchObject({ data: ['cat', 'dog', 'frog'], inverse: true, name: 'true' });
    expect(option.xAxis).toMatchObject({ data: ['cat', 'dog', 'frog'], name: 'predicted' });
    // A fake of the API ECharts hands renderItem: cells 40 × 30 px, category i at 40i + 20.
    const cell = (item: [number, number, number]) => (series.renderItem as CustomSeriesRenderItem)({} as never, {
      value: (dim: number) => item[dim], coord: ([p, t]: number[]) => [40 * p + 20, 30 * t + 15], size: () => [40, 30],
    } as never) as { shape: object; style: { fill: string }; textContent: { style: { text: string; fill: string } } };
    const catCat = cell([0, 0, 3]);
    expect(catCat.shape).toEqual({ x: 0, y: 0, width: 40, height: 30 });
    expect(catCat.style.fill).toBe(cellColor(1));
    expect(catCat.textContent.style).toMatchObject({ text: '3', fill: '#fff' });
    const dogCat = cell([1, 0, 1]);
    expect(dogCat.shape).toEqual({ x: 40, y: 0, width: 40, height: 30 });
    expect(dogCat.style.fill).toBe(cellColor(1 / 3));
    expect(dogCat.textContent.style).toMatchObject({ text: '1', fill: '#333' });
  });

  it('puts shares of the true class in the cells and says so in its title', () => {
    const option = buildConfusionOption(confusion, true);
    const [series] = option.series as CustomSeriesOption[];
    expect(series.data).toContainEqual([0, 0, 75]);
    expect(series.data).toContainEqual([1, 0, 25]);
    expect(series.data).toContainEqual([2, 2, 0]);
    expect(option.title).toMatchObject({ text: 'Confusion matrix (% of true class)' });
  });
});

const summary = (status: RunSummary['status']): RunSummary => ({
  id: 7, sweepId: 1, sweepName: 's', label: 'run 7', point: {}, repeat: 0, status, priority: 0, step: 0, totalSteps: null, config: tinyConfig(),
  final: null, bestVal: null, error: null, createdAt: '', finishedAt: null, computeSeconds: 0, note: '', tags: [], pruning: null,
});

/** A transport answering from `answers` (a function is called with the input); records each call. */
function fakeLab(answers: Record<string, unknown>): Array<{ name: string; input: unknown }> {
  const calls: Array<{ name: string; input: unknown }> = [];
  const transport: LabTransport = {
    kind: 'ws',
    call: (async (name: string, input: unknown) => {
      calls.push({ name, input });
      const answer = answers[name];
      if (answer instanceof Error) return { ok: false, error: { code: 'bad_config', message: answer.message } };
      return { ok: true, value: typeof answer === 'function' ? await (answer as (i: unknown) => unknown)(input) : answer };
    }) as LabTransport['call'],
    onEvent: () => () => {},
  };
  setLabClient(new LabClient(transport));
  return calls;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => setActivePinia(createPinia()));

describe('run store analyses', () => {
  it('loads the confusion matrix of a completed run, and does not ask for one of a running run', async () => {
    let calls = fakeLab({ getRun: { run: summary('running'), curves: [] } });
    const store = useRunStore();
    await store.open(7);
    await flush();
    expect(calls.map((c) => c.name)).toEqual(['getRun']);
    setActivePinia(createPinia());
    calls = fakeLab({ getRun: { run: summary('completed'), curves: [] }, getRunConfusion: confusion });
    const done = useRunStore();
    await done.open(7);
    await flush();
    expect(calls.map((c) => c.name)).toEqual(['getRun', 'getRunConfusion']);
    expect(done.confusion).toEqual(confusion);
    expect(done.confusionLoading).toBe(false);
  });

  it('keeps the lab\'s refusal as the panel\'s message', async () => {
    fakeLab({ getRun: { run: summary('completed'), curves: [] }, getRunConfusion: new Error('A confusion matrix needs the CIFAR-10 data') });
    const store = useRunStore();
    await store.open(7);
    await flush();
    expect(store.confusion).toBeNull();
    expect(store.confusionError).toMatch(/needs the CIFAR-10 data/);
  });

  it('runs a gradient check, follows its progress events, and keeps the report', async () => {
    let finish: (value: RunGradCheck) => void = () => {};
    const calls = fakeLab({ getRun: { run: summary('completed'), curves: [] }, getRunConfusion: confusion, runGradCheck: () => new Promise((resolve) => { finish = resolve; }) });
    const store = useRunStore();
    await store.open(7);
    const pending = store.runGradCheck(3072);
    expect(store.gradcheckRunning).toEqual({ dims: 3072, done: 0, total: 0 });
    expect(calls.at(-1)).toEqual({ name: 'runGradCheck', input: { id: 7, dims: 3072 } });
    store.handleEvent({ kind: 'gradcheck-progress', runId: 8, dims: 3072, done: 9, total: 10 }); // another run's: ignored
    store.handleEvent({ kind: 'gradcheck-progress', runId: 7, dims: 3072, done: 1024, total: 4096 });
    expect(store.gradcheckRunning).toEqual({ dims: 3072, done: 1024, total: 4096 });
    await flush();
    const report = { layers: [3072, 16, 10], batchNorm: true, samples: 10, h: 1e-5, lambda: 0.001, rule: { atol: 1e-7, rtol: 1e-6, normTol: 1e-6, zeroRms: 1e-9 }, tensors: [], passed: true };
    finish({ runId: 7, dims: 3072, report, seconds: 21 });
    await pending;
    expect(store.gradcheckRunning).toBeNull();
    expect(store.gradcheck?.report).toEqual(report);
  });
});
