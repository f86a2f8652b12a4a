// What a search (or any sweep) found, as numbers for a chart or a report: the best value so far
// against trial number, and each searched parameter's importance (importance.ts). Input is the
// runs in trial order with the value of the ranking metric; runs without one (pruned, diverged,
// unfinished) keep the best so far where it was.
import { parameterImportance } from './importance.ts';

export interface SummaryRun {
  /** Trial number, 1-based, in the order the runs were created. */
  trial: number;
  /** The parameters' values, by path. */
  point: Record<string, unknown>;
  value: number | undefined;
  status: string;
}

export interface SearchSummary {
  /** Per trial: its value (null without one) and the best value up to and including it. */
  progress: Array<{ trial: number; value: number | null; best: number | null; status: string }>;
  importance: Array<{ path: string; explained: number; share: number; bins: number }>;
}

export function summarizeSearch(runs: readonly SummaryRun[], paths: readonly string[], higherIsBetter: boolean): SearchSummary {
  let best: number | null = null;
  const progress = [...runs].sort((a, b) => a.trial - b.trial).map((run) => {
    const value = run.value !== undefined && Number.isFinite(run.value) ? run.value : null;
    if (value !== null && (best === null || (higherIsBetter ? value > best : value < best))) best = value;
    return { trial: run.trial, value, best, status: run.status };
  });
  const scored = runs.filter((run) => run.value !== undefined && Number.isFinite(run.value));
  // Numbers are binned by value; anything else (booleans, strings, lists) is a category.
  const kinds = paths.map((path) => (scored.every((run) => typeof run.point[path] === 'number') ? 'numeric' as const : 'categorical' as const));
  const params = scored.map((run) => paths.map((path, p) => (kinds[p] === 'numeric' ? (run.point[path] as number) : categoryIndex(scored, path, run.point[path]))));
  const importance = parameterImportance({ params, values: scored.map((run) => run.value as number), kinds })
    .map((entry, p) => ({ path: paths[p], ...entry }));
  return { progress, importance };
}

function categoryIndex(runs: readonly SummaryRun[], path: string, value: unknown): number {
  const keys = [...new Set(runs.map((run) => JSON.stringify(run.point[path])))];
  return keys.indexOf(JSON.stringify(value));
}
