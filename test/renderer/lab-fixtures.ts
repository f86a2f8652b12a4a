// Answers a fake lab gives the mounted components: run summaries, a status, a confusion matrix.
import type { LabStatus, RunConfusion, RunSummary } from '../../src/shared/lab-api.ts';
import { tinyConfig } from '../helpers/tiny-config.ts';

export const labStatus: LabStatus = { home: '/h', data: { path: '/d', ok: true, message: null }, fetch: null, workers: 2, paused: false, running: [] };

export function runSummary(id: number, status: RunSummary['status'], overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    id, sweepId: 1, sweepName: 'sweep-a', label: `run ${id}`, point: {}, repeat: 0, status, priority: 0, step: 0, totalSteps: null,
    config: tinyConfig(), final: null, bestVal: null, error: null, createdAt: '', finishedAt: null, computeSeconds: 0,
    note: '', tags: [], pruning: null, ...overrides,
  };
}

/** Final metrics with these accuracies (cost and loss are not what the tests read). */
export function finalOf(val: number, test: number, train = val): NonNullable<RunSummary['final']> {
  const set = (accuracy: number) => ({ accuracy, cost: 1, loss: 1 });
  return { train: set(train), val: set(val), test: set(test) };
}

export const CLASS_NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/** A 10-class confusion: class t has 10 + t images, of which 5 + t are right, the rest called class (t + 1) % 10. */
export function confusionOf(runId: number): RunConfusion {
  const counts = CLASS_NAMES.map((_, t) => CLASS_NAMES.map((_, p) => (p === t ? 5 + t : p === (t + 1) % 10 ? 5 : 0)));
  const right = counts.reduce((sum, row, t) => sum + row[t], 0);
  const n = counts.flat().reduce((a, b) => a + b, 0);
  return { runId, classNames: CLASS_NAMES, counts, perClass: counts.map((row, t) => row[t] / (10 + t)), accuracy: right / n, n, seconds: 1.5 };
}
