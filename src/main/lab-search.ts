// The parts of LabService about early stopping, search and annotations: a sweep's search
// summary and saved steps, run and sweep summaries' notes, tags and pruning decision, setting
// notes and tags, and run diffs. Kept apart so lab-service.ts stays the contract's switchboard.
import { stepsSaved } from '../core/search/asha.ts';
import { summarizeSearch } from '../core/search/summary.ts';
import type { SearchSummary } from '../core/search/summary.ts';
import { totalSteps } from '../core/schedule.ts';
import { DEFAULT_METRIC, higherIsBetter, metricOf } from '../shared/sweep/report.ts';
import { ConfigError } from '../shared/errors.ts';
import { uniqueTags } from '../shared/annotations.ts';
import type { RunSummary, SweepReport, SweepSummary } from '../shared/lab-api.ts';
import { diffRuns } from '../shared/run-diff.ts';
import type { RunDiff } from '../shared/run-diff.ts';
import { isSearchSweep } from '../shared/search-schema.ts';
import type { AnySweepSpec } from '../shared/search-schema.ts';
import { AnnotationStore } from './store/annotation-store.ts';
import type { AnnotationTarget, Annotations } from './store/annotation-store.ts';
import { DecisionStore } from './store/decision-store.ts';
import type { RunRecord, RunStore, SweepRecord } from './store/run-store.ts';

export class LabSearch {
  private readonly annotations: AnnotationStore;
  private readonly decisions: DecisionStore;

  constructor(private readonly store: RunStore) {
    this.annotations = new AnnotationStore(store);
    this.decisions = new DecisionStore(store);
  }

  /** Notes, tags and pruning decisions for many runs at once (a few queries, not one per run). */
  runExtras(runs: readonly RunRecord[]): Map<number, Pick<RunSummary, 'note' | 'tags' | 'pruning'>> {
    const annotated = this.annotations.annotateRuns(runs);
    const pruning = this.decisions.pruning();
    return new Map(annotated.map((run) => [run.id, { note: run.note, tags: run.tags, pruning: pruning.get(run.id) ?? null }]));
  }

  sweepExtras(sweep: SweepRecord): Pick<SweepSummary, 'note' | 'tags' | 'search' | 'scheduler'> {
    const spec = sweep.spec as { search?: SweepSummary['search']; scheduler?: SweepSummary['scheduler'] } | null;
    const { note, tags } = this.annotations.get({ sweepId: sweep.id }) ?? { note: '', tags: [] };
    return { note, tags, search: spec?.search ?? null, scheduler: spec?.scheduler ?? null };
  }

  /** The search summary and saved steps of a sweep's report. */
  reportExtras(sweep: SweepRecord): Pick<SweepReport, 'search' | 'stepsSaved'> {
    const spec = sweep.spec as AnySweepSpec;
    const runs = this.store.listRuns({ sweepId: sweep.id });
    const planned = (run: RunRecord) => run.totalSteps ?? totalSteps(run.config.schedule);
    const saved = spec.scheduler
      ? { saved: stepsSaved(runs.map((r) => ({ status: r.status, steps: r.step, totalSteps: planned(r) }))), full: runs.reduce((s, r) => s + planned(r), 0) }
      : null;
    return { search: searchSummaryOf(spec, runs), stepsSaved: saved };
  }

  setNote(target: AnnotationTarget, note: string): Annotations {
    if (!this.annotations.setNote(target, note)) throw missing(target);
    return this.annotations.get(target)!;
  }

  setTags(target: AnnotationTarget, tags: readonly string[]): Annotations {
    const current = this.annotations.get(target);
    if (!current) throw missing(target);
    const wanted = uniqueTags(tags);
    this.annotations.removeTags(target, current.tags.filter((t) => !wanted.includes(t)));
    this.annotations.addTags(target, wanted);
    return this.annotations.get(target)!;
  }

  diff(a: number, b: number): RunDiff {
    const [runA, runB] = [a, b].map((id) => {
      const run = this.store.getRun(id);
      if (!run) throw new ConfigError(`no run ${id}`);
      return run;
    });
    return diffRuns({ ...runA, steps: runA.step }, { ...runB, steps: runB.step });
  }
}

function searchSummaryOf(spec: AnySweepSpec, runs: readonly RunRecord[]): SearchSummary | null {
  const paths = (spec.axes ?? []).flatMap((axis) => ('zip' in axis ? axis.zip.map((m) => m.path) : [axis.path]));
  if (paths.length === 0) return null;
  const metric = isSearchSweep(spec) ? spec.search.metric : DEFAULT_METRIC;
  return summarizeSearch(runs.map((run, i) => ({
    trial: i + 1, point: run.point, status: run.status,
    value: metricOf({ config: run.config, point: run.point, status: run.status, final: run.final ?? undefined, curves: [] }, metric),
  })), paths, higherIsBetter(metric));
}

const missing = (target: AnnotationTarget) => new ConfigError('runId' in target ? `no run ${target.runId}` : `no sweep ${target.sweepId}`);
