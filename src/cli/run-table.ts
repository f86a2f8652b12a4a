// How runs of the store read in a terminal: one row per run (id, sweep, label, status, steps,
// final accuracies, best val, compute time, error or why it was pruned, tags when known),
// shared by `sweep`, `resume` and `runs`.
import type { RunRecord } from '../main/store/run-store.ts';
import { duration, percent, renderTable } from './format.ts';

const acc = (value: number | undefined) => (value === undefined ? '-' : percent(value));

export function renderRunTable(runs: ReadonlyArray<RunRecord & { tags?: string[] }>): string {
  if (runs.length === 0) return 'No runs.';
  // Which remote worker (name@host) runs or ran each run, when any did.
  const remote = runs.some((r) => r.worker !== null);
  const tagged = runs.some((r) => r.tags && r.tags.length > 0);
  return renderTable([
    { head: 'run', align: 'right' }, { head: 'sweep', align: 'right' }, { head: 'label' }, { head: 'status' },
    { head: 'steps', align: 'right' }, { head: 'train', align: 'right' }, { head: 'val', align: 'right' },
    { head: 'test', align: 'right' }, { head: 'best val', align: 'right' }, { head: 'time', align: 'right' }, { head: 'error' },
    ...(remote ? [{ head: 'worker' }] : []),
    ...(tagged ? [{ head: 'tags' }] : []),
  ], runs.map((r) => [
    String(r.id), r.sweepId === null ? '-' : String(r.sweepId), r.label, r.status,
    `${r.step}/${r.totalSteps ?? '?'}`, acc(r.final?.train.accuracy), acc(r.final?.val.accuracy), acc(r.final?.test.accuracy),
    acc(r.bestVal?.accuracy), r.computeSeconds > 0 ? duration(r.computeSeconds) : '-',
    r.error ? truncate(r.error.message, 60) : '',
    ...(remote ? [r.worker ?? '-'] : []),
    ...(tagged ? [(r.tags ?? []).join(' ')] : []),
  ]));
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
