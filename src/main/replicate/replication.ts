// `sweeplab replicate`: the whole reference study as one lineage of sweeps in the run store,
// run by the engine's Lab like any sweep. Independent stages (the six preset runs, the
// overfit check, the coarse λ search, the σ × BN study) are queued at once; the fine λ search
// is refined from the coarse one when its last run ends, and the best-λ runs follow the fine
// search. The gradient checks run in a thread of their own meanwhile. Everything is stored as
// it happens, so running it again on the same home continues where it stopped.
import { expandSweep } from '../../shared/sweep/expand.ts';
import { refineSweep } from '../../shared/sweep/refine.ts';
import { DEFAULT_METRIC, metricOf } from '../../shared/sweep/report.ts';
import type { ReplicationInfo } from '../../shared/replicate/model.ts';
import {
  BEST_LAMBDA_ROWS, bestLambda, gradCheckPlans, OVERFIT_PRESET, PRESET_ROWS, presetConfig, quickConfig, STAGE_PRIORITY, STAGE_SECTION, STAGES,
} from '../../shared/replicate/plan.ts';
import type { SectionId, StageId } from '../../shared/replicate/plan.ts';
import { isActiveStatus } from '../../shared/run-status.ts';
import { getSweepPreset } from '../../shared/sweep-presets.ts';
import { parseSweepSpec } from '../../shared/sweep-schema.ts';
import type { SweepSpec } from '../../shared/sweep-schema.ts';
import type { DataSource } from '../data/source.ts';
import { Lab } from '../engine/lab.ts';
import type { EngineEvent } from '../engine/events.ts';
import type { NewRun, RunRecord, RunStore } from '../store/run-store.ts';
import { ReplicationStore } from '../store/replication-store.ts';
import type { ReplicationRecord } from '../store/replication-store.ts';
import { openRemoteLab } from '../remote/remote-lab.ts';
import { runGradChecks } from './gradcheck-runner.ts';
import type { CheckRunner } from './gradcheck-runner.ts';
import { sweepRuns } from './load.ts';

export interface ReplicateOptions {
  store: RunStore;
  source: DataSource;
  workers: number;
  quick: boolean;
  repeats: number;
  /** The sections this process works on (--only); the report covers every section ever asked for. */
  sections: readonly SectionId[];
  /** Command, machine, data: stored with the replication for its report. */
  info: ReplicationInfo;
  /** Start a new replication even if one of this mode and repeat count exists. */
  fresh?: boolean;
  /** Another training worker entry (tests). */
  workerFile?: URL | string;
  /** Train on remote workers through this Redis, `workers` threads here lent to the same queue. */
  remote?: { redisUrl: string; insecure?: boolean; say: (line: string) => void };
}

export type ReplicateEvent =
  /** The stages that can run are queued and the Lab is about to start. */
  | { kind: 'ready' }
  | { kind: 'lab'; event: EngineEvent }
  /** A stage's sweep was queued (at start, or when the stage before it ended). */
  | { kind: 'stage'; stage: StageId; sweepId: number; runs: number }
  | { kind: 'check'; key: string; passed: boolean; seconds: number }
  /** The check thread failed (training goes on; the next `sweeplab replicate` tries the rest again). */
  | { kind: 'check-failed'; message: string };

export class Replication {
  readonly record: ReplicationRecord;
  readonly resumed: boolean;
  private readonly replications: ReplicationStore;
  private readonly listeners = new Set<(event: ReplicateEvent) => void>();
  private lab: Lab | null = null;
  private checks: CheckRunner | null = null;
  private stopping = false;
  private readonly startedMs = performance.now();

  constructor(private readonly options: ReplicateOptions) {
    this.replications = new ReplicationStore(options.store);
    const mode = options.quick ? 'quick' : 'full';
    const existing = options.fresh ? undefined : this.replications.latest({ mode, repeats: options.repeats });
    this.resumed = existing !== undefined;
    const id = existing?.id ?? this.replications.create(mode, options.repeats, {});
    const sections = [...new Set([...(existing?.info.sections ?? []), ...options.sections])];
    this.replications.setInfo(id, { ...options.info, sections });
    this.replications.setFinished(id, false);
    this.record = this.replications.get(id)!;
  }

  get id(): number {
    return this.record.id;
  }

  subscribe(listener: (event: ReplicateEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ReplicateEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Seconds since this process took the replication up (added to its record at the end). */
  get elapsedSeconds(): number {
    return (performance.now() - this.startedMs) / 1000;
  }

  /** Queued and running runs of the sweeps this process works on (for a progress display). */
  unfinishedRuns(): RunRecord[] {
    return this.activeSweepIds().flatMap((sweepId) => this.options.store.listRuns({ sweepId })).filter((r) => isActiveStatus(r.status));
  }

  /** Runs of the sweeps this process works on that have ended. */
  finishedRuns(): number {
    return this.activeSweepIds().flatMap((sweepId) => this.options.store.listRuns({ sweepId })).filter((r) => !isActiveStatus(r.status)).length;
  }

  /**
   * Runs every stage asked for to its end (or until stop()): resolves with whether every
   * stage and check of the replication is done. Runs a killed process left running continue
   * from their checkpoints, as with `sweeplab resume`.
   */
  async run(): Promise<boolean> {
    const { store } = this.options;
    this.advance();
    store.limitQueue(this.activeSweepIds());
    const lab = await this.openLab();
    this.lab = lab;
    lab.subscribe((event) => {
      this.emit({ kind: 'lab', event });
      // A stage's last run ending may open the next stage: queue it before the Lab looks for work.
      if (event.kind === 'run-finished' && this.advance()) {
        store.limitQueue(this.activeSweepIds());
        if (!this.stopping) lab.resume();
      }
    });
    this.checks = this.startChecks();
    try {
      this.emit({ kind: 'ready' });
      lab.start();
      await Promise.all([lab.whenIdle(), this.checks.done.catch((err: unknown) => this.emit({ kind: 'check-failed', message: (err as Error).message }))]);
    } finally {
      await lab.close();
      await this.checks.stop();
      store.limitQueue(null);
      this.replications.addWallSeconds(this.id, this.elapsedSeconds);
    }
    const complete = !this.stopping && this.isComplete();
    this.replications.setFinished(this.id, complete);
    return complete;
  }

  private async openLab(): Promise<Lab> {
    const { store, source, workers, workerFile, remote } = this.options;
    if (!remote) return new Lab({ store, data: source, workers, workerFile });
    const opened = await openRemoteLab({ store, source, redisUrl: remote.redisUrl, insecure: remote.insecure, localThreads: workers, say: remote.say, workerFile });
    return opened.lab;
  }

  /** Running runs checkpoint and go back to the queue; the checks stop; run() then resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([this.lab?.close(), this.checks?.stop()]);
  }

  /** Every section the replication was ever asked for: what its report covers. */
  private get allSections(): SectionId[] {
    return this.replications.get(this.id)?.info.sections ?? [];
  }

  /** The sweeps of the sections this process was asked for (--only): the only runs it takes. */
  private activeSweepIds(): number[] {
    const sweeps = this.stageSweeps();
    return STAGES.filter((stage) => this.options.sections.includes(STAGE_SECTION[stage]) && sweeps[stage] !== undefined).map((stage) => sweeps[stage]!);
  }

  /** Stage → sweep id, as stored now. */
  private stageSweeps(): Partial<Record<StageId, number>> {
    return this.replications.get(this.id)?.sweeps ?? {};
  }

  private ended(sweepId: number | undefined): boolean {
    if (sweepId === undefined) return false;
    const counts = this.options.store.counts(sweepId);
    return counts.queued + counts.running === 0;
  }

  private isComplete(): boolean {
    const sweeps = this.stageSweeps();
    const stagesDone = STAGES.filter((stage) => this.allSections.includes(STAGE_SECTION[stage])).every((stage) => this.ended(sweeps[stage]));
    const checksDone = !this.allSections.includes('gradcheck') || this.pendingChecks().length === 0;
    return stagesDone && checksDone;
  }

  /** Queues every stage of the sections asked for that can start now; true if it queued any. */
  private advance(): boolean {
    let queued = false;
    for (const stage of STAGES) {
      if (!this.options.sections.includes(STAGE_SECTION[stage]) || this.stageSweeps()[stage] !== undefined) continue;
      const spec = this.stageSpec(stage);
      if (!spec) continue;
      const runs = 'runs' in spec ? spec.runs : expandSweep(spec.sweep);
      const sweepSpec = 'runs' in spec ? spec.spec : spec.sweep;
      const sweepId = this.options.store.createSweep({
        name: sweepSpec.name, spec: sweepSpec, dataSource: this.options.source.path, priority: STAGE_PRIORITY[stage],
        parentId: spec.parentId, runs,
      });
      this.replications.linkSweep(this.id, stage, sweepId);
      this.emit({ kind: 'stage', stage, sweepId, runs: runs.length });
      queued = true;
    }
    return queued;
  }

  /**
   * What a stage queues: a sweep spec (expanded as `sweeplab sweep` does) or, for stages made
   * of presets, the preset runs themselves; undefined while the stage it needs has not ended.
   */
  private stageSpec(stage: StageId): { sweep: SweepSpec; parentId?: number } | { spec: { name: string; description: string; axes: unknown[] }; runs: NewRun[]; parentId?: number } | undefined {
    const { quick } = this.options;
    const name = `rep${this.id}-${stage}`;
    const presetRuns = (ids: readonly string[], lambda?: number): NewRun[] => ids.map((id, index) => {
      const config = presetConfig(id as (typeof PRESET_ROWS)[number], quick && id !== OVERFIT_PRESET);
      if (lambda !== undefined) config.lambda = lambda;
      const label = lambda === undefined ? id : `${id} λ=${Number(lambda.toPrecision(4))}`;
      return { index, label, point: lambda === undefined ? { preset: id } : { preset: id, lambda }, repeat: 0, config: { ...config, name: `${name} ${label}` } };
    });
    const sweeps = this.stageSweeps();
    switch (stage) {
      case 'presets':
        return { spec: { name, description: 'The six rows of EXPERIMENTS.md "Results to reproduce"', axes: [{ path: 'preset', values: [...PRESET_ROWS] }] }, runs: presetRuns(PRESET_ROWS) };
      case 'overfit':
        return { spec: { name, description: 'Sanity check: overfit 100 training images', axes: [] }, runs: presetRuns([OVERFIT_PRESET]) };
      case 'lambda-coarse': {
        const base = getSweepPreset('lambda-coarse-log');
        return { sweep: { ...base, name, base: quick ? quickConfig(base.base) : base.base, priority: STAGE_PRIORITY[stage] } };
      }
      case 'lambda-fine': {
        const coarseId = sweeps['lambda-coarse'];
        if (coarseId === undefined || !this.ended(coarseId)) return undefined;
        const parent = parseSweepSpec(this.options.store.getSweep(coarseId)!.spec, `sweep #${coarseId} (stored)`);
        const results = sweepRuns(this.options.store, coarseId).map((run) => ({ point: run.point, value: metricOf(run, DEFAULT_METRIC) ?? Number.NaN }));
        if (!results.some((r) => Number.isFinite(r.value))) return undefined; // nothing finished to refine around: the report says so
        const child = refineSweep(parent, results, { top: 3, metric: DEFAULT_METRIC });
        child.parent = { ...child.parent!, id: coarseId };
        return { sweep: child, parentId: coarseId };
      }
      case 'best-lambda': {
        const fineId = sweeps['lambda-fine'];
        if (fineId === undefined || !this.ended(fineId)) return undefined;
        const lambda = bestLambda(sweepRuns(this.options.store, fineId));
        if (lambda === undefined) return undefined;
        return { spec: { name, description: 'The best-λ runs (3 cycles, 3- and 9-layer BN) with the fine search\'s best λ', axes: [{ path: 'preset', values: [...BEST_LAMBDA_ROWS] }] }, runs: presetRuns(BEST_LAMBDA_ROWS, lambda), parentId: fineId };
      }
      case 'sigma': {
        const base = getSweepPreset('sigma-sensitivity');
        return { sweep: { ...base, name, base: quick ? quickConfig(base.base) : base.base, repeats: this.options.repeats, priority: STAGE_PRIORITY[stage] } };
      }
    }
  }

  private pendingChecks() {
    const done = new Set(this.replications.checks(this.id).map((c) => c.key));
    return gradCheckPlans(this.options.quick).filter((plan) => !done.has(plan.key));
  }

  private startChecks(): CheckRunner {
    const plans = this.options.sections.includes('gradcheck') ? this.pendingChecks() : [];
    return runGradChecks(this.options.source, plans, ({ plan, report, seconds }) => {
      this.replications.saveCheck(this.id, plan, report, seconds);
      this.emit({ kind: 'check', key: plan.key, passed: report.passed, seconds });
    });
  }
}
