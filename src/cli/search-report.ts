// The lines `sweeplab report` adds for early stopping and search: how many runs the scheduler
// pruned and the update steps that saved, and for any sweep with searched parameters the best
// value found and each parameter's importance (src/core/search/summary.ts). Text only.
import { stepsSaved } from '../core/search/asha.ts';
import { summarizeSearch } from '../core/search/summary.ts';
import { totalSteps } from '../core/schedule.ts';
import { DEFAULT_METRIC, higherIsBetter, metricOf } from '../shared/sweep/report.ts';
import type { RankMetric } from '../shared/sweep/report.ts';
import type { RunRecord } from '../main/store/run-store.ts';
import type { AnySweepSpec } from '../shared/search-schema.ts';
import { isSearchSweep } from '../shared/search-schema.ts';
import { percent } from './format.ts';

const plannedSteps = (run: RunRecord) => run.totalSteps ?? totalSteps(run.config.schedule);

export function searchReportLines(spec: AnySweepSpec, runs: readonly RunRecord[]): string[] {
  const lines: string[] = [];
  if (spec.scheduler) {
    const pruned = runs.filter((r) => r.status === 'pruned').length;
    const saved = stepsSaved(runs.map((r) => ({ status: r.status, steps: r.step, totalSteps: plannedSteps(r) })));
    const full = runs.reduce((sum, r) => sum + plannedSteps(r), 0);
    lines.push(`Early stopping (ASHA on ${spec.scheduler.metric}): ${pruned} of ${runs.length} runs pruned, ${saved} update steps saved ` +
      `(${full > 0 ? Math.round((100 * saved) / full) : 0}% of the ${full} a full sweep would take).`);
  }
  const metric: RankMetric = isSearchSweep(spec) ? spec.search.metric : DEFAULT_METRIC;
  const paths = spec.axes.flatMap((axis) => ('zip' in axis ? axis.zip.map((m) => m.path) : [axis.path]));
  if (paths.length === 0) return lines;
  const summary = summarizeSearch(runs.map((run, i) => ({
    trial: i + 1, point: run.point, status: run.status,
    value: metricOf({ config: run.config, point: run.point, status: run.status, final: run.final ?? undefined, curves: [] }, metric),
  })), paths, higherIsBetter(metric));
  const best = summary.progress.at(-1)?.best;
  if (best !== null && best !== undefined) {
    const at = summary.progress.findIndex((p) => p.value === best);
    const shown = metric.includes('accuracy') ? percent(best) : best.toFixed(4);
    lines.push(`Best ${metric}: ${shown} (run #${runs[at].id} ${runs[at].label}).`);
  }
  if (summary.importance.some((i) => i.share > 0)) {
    lines.push(`Importance for ${metric} (share of variance explained by each parameter's bins, ε²; see README): ` +
      summary.importance.map((i) => `${i.path} ${Math.round(100 * i.share)}%`).join(', ') + '.');
  }
  return lines;
}
